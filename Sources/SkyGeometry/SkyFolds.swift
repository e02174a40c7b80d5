// galmorph — SkyGeometry

import GalmorphSupport

/// Fold assignments for validation that respects sky position.
///
/// - `skyBlocked`: objects are grouped into HEALPix blocks; the occupied blocks are shuffled with the seed and
///   each is given, in that order, to the fold that currently holds the fewest objects (greedy balancing), so
///   neighbouring galaxies never straddle train and test and folds have near-equal sizes.
/// - `randomSplit`: the control split: a uniformly random subset of exactly `sizeA` objects is side A (selection
///   sampling, Knuth TAOCP vol. 2 §3.4.2 Algorithm S), ignoring position.
///
/// Both are deterministic under the seed (`SeededGenerator`).
public enum SkyFolds {
  /// The fold (0..<folds) of every direction, blocked by HEALPix pixels of `blockNside` (ring ordering).
  public static func skyBlocked(
    _ directions: [SkyDirection], folds: Int, blockNside: Int = 8,
    seed: UInt64
  ) throws -> [Int] {
    guard folds >= 2 else {
      throw SkyGeometryError.invalidRequest(reason: "k-fold split needs folds >= 2, got \(folds)")
    }
    let h = try HEALPix(nside: blockNside)
    let pix = h.pixels(of: directions)
    var counts = [Int: Int]()
    for p in pix { counts[p, default: 0] += 1 }
    guard counts.count >= folds else {
      throw SkyGeometryError.invalidRequest(
        reason:
          "only \(counts.count) occupied HEALPix blocks at nside \(blockNside) for \(folds) folds; use a larger --block-nside"
      )
    }
    var blocks = counts.keys.sorted()
    var rng = SeededGenerator(seed: seed)
    rng.shuffle(&blocks)
    var load = [Int](repeating: 0, count: folds)
    var foldOf = [Int: Int]()
    for b in blocks {
      var best = 0
      for f in 1..<folds where load[f] < load[best] { best = f }
      foldOf[b] = best
      load[best] += counts[b] ?? 0
    }
    return pix.map { foldOf[$0] ?? 0 }
  }

  /// A random split of `count` objects with exactly `sizeA` on side A.
  public static func randomSplit(count: Int, sizeA: Int, seed: UInt64) throws -> [SplitSide] {
    guard count >= 0, sizeA >= 0, sizeA <= count else {
      throw SkyGeometryError.invalidRequest(reason: "random split needs 0 <= sizeA (\(sizeA)) <= count (\(count))")
    }
    var rng = SeededGenerator(seed: seed)
    var out = [SplitSide](repeating: .b, count: count)
    var need = sizeA
    for i in 0..<count where need > 0 {
      if rng.nextInt(below: count - i) < need { out[i] = .a; need -= 1 }
    }
    return out
  }
}
