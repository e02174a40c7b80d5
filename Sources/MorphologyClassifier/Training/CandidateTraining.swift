// galmorph — MorphologyClassifier
//
// One of several models a run trains one after the other (seed-ensemble members, VAT ε candidates), each in its own
// file with its own checkpoint and log, reused on resume.
import Foundation
import GalmorphSupport

/// A finished candidate model and its logits on the shared validation part.
struct TrainedCandidate {
  var model: ClassifierModel
  var validationLogits: [Double]
  var sha256: String
  var bestEpoch: Int
  /// True when a finished file was reused (`resume`) instead of trained in this run.
  var reused: Bool
}

extension Trainer {
  /// Trains configuration `cfg` (on `data`, whose train/validation split under `cfg` is `split`) into `url`, with
  /// its checkpoint `<url>.ckpt.h5` and log `<url>.log.jsonl`; `summary` is added to the model's training summary
  /// and, when `calibrate`, its temperature is fitted on the validation part before it is written.
  ///
  /// With `resume`, a file at `url` whose recorded training configuration equals `cfg` is reused (its validation
  /// logits recomputed); one with another configuration is an error naming the file and `name` ("member 2"), and
  /// an unfinished candidate continues from its checkpoint. Returns nil when `stopAfterEpochs` ended the training.
  func trainCandidate(
    _ cfg: TrainingConfiguration, name: String, data: LabelledDataset, split: DataSplit, url: URL,
    summary: [String: String], calibrate: Bool, resume: Bool, stopAfterEpochs: Int?
  ) throws -> TrainedCandidate? {
    if resume, FileManager.default.fileExists(atPath: url.path) {
      let model = try ClassifierModel.load(
        from: url, expectedRecipe: cfg.recipe, expectedArchitecture: cfg.architecture)
      try Self.requireConfiguration(cfg, of: model, at: url, candidate: name)
      return TrainedCandidate(
        model: model, validationLogits: try Self.evaluate(model.network, data: data, indices: split.validation).logits,
        sha256: try Checksum.sha256(fileAt: url), bestEpoch: Int(model.trainingSummary["best_epoch"] ?? "") ?? 0,
        reused: true)
    }
    let trainer = Trainer(
      config: cfg, checkpointURL: URL(fileURLWithPath: url.path + ".ckpt.h5"),
      logURL: URL(fileURLWithPath: url.path + ".log.jsonl"), progressStyle: progressStyle, commandLine: commandLine)
    let r = try trainer.train(data, resume: resume, stopAfterEpochs: stopAfterEpochs)
    if r.interrupted { return nil }
    r.model.trainingSummary.merge(summary) { $1 }
    if calibrate {
      r.model.temperature = TemperatureScaling.fit(logits: r.validationLogits, labels: r.validationLabels).temperature
    }
    let sha = try r.model.write(to: url)
    return TrainedCandidate(
      model: r.model, validationLogits: r.validationLogits, sha256: sha, bestEpoch: r.bestEpoch, reused: false)
  }

  /// Refuses a candidate file whose recorded training configuration is not `expected`.
  static func requireConfiguration(
    _ expected: TrainingConfiguration, of model: ClassifierModel, at url: URL, candidate name: String
  ) throws {
    guard let json = model.provenance?.extra["training_configuration"],
      let stored = try? JSONDecoder().decode(TrainingConfiguration.self, from: Data(json.utf8))
    else {
      throw ClassifierError.invalidInput(
        path: url.path,
        reason: "\(name) records no training configuration; delete it (or drop --resume) to train it again")
    }
    guard stored == expected else {
      throw ClassifierError.invalidInput(
        path: url.path,
        reason:
          "\(name) was trained with another configuration (seed \(stored.seed), split seed \(stored.splitSeed), "
          + "\(stored.epochs) epochs\(stored.vat.map { ", VAT ε \($0.epsilon)" } ?? "")) than this run asks for "
          + "(seed \(expected.seed), split seed \(expected.splitSeed), \(expected.epochs) epochs"
          + "\(expected.vat.map { ", VAT ε \($0.epsilon)" } ?? "")); delete it (or drop --resume) to train it again")
    }
  }
}
