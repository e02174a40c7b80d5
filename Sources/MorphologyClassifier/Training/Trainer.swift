// galmorph — MorphologyClassifier
//
// Mini-batch training with validation, early stopping, checkpoints and resume.
import Foundation
import GalmorphSupport
import HDF5IO
import NeuralNet
import TensorCore

/// The outcome of ``Trainer/train(_:resume:stopAfterEpochs:)``.
public struct TrainingResult {
  /// The model of the best epoch (by the stop metric), with provenance.
  public var model: ClassifierModel
  public var history: [EpochRecord]
  public var split: DataSplit
  /// Indices (into the dataset) of the held-out test part; empty when `testFraction` is 0.
  public var test: [Int]
  public var bestEpoch: Int
  public var stoppedEarly: Bool
  /// Spiral logits and labels of the validation part under the returned model (for calibration and metrics).
  public var validationLogits: [Double]
  public var validationLabels: [Int]
  /// True when `stopAfterEpochs` ended the run before it finished (an interrupted run; resume it).
  public var interrupted: Bool
}

/// Trains a ``ClassifierModel``.
///
/// Per epoch: the training indices are ordered by `ClassBalancing.epochOrder` with
/// `SeededGenerator(seed ^ 0x0DE5).stream(epoch)`, augmented per example (``BatchAssembler``; the next batch is
/// assembled on another thread while the network trains on the current one), trained with NeuralNet's `Adam`
/// (whose state the checkpoint saves) at the scheduled learning rate on softmax cross-entropy with targets
/// `(1 − t, t)` — t the label or vote fraction — weighted by the class weights; then evaluated on the validation
/// part (no augmentation). Dropout masks are reseeded per epoch from (seed, epoch, layer). The best epoch's weights are kept;
/// training stops after `patience` epochs without improvement. A checkpoint is written after every epoch, so
/// `resume: true` after a kill continues bit-identically.
public final class Trainer {
  public let config: TrainingConfiguration
  /// Checkpoint file (nil = none).
  public var checkpointURL: URL?
  /// Per-epoch log, JSON lines (nil = none).
  public var logURL: URL?
  /// Progress display style (nil = from the environment).
  public var progressStyle: ProgressReporter.Style?
  /// Command line recorded in the provenance.
  public var commandLine: String?

  public init(
    config: TrainingConfiguration, checkpointURL: URL? = nil, logURL: URL? = nil,
    progressStyle: ProgressReporter.Style? = nil, commandLine: String? = nil
  ) {
    self.config = config; self.checkpointURL = checkpointURL; self.logURL = logURL
    self.progressStyle = progressStyle; self.commandLine = commandLine
  }

  /// The train/validation split: the dataset's split column if it has one, else stratified and seeded; test
  /// examples (``testIndices(_:)``) are in neither part.
  public func split(_ data: LabelledDataset) -> DataSplit {
    let test = Set(testIndices(data))
    let pool = (0..<data.primaryCount).filter { !test.contains($0) }
    let s: DataSplit
    if let v = data.isValidation {
      s = DataSplit(train: pool.filter { !v[$0] }, validation: pool.filter { v[$0] })
    } else {
      let p = DataSplit.stratified(
        labels: pool.map { data.labels[$0] }, validationFraction: config.validationFraction,
        seed: config.splitSeed)
      s = DataSplit(train: p.train.map { pool[$0] }, validation: p.validation.map { pool[$0] })
    }
    // Unlabelled examples (labels removed) cannot validate: they join the training part, for VAT only.
    // Appended unlabelled images (``LabelledDataset/appendedUnlabelled``) only ever train.
    guard let u = data.unlabelled else { return s }
    return DataSplit(
      train: (s.train + s.validation.filter { u[$0] } + (data.primaryCount..<data.count)).sorted(),
      validation: s.validation.filter { !u[$0] })
  }

  /// The held-out test part (sorted dataset indices): a stratified fraction `testFraction` of the dataset's own
  /// examples (not the appended unlabelled ones) drawn with `SeededGenerator(splitSeed ^ 0x7E57)`; empty when the
  /// fraction is 0. Examples whose labels were removed stay in it: it is scored on the catalog's labels.
  public func testIndices(_ data: LabelledDataset) -> [Int] {
    guard config.testFraction > 0 else { return [] }
    return DataSplit.stratified(
      labels: Array(data.labels.prefix(data.primaryCount)), validationFraction: config.testFraction,
      seed: config.splitSeed ^ 0x7E57
    ).validation
  }

