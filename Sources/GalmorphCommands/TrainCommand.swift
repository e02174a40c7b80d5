// galmorph — GalmorphCommands

import ArgumentParser
import Foundation
import GalmorphSupport
import MorphologyClassifier
import NeuralNet

/// `galmorph train`: train the elliptical/spiral CNN on a labelled catalog of cutouts.
struct TrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train the elliptical/spiral CNN (Net B, 64×64×3) on a labelled catalog of cutouts.",
    discussion: """
      Holds out a seeded, stratified test part (--test-fraction, recorded in the model) and validation part (or \
      uses --split-column), trains with Adam, keeps the best epoch, stops early, writes a checkpoint every epoch \
      (--resume continues a killed run identically) and a per-epoch JSON-lines log, fits a temperature on the \
      validation part, and saves one HDF5 model file with provenance. The defaults (224-px crop, 20 epochs, \
      early stop on validation AUC with patience 6, no class balancing, calibration on) are the settings of the \
      shipped model (Catalogs/MODEL_CARD.md), which beat the earlier defaults on Galaxy Zoo 1 SDSS cutouts.
      """
  )

  @OptionGroup var data: CatalogOptions

  @Option(help: "Output model file (HDF5).")
  var output: String

  @Option(name: .customLong("vote-column"), help: "Column of spiral vote fractions in [0, 1], used as soft targets.")
  var voteColumn: String?

  @Option(
    name: .customLong("split-column"),
    help: "Column marking validation rows (val/validation/valid/test); default: a stratified random split.")
  var splitColumn: String?

  @Option(
    name: .customLong("validation-fraction"),
    help: "Validation fraction (of the non-test rows) of the stratified split.")
  var validationFraction: Double = 0.15

  @Option(
    name: .customLong("test-fraction"),
    help:
      "Stratified fraction held out as a test part training never sees; its rows are recorded in the model (score it with `galmorph evaluate --held-out`). 0 = none."
  )
  var testFraction: Double = 0.15

  @Option(
    name: .customLong("split-seed"),
    help:
      "Seed of the test and validation splits (default: --seed). Models trained with different --seed and one --split-seed share their held-out and validation parts, as ensemble members must."
  )
  var splitSeed: UInt64?

  @Option(
    help:
      "Train a seed ensemble of this many members (seeds --seed, --seed+1, …; one shared split) and save their logit average as one model; each member is also kept as OUTPUT-stem.member<k>.h5, with its checkpoint and log beside it, and --resume reuses finished members."
  )
  var members: Int = 1

  @OptionGroup var training: TrainingOptions<TrainCommand>

  @Option(help: "Learning-rate schedule.")
  var schedule: TrainingConfiguration.Schedule = .cosine

  @Option(help: "Class balancing.")
  var balance: ClassBalancing = .none

  @Option(name: .customLong("early-stop"), help: "Early-stopping metric.")
  var earlyStop: TrainingConfiguration.StopMetric = .auc

  @Option(name: .customLong("crop-size"), help: "Centre crop of the cutouts, pixels.")
  var cropSize: Int = 224

  @Option(name: .customLong("input-size"), help: "Network input size, pixels.")
  var inputSize: Int = 64

  @Flag(name: .customLong("no-augment"), help: "Disable dihedral/shift augmentation.")
  var noAugment = false

  @OptionGroup(title: "De-biasing") var debias: DebiasOptions

  @OptionGroup(title: "Label noise") var noise: VATOptions

  @Flag(inversion: .prefixedNo, help: "Fit a temperature on the validation part and store it in the model.")
  var calibrate = true

  @Option(help: "Checkpoint file (default: OUTPUT.ckpt.h5).")
  var checkpoint: String?

  @Option(help: "Per-epoch log, JSON lines (default: OUTPUT.log.jsonl).")
  var log: String?

  @Flag(help: "Continue from the checkpoint of a killed run.")
  var resume = false

  @Option(
    name: .customLong("stop-after-epochs"),
    help:
      "Train at most this many epochs in this invocation, then write the model of the best epoch so far (with --resume, 0 finishes a killed run from its checkpoint without training further)."
  )
  var stopAfterEpochs: Int?

  func run() throws {
    let outURL = URL(fileURLWithPath: output)
    try OutputLocation.prepareParent(of: outURL)
    let lock = try OutputLock.file(outURL)
    defer { lock.release() }
    Interruption.install()
    try DiskSpace.guarding(outURL.deletingLastPathComponent(), needed: nil, for: "the model") { try train() }
  }

  /// ``run()`` once the output is locked.
  func train() throws {
    guard (0..<1).contains(validationFraction), (0..<1).contains(testFraction),
      validationFraction > 0 || splitColumn != nil
    else {
      throw ValidationError(
        "--validation-fraction must be in (0, 1) (or give --split-column) and --test-fraction in [0, 1)")
    }
    guard cropSize >= inputSize, inputSize >= 16 else {
      throw ValidationError("need --input-size ≥ 16 and --crop-size ≥ --input-size")
    }
    // Output folders first: a bad location fails now, not after the training.
    for path in [output, checkpoint ?? output + ".ckpt.h5", log ?? output + ".log.jsonl"] {
      try OutputLocation.prepareParent(ofPath: path)
    }
    let recipe = PreprocessingRecipe(cropSize: cropSize, inputSize: inputSize)
    FileHandle.standardError.write(Data("loading and preprocessing \(data.catalogPath) …\n".utf8))
    var dataset = try data.loadDataset(
      recipe: recipe, voteColumn: voteColumn, splitColumn: splitColumn, groups: try debias.groups())
    let (noteSummary, noteInputs) = try noise.prepare(&dataset, recipe: recipe)
    if dataset.unlabelled != nil && balance == .oversample {
      throw ValidationError(
        "--balance oversample cannot be used with removed labels (--unlabel-suspects, --unlabelled)")
    }
    var config = TrainingConfiguration(
      recipe: recipe, epochs: training.epochs, batchSize: training.batchSize,
      learningRate: training.learningRate, schedule: schedule, balancing: balance,
      validationFraction: validationFraction, testFraction: testFraction,
      stopMetric: earlyStop, patience: training.patience,
      augmentation: noAugment ? nil : Augmentation(), seed: data.seed,
      splitSeed: splitSeed)
    try debias.apply(to: &config, symmetries: !noAugment)
    let epsilons = try noise.epsilons
    config.vat = noise.spec(epsilon: epsilons[0])
    // The model (4 bytes a parameter) and its checkpoint (16: weights, best weights, two Adam moments) per member
    // or ε candidate, and 1 MB for logs and metadata.
    let parameters = Int64(try Sequential(architecture: config.architecture).parameterCount)
    let runs = Int64(max(members, noise.vat ? epsilons.count : 1))
    try DiskSpace.require(
      runs * (20 * parameters + 1_000_000), at: URL(fileURLWithPath: output).deletingLastPathComponent(),
      for: "the model and its checkpoint")
    let trainer = Trainer(
      config: config, checkpointURL: URL(fileURLWithPath: checkpoint ?? output + ".ckpt.h5"),
      logURL: URL(fileURLWithPath: log ?? output + ".log.jsonl"),
      commandLine: CommandLine.arguments.joined(separator: " "))
    if let s = stopAfterEpochs, s < 0 { throw ValidationError("--stop-after-epochs must be ≥ 0") }
    guard members >= 1 else { throw ValidationError("--members must be ≥ 1") }
    if members > 1 {
      guard checkpoint == nil, log == nil else {
        throw ValidationError(
          "--checkpoint and --log name one run's files; with --members each member keeps its own beside its file")
      }
      guard !noise.vat || epsilons.count == 1 else {
        throw ValidationError("with --members give one --vat-epsilon (choose it first with a single model)")
      }
      return try runEnsemble(trainer, dataset, record: (noteSummary, noteInputs))
    }
    if noise.vat && epsilons.count > 1 {
      return try runVATSearch(trainer, dataset, epsilons: epsilons, record: (noteSummary, noteInputs))
    }
    let result = try trainer.train(dataset, resume: resume, stopAfterEpochs: stopAfterEpochs)
    if result.interrupted {
      result.model.trainingSummary["stopped_after_epoch"] = String(result.history.count)
      result.model.trainingSummary["note"] =
        "run ended by --stop-after-epochs after \(result.history.count) of \(training.epochs) epochs; weights of the best epoch so far"
    }
    try finish(
      result.model, calibrating: calibrate, validation: (result.validationLogits, result.validationLabels),
      testCount: result.test.count, record: (noteSummary, noteInputs),
      prefix:
        "best epoch \(result.bestEpoch) of \(result.history.count)\(result.stoppedEarly ? " (stopped early)" : ""); ")
  }
}

