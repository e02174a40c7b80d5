// galmorph — MorphologyClassifier
//
// Stratified k-fold training and out-of-fold probabilities (for `galmorph clean`).

import Foundation
import GalmorphSupport

/// One fold's model in ``CrossValidation/outOfFold(_:folds:config:modelURL:calibrate:progressStyle:commandLine:)``.
public struct FoldModel: Codable, Sendable, Equatable {
  public var fold: Int
  public var file: String
  public var sha256: String
  public var trainCount: Int
  public var heldOutCount: Int
  public var bestEpoch: Int
  public var validationAUC: Double
  /// ROC AUC of the fold's out-of-fold probabilities against the given labels.
  public var heldOutAUC: Double
}

/// k-fold cross-validation of a training configuration.
public enum CrossValidation {
  /// The fold (0..<k) of each example: within each class the indices are shuffled with
  /// `SeededGenerator(seed ^ 0xF01D)` and dealt round robin, so every fold holds each class's share to within one.
  public static func folds(labels: [Int], k: Int, seed: UInt64) -> [Int] {
    precondition(k >= 2, "need at least 2 folds")
    var rng = SeededGenerator(seed: seed ^ 0xF01D)
    var fold = [Int](repeating: 0, count: labels.count)
    var next = 0
    for cls in Set(labels).sorted() {
      var idx = labels.indices.filter { labels[$0] == cls }
      rng.shuffle(&idx)
      for i in idx { fold[i] = next % k; next += 1 }
    }
    return fold
  }

  /// Trains one model per fold on the other folds (`config`, its own validation split inside them; no test part)
  /// and predicts the held-out fold: p̂(spiral) of every example from a model that never saw it. With `calibrate`,
  /// each fold model's temperature is fitted on its validation part first. Each model is written to `modelURL(f)`
  /// (atomically, with provenance); a model file already there from the same configuration, rows and labels is
  /// reused (a killed run continues), and a fold cut short resumes from its checkpoint
  /// `modelURL(f).ckpt-<fingerprint>.h5` (named by the fingerprint, so other labels never resume it).
  public static func outOfFold(
    _ data: LabelledDataset, folds k: Int, config: TrainingConfiguration, modelURL: (Int) -> URL,
    calibrate: Bool = true, progressStyle: ProgressReporter.Style? = nil, commandLine: String? = nil,
    log: (String) -> Void = { _ in }
  ) throws -> (pSpiral: [Double], fold: [Int], models: [FoldModel]) {
    let fold = folds(labels: data.labels, k: k, seed: config.splitSeed)
    var p = [Double](repeating: .nan, count: data.count)
    var models: [FoldModel] = []
    var cfg = config
    cfg.testFraction = 0
    for f in 0..<k {
      let train = data.labels.indices.filter { fold[$0] != f }
      let held = data.labels.indices.filter { fold[$0] == f }
      let url = modelURL(f)
      let fingerprint = try cfg.fingerprint(
        rows: train.map { data.rows[$0] }, targets: train.map { data.targets[$0] }, input: data.sourceSHA256)
      let checkpoint = URL(fileURLWithPath: url.path + ".ckpt-\(fingerprint.prefix(12)).h5")
      let model: ClassifierModel, sha256: String
      var bestEpoch = 0, validationAUC = Double.nan
      if FileManager.default.fileExists(atPath: url.path),
        let old = try? ClassifierModel.load(from: url), old.trainingSummary["fold_fingerprint"] == fingerprint
      {
        model = old
        sha256 = try Checksum.sha256(fileAt: url)
        bestEpoch = Int(old.trainingSummary["best_epoch"] ?? "") ?? 0
        validationAUC = Double(old.trainingSummary["val_auc"] ?? "") ?? .nan
        log("fold \(f + 1)/\(k): reusing \(url.path)")
      } else {
        log("fold \(f + 1)/\(k): training on \(train.count) examples, predicting \(held.count)")
        let trainer = Trainer(
          config: cfg, checkpointURL: checkpoint,
          logURL: URL(fileURLWithPath: url.path + ".log.jsonl"), progressStyle: progressStyle,
          commandLine: commandLine)
        let result = try trainer.train(data.subset(train), resume: true)
        if calibrate {
          result.model.temperature =
            TemperatureScaling.fit(logits: result.validationLogits, labels: result.validationLabels).temperature
        }
        result.model.trainingSummary["fold"] = String(f)
        result.model.trainingSummary["folds"] = String(k)
        result.model.trainingSummary["fold_fingerprint"] = fingerprint
        sha256 = try result.model.write(to: url)
        try? FileManager.default.removeItem(at: checkpoint)
        model = result.model
        bestEpoch = result.bestEpoch
        validationAUC = result.history.first { $0.epoch == result.bestEpoch }?.validationAUC ?? .nan
      }
      let heldData = data.subset(held)
      let logits = try model.spiralLogits(batch: heldData.inputs, count: held.count)
      for (i, z) in zip(held, logits) { p[i] = model.probability(logit: z) }
      models.append(
        FoldModel(
          fold: f, file: url.lastPathComponent, sha256: sha256, trainCount: train.count,
          heldOutCount: held.count, bestEpoch: bestEpoch, validationAUC: validationAUC,
          heldOutAUC: BinaryMetrics.rocAUC(scores: held.map { p[$0] }, labels: heldData.labels)))
    }
    return (p, fold, models)
  }
}
