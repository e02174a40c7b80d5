// galmorph — Attribution
//
// The background-only probe: can a network tell the sky side, or the morphology, from a cutout without its galaxy?

import GalmorphSupport
import MorphologyClassifier

/// The outcome of one probe: ROC AUC of a model trained on background-only images, on its held-out test part.
public struct ProbeResult: Sendable, Codable, Equatable {
  public var target: String
  public var trainCount: Int, testCount: Int
  public var auc: Double
  /// 95 % percentile bootstrap interval of the test AUC (test galaxies resampled, the model fixed).
  public var aucLow: Double, aucHigh: Double
  /// Permutation p of the test AUC: (1 + #{permuted AUC ≥ AUC}) / (K + 1), test labels permuted, the model fixed.
  public var permutationP: Double
  public var permutations: Int
}

/// Dhar & Shamir's mechanism, tested directly: replace every galaxy by background of its own cutout
/// (``GalaxyMasking``), train a network on the background-only images to predict a target (the sky side of a split,
/// or the morphology label), and score its held-out test part. Side AUC ≫ 0.5: the sky side is written in the
/// surroundings (seeing of the stars, noise, crowding). Label AUC > 0.5: morphology information leaks through the
/// context — what a classifier can learn instead of the galaxy.
///
/// The model sees only its training part; the test part (`config.testFraction`, stratified by the target) is scored
/// with its labels fixed to the model: the bootstrap resamples test galaxies, the permutation test permutes their
/// labels (`permutations`, default 2000, seeded), which is exact for "the scores carry no information about the
/// target" given the trained model.
public enum ContextProbe {
  /// `data` with every example made background-only (stream `i` of `SeededGenerator(seed)` for example `i`). Not
  /// standardised again: on the null preset that makes the galaxy's light left beyond the footprint more visible
  /// (label AUC 0.76 instead of 0.58).
  public static func backgroundOnly(_ data: LabelledDataset, dilate: Int = 2, seed: UInt64) -> LabelledDataset {
    var out = data
    let s = data.recipe.inputSize, c = data.recipe.channels, n = data.exampleSize
    for i in 0..<data.count {
      var rng = SeededGenerator(seed: seed).stream(UInt64(i))
      let img = GalaxyMasking.backgroundOnly(
        InputImage(size: s, channels: c, values: Array(data.inputs[(i * n)..<((i + 1) * n)])), dilate: dilate, rng: &rng
      )
      out.inputs.replaceSubrange((i * n)..<((i + 1) * n), with: img.values)
    }
    return out
  }

  /// Trains `config` on `data` relabelled by `target` (1/0 per example) and scores the held-out test part.
  public static func run(
    _ data: LabelledDataset, target: [Int], name: String, config: TrainingConfiguration, permutations: Int = 2000,
    progressStyle: ProgressReporter.Style? = nil
  ) throws -> ProbeResult {
    precondition(target.count == data.count && config.testFraction > 0, "ContextProbe.run: target or test part missing")
    var d = data
    d.labels = target
    d.targets = target.map(Float.init)
    d.isValidation = nil
    let trainer = Trainer(config: config, progressStyle: progressStyle)
    let r = try trainer.train(d)
    let test = trainer.testIndices(d)
    let z = try r.model.spiralLogits(batch: d.subset(test).inputs, count: test.count)
    let y = test.map { target[$0] }
    let auc = BinaryMetrics.rocAUC(scores: z, labels: y)
    var rng = SeededGenerator(seed: config.seed ^ 0x9B0B)
    var boot: [Double] = []
    for _ in 0..<1000 {
      let pick = (0..<test.count).map { _ in rng.nextInt(below: test.count) }
      let a = BinaryMetrics.rocAUC(scores: pick.map { z[$0] }, labels: pick.map { y[$0] })
      if a.isFinite { boot.append(a) }
    }
    boot.sort()
    var exceed = 0
    var perm = y
    for _ in 0..<permutations {
      rng.shuffle(&perm)
      if BinaryMetrics.rocAUC(scores: z, labels: perm) >= auc { exceed += 1 }
    }
    return ProbeResult(
      target: name, trainCount: trainer.split(d).train.count, testCount: test.count, auc: auc,
      aucLow: Quantile.linear(boot, 0.025), aucHigh: Quantile.linear(boot, 0.975),
      permutationP: Double(1 + exceed) / Double(permutations + 1), permutations: permutations)
  }
}
