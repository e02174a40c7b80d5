// galmorph — AnisotropyAudit
//
// Trains the models of an audit one after another, annotates the common test set with each, and keeps every
// finished model on disk so that a killed audit resumes where it stopped.

import Foundation
import GalmorphSupport
import MorphologyClassifier

/// Runs the training and annotation stage of an audit into `OUT/models/`:
/// `<name>.h5` (the model), `<name>.json` (its `ModelOutcome`, written last, atomically) and, while it trains,
/// `<name>.ckpt.h5` (the per-epoch checkpoint, removed when the model is done).
///
/// With `resume`, a model whose outcome file exists with the same fingerprint is reused, and a model whose
/// checkpoint exists continues from its last finished epoch (bit-identical to an uninterrupted run).
public final class AuditRunner {
  public let configuration: AuditConfiguration
  public let sample: AuditSample
  public let design: AuditDesign
  public let folder: URL
  public var resume = false
  public var progressStyle: ProgressReporter.Style?
  public var commandLine: String?
  /// Receives one line per stage event ("[3/12] training …, ETA …").
  public var log: (String) -> Void = { print($0) }

  public init(configuration: AuditConfiguration, sample: AuditSample, design: AuditDesign, folder: URL) {
    self.configuration = configuration; self.sample = sample; self.design = design; self.folder = folder
  }

  public var modelsFolder: URL { folder.appendingPathComponent("models", isDirectory: true) }

  /// Trains (or reuses) every model of the design and returns their outcomes in job order.
  public func run() throws -> [ModelOutcome] {
    try FileManager.default.createDirectory(at: modelsFolder, withIntermediateDirectories: true)
    let jobs = ModelJob.jobs(for: design, splitNames: configuration.splits.map(\.name))
    let testInputs = sample.data.subset(design.test).inputs
    var outcomes: [ModelOutcome] = []
    let started = Date()
    var trainedSeconds = 0.0, trainedCount = 0
    for (k, job) in jobs.enumerated() {
      let fingerprint = try fingerprint(job)
      let record = modelsFolder.appendingPathComponent("\(job.name).json")
      if resume, let old = try? JSONCoding.decoder().decode(ModelOutcome.self, from: Data(contentsOf: record)),
        old.fingerprint == fingerprint,
        FileManager.default.fileExists(atPath: folder.appendingPathComponent(old.file).path)
      {
        log("[\(k + 1)/\(jobs.count)] \(job.name): reusing the finished model (--resume)")
        outcomes.append(old)
        continue
      }
      let remaining = jobs.count - k
      let eta =
        trainedCount > 0
        ? " — ETA \(ProgressReporter.clock(trainedSeconds / Double(trainedCount) * Double(remaining)))" : ""
      log(
        "[\(k + 1)/\(jobs.count)] training \(job.name) (\(describe(job)), \(job.rows.count) galaxies; "
          + "elapsed \(ProgressReporter.clock(Date().timeIntervalSince(started)))\(eta))")
      let t0 = Date()
      let outcome = try train(job, fingerprint: fingerprint, testInputs: testInputs)
      trainedSeconds += Date().timeIntervalSince(t0)
      trainedCount += 1
      try AtomicFile.write(try JSONCoding.encoder().encode(outcome), to: record)
      outcomes.append(outcome)
    }
    return outcomes
  }

  func describe(_ job: ModelJob) -> String {
    switch job.role {
    case .sideA, .sideB:
      let name = job.split.map { configuration.splits[$0].name } ?? "?"
      return "\(job.role == .sideA ? "side A" : "side B") of \(name), seed \(job.seed)"
    case .controlA, .controlB:
      return
        "control unit \(job.unit ?? 0) of \(design.controls.count), reservoir \(job.role == .controlA ? "A" : "B"), seed \(job.seed)"
    }
  }

  func trainingConfiguration(seed: UInt64) -> TrainingConfiguration {
    var c = configuration.training
    c.seed = seed
    return c
  }

  func fingerprint(_ job: ModelJob) throws -> String {
    struct Key: Encodable { let training: TrainingConfiguration; let rows: [Int]; let input: String }
    let key = Key(training: trainingConfiguration(seed: job.seed), rows: job.rows, input: sample.data.sourceSHA256)
    return Checksum.sha256(try JSONCoding.encoder().encode(key))
  }

  func train(_ job: ModelJob, fingerprint: String, testInputs: [Float]) throws -> ModelOutcome {
    let modelURL = modelsFolder.appendingPathComponent("\(job.name).h5")
    let checkpoint = modelsFolder.appendingPathComponent("\(job.name).ckpt.h5")
    let trainer = Trainer(
      config: trainingConfiguration(seed: job.seed), checkpointURL: checkpoint,
      logURL: modelsFolder.appendingPathComponent("\(job.name).log.jsonl"),
      progressStyle: progressStyle, commandLine: commandLine)
    let data = sample.data.subset(job.rows)
    let t0 = Date()
    let result = try trainer.train(data, resume: resume)
    let trainSeconds = Date().timeIntervalSince(t0)
    let sha = try result.model.write(to: modelURL)
    let t1 = Date()
    let probabilities = try Self.probabilities(model: result.model, inputs: testInputs, count: design.test.count)
    try? FileManager.default.removeItem(at: checkpoint)
    let spirals = data.labels.filter { $0 == 1 }.count
    return ModelOutcome(
      name: job.name, role: job.role, split: job.split, unit: job.unit, seed: job.seed, trainingSize: job.rows.count,
      trainingSpiralFraction: Double(spirals) / Double(max(1, data.count)), file: "models/\(job.name).h5", sha256: sha,
      epochs: result.history.count, bestEpoch: result.bestEpoch,
      validationAUC: result.history.first { $0.epoch == result.bestEpoch }?.validationAUC ?? .nan,
      threshold: result.model.threshold, trainSeconds: trainSeconds, annotateSeconds: Date().timeIntervalSince(t1),
      fingerprint: fingerprint, testProbabilities: probabilities)
  }

  /// p_spiral of every preprocessed example in `inputs` (`count` examples); `ClassifierModel.spiralLogits` runs the
  /// network in batches itself.
  public static func probabilities(model: ClassifierModel, inputs: [Float], count: Int) throws -> [Double] {
    guard count > 0 else { return [] }
    return try model.spiralLogits(batch: inputs, count: count).map { model.probability(logit: $0) }
  }
}