/// The defaults of the shipped model (Catalogs/MODEL_CARD.md): 20 epochs, patience 6.
extension TrainCommand: TrainingDefaults {
  static let epochs = 20
  static let patience = 6
}

extension TrainCommand {
  /// `OUTPUT` without its extension + `.member<k>.h5`, e.g. `model.member2.h5`.
  func memberURL(_ k: Int) -> URL {
    URL(fileURLWithPath: output).deletingPathExtension().appendingPathExtension("member\(k).h5")
  }

  /// `--members K`: trains (or, with --resume, reuses) K members, calibrates the logit average on the shared
  /// validation part and writes the ensemble to OUTPUT.
  func runEnsemble(
    _ trainer: Trainer, _ dataset: LabelledDataset, record: (summary: [String: String], inputs: [String: String])
  ) throws {
    let result = try trainer.trainEnsemble(
      dataset, size: members, memberURL: memberURL, calibrateMembers: calibrate,
      resume: resume, stopAfterEpochs: stopAfterEpochs)
    for r in result.members {
      CommandOutput.line(
        String(
          format: "member %d (seed %llu) %@: best epoch %d, validation roc_auc=%.4f%@", r.member, r.seed,
          memberURL(r.member).path, r.bestEpoch, r.validationAUC, r.reused ? " (reused)" : ""))
    }
    guard let model = result.model, !result.interrupted else {
      CommandOutput.line(
        "stopped after \(result.members.count) finished member(s) of \(members); rerun with --resume to continue")
      return
    }
    try finish(
      model, calibrating: calibrate, validation: (result.validationLogits, result.validationLabels),
      testCount: result.test.count, record: record, suffix: ", ensemble of \(members)")
  }