  /// Trains on `data`. With `resume` and an existing checkpoint, continues from it (the configuration must be the
  /// same). `stopAfterEpochs` ends the run after that many epochs of this call (simulating a kill; tests).
  public func train(_ data: LabelledDataset, resume: Bool = false, stopAfterEpochs: Int? = nil) throws -> TrainingResult
  {
    let cfg = config
    guard data.recipe == cfg.recipe else {
      throw ClassifierError.invalidInput(
        path: data.source, reason: "data were preprocessed with another recipe than the training configuration")
    }
    let split = split(data)
    let test = testIndices(data)
    guard !split.train.isEmpty else {
      throw ClassifierError.emptyCatalog(path: data.source, reason: "no training examples")
    }
    guard !split.validation.isEmpty else {
      throw ClassifierError.emptyCatalog(
        path: data.source,
        reason: "no validation examples; use a validation fraction > 0 or a split column with 'val' rows")
    }
    let network = try Sequential(architecture: cfg.architecture, seed: cfg.seed)
    let width = network.outputShape.reduce(1, *)
    guard width == 1 || width == 2 else {
      throw ClassifierError.modelMismatch(
        path: "architecture", reason: "\(width) outputs; need 1 (BCE) or 2 (softmax CE)")
    }
    guard network.inputShape == [cfg.recipe.inputSize, cfg.recipe.inputSize, cfg.recipe.channels] else {
      throw ClassifierError.modelMismatch(
        path: "architecture",
        reason:
          "input \(network.inputShape) does not match the preprocessing \(cfg.recipe.inputSize)×\(cfg.recipe.inputSize)×\(cfg.recipe.channels)"
      )
    }
    let optimizer = Adam(learningRate: cfg.learningRate)
    let configJSON = String(decoding: try JSONCoding.encoder().encode(cfg), as: UTF8.self)
    var state = TrainingState(
      epochsDone: 0, bestScore: -.infinity, bestEpoch: 0, epochsWithoutImprovement: 0,
      stoppedEarly: false, history: [], configuration: configJSON)
    var best = network.parameters()
    let adversary = try adversarialHead(data, network: network, train: split.train)
    if resume, let url = checkpointURL, FileManager.default.fileExists(atPath: url.path) {
      let ck = try TrainingCheckpoint.read(from: url)
      guard ck.state.configuration == configJSON else {
        throw ClassifierError.invalidInput(
          path: url.path,
          reason: "checkpoint was written with another training configuration; use the same options or delete it")
      }
      do {
        try network.load(parameters: ck.weights.mapValues { (shape: $0.shape, values: $0.values) })
        if !ck.best.isEmpty { best = ck.best.mapValues { (shape: $0.shape, values: $0.values) } }
        try optimizer.restore(ck.adam, into: network)
      } catch { throw ClassifierError.modelMismatch(path: url.path, reason: "\(error)") }
      if let adversary {
        guard let saved = ck.adversary else {
          throw ClassifierError.invalidInput(
            path: url.path, reason: "checkpoint has no adversary head; it was written by a run without --adversary")
        }
        do { try adversary.restore(saved) } catch {
          throw ClassifierError.modelMismatch(path: url.path, reason: "adversary head: \(error)")
        }
      }
      state = ck.state
    }
    let weightsByClass = cfg.balancing.classWeights(
      labels: split.train.filter { data.unlabelled?[$0] != true }.map { data.labels[$0] })
    let groupWeight = try groupWeights(data, train: split.train)
    let vatStep = cfg.vat.map(VirtualAdversarialStep.init(spec:))
    let contextRanges = try contextRanges(data, train: split.train)
    let stepsPerEpoch =
      (cfg.balancing == .oversample
        ? 2
          * max(
            split.train.filter { data.labels[$0] == 1 }.count,
            split.train.filter { data.labels[$0] == 0 }.count)
        : split.train.count + cfg.batchSize - 1) / cfg.batchSize
    let loss: any Loss = width == 2 ? SoftmaxCrossEntropy() : BinaryCrossEntropy()
    let gradient = FloatBuffer()
    var epochsThisCall = 0
    var interrupted = false
    while state.epochsDone < cfg.epochs && !state.stoppedEarly {
      if let s = stopAfterEpochs, epochsThisCall >= s { interrupted = true; break }
      let epoch = state.epochsDone
      let started = Date()
      reseedDropout(network, epoch: epoch)
      var orderRNG = SeededGenerator(seed: cfg.seed ^ 0x0DE5).stream(UInt64(epoch))
      let order = cfg.balancing.epochOrder(indices: split.train, labels: data.labels, rng: &orderRNG)
      let progress = ProgressReporter(
        label: "epoch \(epoch + 1)/\(cfg.epochs)", total: order.count, unit: "img",
        style: progressStyle)
      let batches = stride(from: 0, to: order.count, by: cfg.batchSize).map {
        $0..<min(order.count, $0 + cfg.batchSize)
      }
      let prefetch = Prefetcher(
        data: data, order: order, batches: batches, epoch: epoch, seed: cfg.seed,
        augmentation: cfg.augmentation, contextRanges: contextRanges)
      var lossSum = 0.0, correct = 0, seen = 0, labelledSeen = 0, vatSum = 0.0
      adversary?.resetEpoch()
      var lastLR: Float = cfg.learningRate
      for (b, range) in batches.enumerated() {
        try Interruption.check(
          resume: checkpointURL.map {
            "\(epoch) finished epoch(s) are in \($0.lastPathComponent); run the same command with --resume to go on"
          } ?? "run the same command again")
        let x = prefetch.take(b)
        let idx = Array(order[range])
        let n = idx.count
        var targets = [Float](); targets.reserveCapacity(n * width)
        for i in idx { let t = data.targets[i]; if width == 2 { targets += [1 - t, t] } else { targets.append(t) } }
        let w = idx.map {
          data.unlabelled?[$0] == true ? 0 : weightsByClass[data.labels[$0]] * (groupWeight?[$0] ?? 1)
        }
        lastLR = cfg.learningRate(step: optimizer.stepCount, stepsPerEpoch: stepsPerEpoch)
        optimizer.learningRate = lastLR
        let g = gradient.reserve(n * width)
        let l: Float = x.withUnsafeBufferPointer { xp in
          targets.withUnsafeBufferPointer { tp in
            w.withUnsafeBufferPointer { wp in
              let y =
                adversary?.forward(network, xp.baseAddress!, batch: n)
                ?? network.forward(xp.baseAddress!, batch: n, mode: .training)
              let l = loss.evaluate(
                logits: y, targets: tp.baseAddress!, weights: wp.baseAddress!, batch: n, width: width, gradient: g)
              for k in 0..<n where data.unlabelled?[idx[k]] != true {
                let z = width == 2 ? y[2 * k + 1] - y[2 * k] : y[k]
                if (z >= 0 ? 1 : 0) == data.labels[idx[k]] { correct += 1 }
                labelledSeen += 1
              }
              if let adversary {
                let progress = Double(optimizer.stepCount) / Double(max(1, cfg.epochs * stepsPerEpoch))
                adversary.backward(
                  network, g, batch: n, indices: idx, lambda: adversary.spec.lambda(progress: progress),
                  learningRate: lastLR)
              } else {
                network.backward(g, batch: n)
              }
              if let vatStep {
                var rng = SeededGenerator(seed: cfg.seed ^ 0x7A75).stream(UInt64(epoch)).stream(UInt64(b))
                vatSum += vatStep.addGradients(network, x: xp.baseAddress!, batch: n, rng: &rng) * Double(n)
              }
              return l
            }
          }
        }
        optimizer.step(network.trainableParameters)
        lossSum += Double(l) * Double(n); seen += n
        progress.advance(
          by: n,
          note: String(
            format: "loss=%.4f acc=%.3f", lossSum / Double(seen), Double(correct) / Double(max(1, labelledSeen))))
      }
      let (valLogits, valLoss) = try Self.evaluate(network, data: data, indices: split.validation)
      let valLabels = split.validation.map { data.labels[$0] }
      let valAUC = BinaryMetrics.rocAUC(scores: valLogits, labels: valLabels)
      let valAcc = Double(zip(valLogits, valLabels).filter { ($0 >= 0 ? 1 : 0) == $1 }.count) / Double(valLabels.count)
      let secs = Date().timeIntervalSince(started)
      progress.finish(
        note: String(
          format: "loss=%.4f val_loss=%.4f val_auc=%.4f val_acc=%.3f", lossSum / Double(max(1, seen)), valLoss, valAUC,
          valAcc))
      state.history.append(
        EpochRecord(
          epoch: epoch + 1, trainLoss: lossSum / Double(max(1, seen)),
          trainAccuracy: Double(correct) / Double(max(1, labelledSeen)), validationLoss: valLoss,
          validationAccuracy: valAcc, validationAUC: valAUC, learningRate: Double(lastLR),
          seconds: secs, imagesPerSecond: Double(seen) / max(secs, 1e-9),
          adversaryLoss: adversary.map { $0.lossSum / Double(max(1, $0.seen)) },
          adversaryAccuracy: adversary.map { Double($0.correct) / Double(max(1, $0.seen)) },
          vatLoss: vatStep.map { _ in vatSum / Double(max(1, seen)) }))
      let score = cfg.stopMetric == .loss ? -valLoss : valAUC
      if score > state.bestScore {
        state.bestScore = score; state.bestEpoch = epoch + 1; state.epochsWithoutImprovement = 0
        best = network.parameters()
      } else {
        state.epochsWithoutImprovement += 1
        if cfg.patience > 0 && state.epochsWithoutImprovement >= cfg.patience { state.stoppedEarly = true }
      }
      state.epochsDone = epoch + 1
      epochsThisCall += 1
      try writeCheckpoint(network: network, best: best, optimizer: optimizer, state: state, adversary: adversary)
      try writeLog(state.history)
    }
    try network.load(parameters: best)
    let (valLogits, _) = try Self.evaluate(network, data: data, indices: split.validation)
    var prov = Provenance(seed: cfg.seed, inputs: [data.source: data.sourceSHA256], commandLine: commandLine)
    prov.extra["epochs_run"] = String(state.epochsDone)
    prov.extra["best_epoch"] = String(state.bestEpoch)
    prov.extra["training_configuration"] = configJSON
    prov.extra["train_count"] = String(split.train.count)
    prov.extra["validation_count"] = String(split.validation.count)
    if config.adversary != nil {
      prov.extra["adversary"] =
        adversary == nil ? "off: the training part holds a single group" : "on"
    }
    if let contextRanges {
      prov.extra["context_ranges"] = String(decoding: try JSONCoding.encoder().encode(contextRanges), as: UTF8.self)
    }
    var summary: [String: String] = [:]
    if let last = state.history.first(where: { $0.epoch == state.bestEpoch }) {
      summary["val_auc"] = String(last.validationAUC); summary["val_accuracy"] = String(last.validationAccuracy)
      summary["val_loss"] = String(last.validationLoss)
    }
    summary["best_epoch"] = String(state.bestEpoch)
    summary["split_seed"] = String(cfg.splitSeed)
    summary["validation_fraction"] = String(cfg.validationFraction)
    summary["test_fraction"] = String(cfg.testFraction)
    summary["test_count"] = String(test.count)
    if !test.isEmpty {
      summary["test_split"] =
        "stratified, SeededGenerator(split_seed ^ 0x7E57); test_rows are 0-based data rows of the training catalog"
      summary["test_rows"] = String(decoding: try JSONEncoder().encode(test.map { data.rows[$0] }), as: UTF8.self)
    }
    let model = ClassifierModel(network: network, recipe: cfg.recipe, provenance: prov, trainingSummary: summary)
    return TrainingResult(
      model: model, history: state.history, split: split, test: test, bestEpoch: state.bestEpoch,
      stoppedEarly: state.stoppedEarly, validationLogits: valLogits,
      validationLabels: split.validation.map { data.labels[$0] }, interrupted: interrupted)
  }

