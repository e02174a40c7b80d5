// galmorph — MorphologyClassifier
//
// Seed ensembles: K members trained identically but for their seed, on one shared split, combined by logit averaging.
import Foundation
import GalmorphSupport
import NeuralNet

/// One member of a trained ensemble, as recorded in the ensemble's training summary.
public struct EnsembleMemberRecord: Codable, Sendable, Equatable {
  public var member: Int
  public var seed: UInt64
  public var file: String
  public var sha256: String
  public var bestEpoch: Int
  public var validationAUC: Double
  /// True when a finished member file was reused (`resume`) instead of trained in this run.
  public var reused: Bool
  enum CodingKeys: String, CodingKey {
    case member, seed, file, sha256, bestEpoch = "best_epoch", validationAUC = "val_auc", reused
  }
}

/// The outcome of ``Trainer/trainEnsemble(_:size:memberURL:calibrateMembers:resume:stopAfterEpochs:)``.
public struct EnsembleTrainingResult {
  /// The ensemble (uncalibrated: fit its temperature on ``validationLogits``); nil when the run was interrupted.
  public var model: ClassifierModel?
  public var members: [EnsembleMemberRecord]
  public var split: DataSplit
  public var test: [Int]
  /// Mean spiral logit of the members on the validation part, and the labels.
  public var validationLogits: [Double]
  public var validationLabels: [Int]
  /// True when `stopAfterEpochs` ended a member's training; finished members are on disk, rerun with `resume`.
  public var interrupted: Bool
}

extension Trainer {
  /// The configuration of ensemble member `k` (1-based): `config` with seed `config.seed + k − 1` and the split
  /// seed of `config` (so every member shares one test and one validation part).
  public static func memberConfiguration(_ config: TrainingConfiguration, member k: Int) -> TrainingConfiguration {
    var c = config
    let split = config.splitSeed
    c.seed = config.seed &+ UInt64(k - 1)
    c.splitSeed = split
    return c
  }

  /// Trains a seed ensemble of `size` members (``memberConfiguration(_:member:)``), one after the other, each with
  /// ``train(_:resume:stopAfterEpochs:)`` and its own checkpoint (`<member file>.ckpt.h5`) and log
  /// (`<member file>.log.jsonl`); each finished member is written to `memberURL(k)` as a model of its own
  /// (temperature-calibrated on the shared validation part when `calibrateMembers`). The ensemble holds the members'
  /// networks and averages their logits (``ClassifierModel``).
  ///
  /// With `resume`, a member whose file exists is reused when the training configuration recorded in it equals
  /// the member's configuration (otherwise an error names the file), and an unfinished member continues from its
  /// checkpoint. `stopAfterEpochs` limits the epochs of the member being trained (an interruption; tests).
  public func trainEnsemble(
    _ data: LabelledDataset, size: Int, memberURL: (Int) -> URL, calibrateMembers: Bool = true,
    resume: Bool = false, stopAfterEpochs: Int? = nil
  ) throws -> EnsembleTrainingResult {
    precondition(size >= 1, "an ensemble needs at least one member")
    let split = split(data), test = testIndices(data)
    let labels = split.validation.map { data.labels[$0] }
    var records: [EnsembleMemberRecord] = [], models: [ClassifierModel] = [], logits: [[Double]] = []
    for k in 1...size {
      let cfg = Self.memberConfiguration(config, member: k)
      let url = memberURL(k)
      guard
        let c = try trainCandidate(
          cfg, name: "member \(k)", data: data, split: split, url: url,
          summary: ["ensemble_member": "\(k) of \(size)"], calibrate: calibrateMembers, resume: resume,
          stopAfterEpochs: stopAfterEpochs)
      else {
        return EnsembleTrainingResult(
          model: nil, members: records, split: split, test: test, validationLogits: [],
          validationLabels: labels, interrupted: true)
      }
      records.append(
        EnsembleMemberRecord(
          member: k, seed: cfg.seed, file: url.lastPathComponent, sha256: c.sha256, bestEpoch: c.bestEpoch,
          validationAUC: BinaryMetrics.rocAUC(scores: c.validationLogits, labels: labels), reused: c.reused))
      models.append(c.model); logits.append(c.validationLogits)
    }
    let mean = (0..<labels.count).map { i in logits.reduce(0) { $0 + $1[i] } / Double(size) }
    var prov = Provenance(seed: config.seed, inputs: [data.source: data.sourceSHA256], commandLine: commandLine)
    prov.extra["training_configuration"] = String(decoding: try JSONCoding.encoder().encode(config), as: UTF8.self)
    prov.extra["ensemble_members"] = String(decoding: try JSONCoding.encoder().encode(records), as: UTF8.self)
    prov.extra["train_count"] = String(split.train.count)
    prov.extra["validation_count"] = String(split.validation.count)
    // The split (test rows, fractions, split seed) is every member's; take it from the first.
    var summary = models[0].trainingSummary.filter {
      !["val_auc", "val_accuracy", "val_loss", "best_epoch", "ensemble_member"].contains($0.key)
    }
    summary["ensemble_size"] = String(size)
    summary["member_seeds"] = records.map { String($0.seed) }.joined(separator: ",")
    summary["best_epoch"] = records.map { String($0.bestEpoch) }.joined(separator: ",")
    summary["member_val_auc"] = records.map { String(format: "%.4f", $0.validationAUC) }.joined(separator: ",")
    summary["val_auc"] = String(BinaryMetrics.rocAUC(scores: mean, labels: labels))
    let model = ClassifierModel(
      network: models[0].network, recipe: config.recipe, provenance: prov,
      trainingSummary: summary, members: models.dropFirst().map(\.network))
    return EnsembleTrainingResult(
      model: model, members: records, split: split, test: test, validationLogits: mean,
      validationLabels: labels, interrupted: false)
  }
}