  /// Fits the temperature on the validation part (when `calibrating`), adds the label-noise options' record
  /// (``VATOptions/prepare(_:recipe:)``), writes the model to OUTPUT and prints its hash and validation metrics:
  /// "model OUTPUT (sha256 …)`suffix`", then "`prefix`validation n=… accuracy=… roc_auc=… ece=…; N test rows held out".
  func finish(
    _ model: ClassifierModel, calibrating: Bool, validation: (logits: [Double], labels: [Int]), testCount: Int,
    record: (summary: [String: String], inputs: [String: String]), suffix: String = "", prefix: String = ""
  ) throws {
    if calibrating {
      model.temperature = TemperatureScaling.fit(logits: validation.logits, labels: validation.labels).temperature
    }
    model.trainingSummary.merge(record.summary) { $1 }
    model.provenance?.inputs.merge(record.inputs) { $1 }
    let hash = try model.write(to: URL(fileURLWithPath: output))
    let p = validation.logits.map { model.probability(logit: $0) }
    let m = BinaryMetrics(scores: p, labels: validation.labels, threshold: model.threshold)
    CommandOutput.line(
      "model \(output) (sha256 \(hash))\(suffix)\n\(prefix)"
        + String(
          format: "validation n=%d accuracy=%.4f roc_auc=%.4f ece=%.4f; %d test rows held out", m.n, m.accuracy,
          m.rocAUC, m.ece, testCount))
  }

  /// `OUTPUT` without its extension + `.vat-eps<ε>.h5`, e.g. `model.vat-eps5.h5`.
  func vatCandidateURL(_ eps: Double) -> URL {
    URL(fileURLWithPath: output).deletingPathExtension().appendingPathExtension(
      "vat-eps\(String(format: "%g", eps)).h5")
  }

  /// `--vat` with several `--vat-epsilon` values: one model per ε, the best validation ROC AUC written to OUTPUT.
  func runVATSearch(
    _ trainer: Trainer, _ dataset: LabelledDataset, epsilons: [Double],
    record: (summary: [String: String], inputs: [String: String])
  ) throws {
    let result = try trainer.tuneVAT(
      dataset, epsilons: epsilons, candidateURL: vatCandidateURL, calibrate: calibrate, summary: record.summary,
      resume: resume,
      stopAfterEpochs: stopAfterEpochs)
    for (k, c) in result.candidates.enumerated() {
      CommandOutput.line(
        String(
          format: "VAT ε = %g %@: best epoch %d, validation roc_auc=%.4f%@%@", c.epsilon,
          vatCandidateURL(c.epsilon).path, c.bestEpoch, c.validationAUC, c.reused ? " (reused)" : "",
          k == result.chosen ? " ← chosen" : ""))
    }
    guard let model = result.model, !result.interrupted else {
      CommandOutput.line(
        "stopped after \(result.candidates.count) finished ε candidate(s) of \(epsilons.count); rerun with --resume to continue"
      )
      return
    }
    // the chosen candidate is calibrated already
    try finish(
      model, calibrating: false, validation: (result.validationLogits, result.validationLabels),
      testCount: result.test.count, record: record,
      suffix: String(format: ", VAT ε = %g", result.candidates[result.chosen ?? 0].epsilon))
  }
}