  /// The data's group per example, which `option` needs (an error naming the data when they carry none).
  func groups(of data: LabelledDataset, for option: String) throws -> [Int] {
    guard let groups = data.groups, groups.count == data.count else {
      throw ClassifierError.invalidInput(
        path: data.source, reason: "\(option): the data carry no group (pixel or bin) per example")
    }
    return groups
  }

  /// ``GroupBalancing`` weights by dataset index over the training part (nil when the configuration has none).
  func groupWeights(_ data: LabelledDataset, train: [Int]) throws -> [Int: Float]? {
    guard let balancing = config.groupBalancing else { return nil }
    let w = GroupBalancing.weights(groups: try groups(of: data, for: "--balance-by \(balancing)"), indices: train)
    return Dictionary(uniqueKeysWithValues: zip(train, w))
  }

  /// The domain-adversarial head of the configuration (nil when it has none, or when the training part holds a
  /// single group — a sky-split model of one telescope's sky, say — so that training is then the plain one).
  func adversarialHead(_ data: LabelledDataset, network: Sequential, train: [Int]) throws -> AdversarialHead? {
    guard let spec = config.adversary else { return nil }
    let groups = try groups(of: data, for: "--adversary \(spec.groups)")
    // One group in the training part: nothing to be invariant to, and a head that always wins would only perturb.
    guard Set(train.map { groups[$0] }).count >= 2 else { return nil }
    return try AdversarialHead(
      spec: spec, network: network, groups: groups, train: train, seed: config.seed,
      learningRate: config.learningRate)
  }

