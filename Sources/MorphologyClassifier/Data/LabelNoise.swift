// galmorph — MorphologyClassifier
//
// Seeded label flips: the injected noise `clean` and `train` are measured against.
import GalmorphSupport

/// Seeded label noise for measuring mislabel detection and noise-robust training (the Tomo-e Gozen real/bogus
/// work's test: flip a known fraction, see what the method recovers).
public enum LabelNoise {
  /// `round(fraction · n)` distinct example indices of `0..<n`, the first of a Fisher–Yates shuffle with
  /// `SeededGenerator(seed)`, sorted. `clean --inject-flips F` and `train --inject-flips F` with one seed flip the
  /// same examples of one dataset.
  public static func flips(count n: Int, fraction: Double, seed: UInt64) -> [Int] {
    var rng = SeededGenerator(seed: seed)
    var idx = Array(0..<n)
    rng.shuffle(&idx)
    return idx.prefix(Int((fraction * Double(n)).rounded())).sorted()
  }

  /// Flips the labels (0 ↔ 1) and targets (t → 1 − t) of ``flips(count:fraction:seed:)`` of `data`'s own examples
  /// and returns those indices.
  @discardableResult
  public static func inject(into data: inout LabelledDataset, fraction: Double, seed: UInt64) -> [Int] {
    let flipped = fraction > 0 ? flips(count: data.primaryCount, fraction: fraction, seed: seed) : []
    for i in flipped {
      data.labels[i] = 1 - data.labels[i]
      data.targets[i] = 1 - data.targets[i]
    }
    return flipped
  }
}
