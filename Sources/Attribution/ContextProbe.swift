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

/// Dhar & Shamir's mechanism, tested directly: with every galaxy replaced by background (the simulator's
/// galaxy-free rendering, or ``GalaxyMasking`` applied to the stored stamps before standardisation), train a network
/// on the background-only images to predict a target (the sky side of a split, or the morphology label), and score
/// its held-out test part. Side AUC ≫ 0.5: the sky side is written in the
/// surroundings (seeing of the stars, noise, crowding). Label AUC > 0.5: morphology information leaks through the
/// context — what a classifier can learn instead of the galaxy.
///
/// The model sees only its training part; the test part (`config.testFraction`, stratified by the target) is scored
/// with its labels fixed to the model: the bootstrap resamples test galaxies, the permutation test permutes their
/// labels (`permutations`, default 2000, seeded), which is exact for "the scores carry no information about the
/// target" given the trained model.
public enum ContextProbe {
  /// `data` (background-only stamps loaded without the per-image standardisation) scaled by one μ and σ over all
  /// its values: x′ = (x − μ) / σ. Per-image standardisation would erase what a background-only stamp can carry in
  /// its absolute level and noise (a deeper or brighter sky); one scale for the whole sample keeps it, and carries
  /// no label (μ and σ are two numbers of the whole sample).
  public static func standardizedGlobally(_ data: LabelledDataset) -> LabelledDataset {
    var out = data
    let n = Double(max(1, data.inputs.count))
    let mean = data.inputs.reduce(0.0) { $0 + Double($1) } / n
    let variance = data.inputs.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / n
    let sd = variance > 0 ? variance.squareRoot() : 1
    out.inputs = data.inputs.map { Float((Double($0) - mean) / sd) }
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