  /// The observing conditions of the training images (``ContextAugmentation/Ranges``) when the augmentation redraws
  /// them, else nil.
  func contextRanges(_ data: LabelledDataset, train: [Int]) throws -> ContextAugmentation.Ranges? {
    guard config.augmentation?.context != nil else { return nil }
    return ContextAugmentation.Ranges.measure(train.map { data.image($0) })
  }

  /// Spiral logits of `indices` (inference mode, batches of 128) and the mean cross-entropy against the targets.
  static func evaluate(_ network: Sequential, data: LabelledDataset, indices: [Int]) throws -> (
    logits: [Double], loss: Double
  ) {
    let width = network.outputShape.reduce(1, *)
    var logits: [Double] = []
    var start = 0
    while start < indices.count {
      let idx = Array(indices[start..<min(indices.count, start + 128)])
      let x = BatchAssembler.assemble(data, indices: idx, positions: [], epoch: 0, seed: 0, augmentation: nil)
      let y = try network.predict(Tensor(shape: [idx.count] + network.inputShape, values: x), batchSize: idx.count)
      for k in 0..<idx.count {
        logits.append(width == 2 ? Double(y.values[2 * k + 1]) - Double(y.values[2 * k]) : Double(y.values[k]))
      }
      start += idx.count
    }
    var l = 0.0
    for (z, i) in zip(logits, indices) {
      let t = Double(data.targets[i])
      // −t log σ(z) − (1 − t) log(1 − σ(z)) = max(z, 0) − z t + log(1 + e^{−|z|})
      l += max(z, 0) - z * t + log1p(exp(-abs(z)))
    }
    return (logits, l / Double(max(1, indices.count)))
  }

