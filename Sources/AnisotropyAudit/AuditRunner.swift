// galmorph — AnisotropyAudit
//
// Trains the models of an audit (one after another, or several at once, one per core), annotates the common test
// set with each, and keeps every finished model on disk so that a killed audit resumes where it stopped.

import Foundation
import GalmorphSupport
import MorphologyClassifier
import TensorCore

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
  /// Receives one line per stage event ("[3/12] training …, ETA …"); called by one lane at a time.
  public var log: (String) -> Void = { print($0) }
  /// Models trained at the same time, each on one engine worker (default 1: one model at a time on
  /// `Parallel.workers` workers). See ``run()``.
  public var concurrentModels = 1
  /// Which models this run may train: all that are missing (nil, the default), only the job at this index (one task of
  /// a cluster run, ``AuditTasks``), or none (an empty set: the collect step, which throws unless every model has
  /// finished).
  public var trainOnly: Set<Int>?
  let logLock = NSLock()

  public init(configuration: AuditConfiguration, sample: AuditSample, design: AuditDesign, folder: URL) {
    self.configuration = configuration; self.sample = sample; self.design = design; self.folder = folder
  }

  public var modelsFolder: URL { folder.appendingPathComponent("models", isDirectory: true) }

  /// Trains (or reuses) every model of the design (or those of ``trainOnly``) and returns the outcomes in job order:
  /// all of them, or with ``trainOnly`` set to some jobs, those that have finished.
  ///
  /// Models still to train run `concurrentModels` at a time, in job order, each on one engine worker
  /// (`Parallel.withWorkers(1)` on each lane's thread; the rest of the process is untouched): the audit's models
  /// are independent, and on small networks one model per core beats two cores on one model. The engine's results do not depend on the worker count
  /// (NeuralNet, "Determinism"), so every model, and the audit, is bit-identical to a run with `concurrentModels` = 1.
  /// Each finished model is recorded at once; after an error no further model is started, the running ones finish,
  /// and the first error is thrown (a `resume` run continues from what is on disk).
  public func run() throws -> [ModelOutcome] {
    try FileManager.default.createDirectory(at: modelsFolder, withIntermediateDirectories: true)
    let jobs = ModelJob.jobs(for: design, splitNames: configuration.splits.map(\.name))
    let testInputs = sample.data.subset(design.test).inputs
    var outcomes = [ModelOutcome?](repeating: nil, count: jobs.count)
    var pending: [(index: Int, fingerprint: String)] = []
    var missing: [Int] = []
    for (k, job) in jobs.enumerated() {
      let fingerprint = try fingerprint(job)
      if resume, let old = finished(job, fingerprint: fingerprint) {
        if trainOnly == nil || trainOnly!.contains(k) {
          log("[\(k + 1)/\(jobs.count)] \(job.name): reusing the finished model (--resume)")
        }
        outcomes[k] = old
      } else if trainOnly?.contains(k) ?? true {
        pending.append((k, fingerprint))
      } else {
        missing.append(k)
      }
    }
    if trainOnly?.isEmpty == true, !missing.isEmpty {
      let list = missing.prefix(12).map { "\($0) (\(jobs[$0].name))" }.joined(separator: ", ")
      throw AuditError.resume(
        path: modelsFolder.path,
        reason: "\(missing.count) of \(jobs.count) models have not finished — task(s) \(list)"
          + (missing.count > 12 ? ", …" : "") + "; run `galmorph audit … --task I` for each, then --collect again")
    }
    let lanes = max(1, min(concurrentModels, pending.count))
    let state = LaneState(total: pending.count)
    // Lanes share only `state` (locked), read-only inputs and per-job files; `self` is not mutated.
    nonisolated(unsafe) let work = { (lane: Int) in
      while let (slot, started) = state.next() {
        let (k, fingerprint) = pending[slot]
        let job = jobs[k]
        self.emit(
          "[\(k + 1)/\(jobs.count)] training \(job.name) (\(self.describe(job)), \(job.rows.count) galaxies"
            + (lanes > 1 ? "; lane \(lane + 1) of \(lanes)" : "") + "; elapsed \(ProgressReporter.clock(started))"
            + state.eta(lanes: lanes) + ")")
        do {
          let outcome = try self.train(
            job, fingerprint: fingerprint, testInputs: testInputs, progressStyle: lanes > 1 ? .silent : nil)
          try AtomicFile.write(try JSONCoding.encoder().encode(outcome), to: self.record(job))
          state.finish(slot, outcome: outcome)
          if lanes > 1 {
            self.emit(
              "[\(k + 1)/\(jobs.count)] \(job.name) done in \(ProgressReporter.clock(outcome.trainSeconds)), "
                + String(format: "validation AUC %.4f", outcome.validationAUC))
          }
        } catch {
          state.fail(error)
        }
      }
    }
    if lanes == 1 {
      work(0)
    } else {
      // Each lane trains its models with one engine worker, on its own thread (not a process-wide setting: other
      // work in the process keeps its workers).
      DispatchQueue.concurrentPerform(iterations: lanes) { lane in Parallel.withWorkers(1) { work(lane) } }
    }
    if let error = state.error { throw error }
    for (slot, (k, _)) in pending.enumerated() { outcomes[k] = state.outcomes[slot] }
    return outcomes.compactMap { $0 }
  }

  /// The recorded outcome of `job` when its model has finished with this fingerprint (and its file is there).
  func finished(_ job: ModelJob, fingerprint: String) -> ModelOutcome? {
    guard let old = try? JSONCoding.decoder().decode(ModelOutcome.self, from: Data(contentsOf: record(job))),
      old.fingerprint == fingerprint,
      FileManager.default.fileExists(atPath: folder.appendingPathComponent(old.file).path)
    else { return nil }
    return old
  }

  /// `OUT/models/<name>.json`, the record of a finished model.
  func record(_ job: ModelJob) -> URL { modelsFolder.appendingPathComponent("\(job.name).json") }

  /// `log`, one line at a time when lanes run concurrently.
  func emit(_ line: String) {
    logLock.lock()
    defer { logLock.unlock() }
    log(line)
  }

  /// The models to train as shared by the lanes: the next one to start, the finished outcomes, the first error.
  final class LaneState: @unchecked Sendable {
    let lock = NSLock()
    let total: Int
    let started = Date()
    var nextSlot = 0
    var finished = 0
    var busySeconds = 0.0
    var outcomes: [ModelOutcome?]
    var error: (any Error)?

    init(total: Int) { self.total = total; outcomes = Array(repeating: nil, count: total) }

    /// The next model's slot and the time since the first started; nil when all have started or one failed.
    func next() -> (Int, TimeInterval)? {
      lock.lock()
      defer { lock.unlock() }
      guard error == nil, nextSlot < total else { return nil }
      nextSlot += 1
      return (nextSlot - 1, Date().timeIntervalSince(started))
    }

    func finish(_ slot: Int, outcome: ModelOutcome) {
      lock.lock()
      defer { lock.unlock() }
      outcomes[slot] = outcome
      finished += 1
      busySeconds += outcome.trainSeconds + outcome.annotateSeconds
    }

    func fail(_ e: any Error) {
      lock.lock()
      defer { lock.unlock() }
      if error == nil { error = e }
    }

    /// " — ETA h:mm:ss" from the mean time per finished model over `lanes` lanes (empty before the first finishes).
    func eta(lanes: Int) -> String {
      lock.lock()
      defer { lock.unlock() }
      guard finished > 0 else { return "" }
      let remaining = Double(total - nextSlot + 1)
      return " — ETA \(ProgressReporter.clock(busySeconds / Double(finished) * remaining / Double(lanes)))"
    }
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
    try trainingConfiguration(seed: job.seed).fingerprint(rows: job.rows, input: sample.data.sourceSHA256)
  }

  func train(
    _ job: ModelJob, fingerprint: String, testInputs: [Float], progressStyle: ProgressReporter.Style? = nil
  ) throws -> ModelOutcome {
    let modelURL = modelsFolder.appendingPathComponent("\(job.name).h5")
    let checkpoint = modelsFolder.appendingPathComponent("\(job.name).ckpt.h5")
    let trainer = Trainer(
      config: trainingConfiguration(seed: job.seed), checkpointURL: checkpoint,
      logURL: modelsFolder.appendingPathComponent("\(job.name).log.jsonl"),
      progressStyle: progressStyle ?? self.progressStyle, commandLine: commandLine)
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