  func reseedDropout(_ network: Sequential, epoch: Int) {
    for (i, layer) in network.layers.enumerated() {
      guard let d = layer as? Dropout else { continue }
      d.generator = SeededGenerator(seed: config.seed ^ 0xD509).stream(UInt64(epoch) << 16 | UInt64(i))
    }
  }

  func writeCheckpoint(
    network: Sequential, best: [String: (shape: [Int], values: [Float])], optimizer: Adam,
    state: TrainingState, adversary: AdversarialHead? = nil
  ) throws {
    guard let url = checkpointURL else { return }
    var ck = TrainingCheckpoint(
      state: state,
      weights: network.parameters().mapValues { HDF5Tensor(shape: $0.shape, values: $0.values) },
      best: best.mapValues { HDF5Tensor(shape: $0.shape, values: $0.values) },
      adam: optimizer.state(of: network))
    ck.adversary = adversary?.saved()
    try ck.write(to: url)
  }

  func writeLog(_ history: [EpochRecord]) throws {
    guard let url = logURL else { return }
    let e = JSONEncoder(); e.outputFormatting = [.sortedKeys]
    e.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    var text = ""
    for r in history { text += String(decoding: try e.encode(r), as: UTF8.self) + "\n" }
    try AtomicFile.write(text, to: url)
  }
}
