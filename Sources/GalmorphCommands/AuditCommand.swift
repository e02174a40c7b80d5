// galmorph — GalmorphCommands
//
// `galmorph audit`: the sky-split training protocol end to end.

import AnisotropyAudit
import ArgumentParser
import Attribution
import Foundation
import GalmorphSupport
import HDF5IO
import MorphologyClassifier
import NeuralNet
import Reports
import SkyStatistics
import TensorCore

/// `galmorph audit`: does where the training galaxies sat on the sky change the annotations?
struct AuditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit",
    abstract:
      "Anisotropy audit: train a model pair per sky split and per sky-independent control unit, and test for context bias.",
    discussion: """
      Holds out a common test set. The sky unit of every split trains one model on side A and one on side B (same \
      size, same class fractions, same settings and seed); each of M control units trains the same pair on two \
      random, sky-independent reservoirs of the same sizes. Every model annotates the test set; the context \
      statistics are D = (f_A(A) − f_A(B)) − (f_B(A) − f_B(B)), a lean towards each model's own side, and \
      S = ½[(f_A(A) − f_B(A)) + (f_A(B) − f_B(B))], a shift with the training side. A unit's statistic T is the \
      larger of its mean |D| and mean |S| over seeds, each divided by its root mean square over all units; the sky \
      unit's T is ranked among the control units': p = (1 + #controls ≥ sky)/(M + 1), exact because the units are exchangeable under the null, \
      Holm-adjusted over the splits (smallest attainable: k/(M + 1) for k splits; the default M is the fewest that gets below α). \
      Writes audit.json, audit.md/.tex/.csv, report.md, audit.ipynb, figures/, test_annotations.csv, \
      sigma_maps.fits (the dipoles' HEALPix σ-maps), annotations/ and models/ into --out (`galmorph report` re-renders them); --resume reuses the finished models of a killed run. \
      The input is an image stack (--images) or a catalog of cutouts (--catalog), which is first stacked as \
      `galmorph stack` does (--stack-crop-size, --stack-size, the label and column options) into --out/stack.h5; \
      --resume reuses that stack when the catalog's SHA-256 and the stack options are those it was built from. \
      --crop-size and --input-size are in pixels of the stored stamps. On a cluster: --plan writes \
      --out/tasks.json, --task I trains the model of task I (one per array task, any order; a requeued task \
      resumes), --collect analyses — the same tables as one run, byte for byte.
      """
  )

  @Option(
    help:
      "HDF5 image stack with images, label, ra and dec datasets (README, \"Image stacks\"; `galmorph stack` or `galmorph simulate`'s OUT/cutouts.h5), or the simulation folder."
  )
  var images: String?

  @Option(
    help:
      "Instead of --images: a catalog (CSV/TSV(.gz), FITS table or HDF5) of cutout paths (JPEG, PNG or FITS) with labels and RA/Dec, stacked into --out/stack.h5 as `galmorph stack` does."
  )
  var catalog: String?

  @OptionGroup var labels: LabelColumnOptions

  @OptionGroup var columns: StackColumnOptions

  @Option(
    name: .customLong("stack-crop-size"),
    help: "With --catalog: centre crop of the cutouts, in their pixels (as `galmorph stack --crop-size`; default 224).")
  var stackCropSize: Int?

  @Option(
    name: .customLong("stack-size"),
    help: "With --catalog: side of the stored stamps in pixels (as `galmorph stack --size`; default 64).")
  var stackSize: Int?

  @Option(
    name: .customLong("split"),
    help:
      "Sky split, repeatable: ra:LO,HI, dec:DEC, galactic-b:B or axis:RA,DEC (side A = the range, north, or the hemisphere around the axis)."
  )
  var splits: [String] = ["dec:0", "ra:70,250"]

  @Option(
    help:
      "Training seeds: each unit trains one model pair per seed (more seeds average out training noise; the cost grows in proportion)."
  )
  var seeds: Int = 1

  @Option(
    help:
      "Control units M (default: the fewest for which k/(M + 1) < α with k splits: 20 for one split, 40 for two at α = 0.05)."
  )
  var controls: Int?

  @Option(help: "Base seed (test set and training-set draws).")
  var seed: UInt64 = 0

  @Option(name: .customLong("test-fraction"), help: "Fraction of galaxies held out as the common test set.")
  var testFraction: Double = 0.2

  @Option(
    name: .customLong("train-size"),
    help: "Cap on galaxies per training set (default: as many as the smallest side allows).")
  var trainSize: Int?

  @Option(help: "Network: net-b (galaxy CNN) or net-a (Tomo-e small CNN).")
  var architecture: ReferenceNetworks.Name = .netB

  @Option(
    name: .customLong("input-size"),
    help: "Network input size in pixels (default: the stored stamp side for net-b, 29 for net-a).")
  var inputSize: Int?

  @Option(
    name: .customLong("crop-size"),
    help: "Centre crop of the stored stamps, in their pixels (default: the whole stamp).")
  var cropSize: Int?

  @OptionGroup var training: TrainingOptions<AuditCommand>

  @OptionGroup(title: "De-biasing (every model of the audit)") var debias: DebiasOptions

  @Option(help: "Significance level of the verdicts.")
  var alpha: Double = 0.05

  @Option(
    help: "Relabellings for the look-elsewhere-corrected dipole p-values (default ⌈20·m/α⌉ for the m dipole fits).")
  var permutations: Int?

  @Option(help: "Paired bootstrap resamples for the interval of D.")
  var bootstrap: Int = 1000

  @Option(help: "Output folder.")
  var out: String

  @Option(
    name: .customLong("concurrent-models"),
    help:
      "Models trained at the same time, each on one core (default: one per engine worker, i.e. 2); the results do not depend on it."
  )
  var concurrentModels: Int?

  @Flag(
    help:
      "After the models: the background-only context probe (as `galmorph probe-context`: side of every split, morphology label) and the share of attribution outside the galaxies of each split's models and a control model per test side; rows in the report."
  )
  var probe = false

  @Option(
    name: .customLong("probe-galaxies"), help: "With --probe: test galaxies per side whose attributions are averaged.")
  var probeGalaxies = 100

  @Option(name: .customLong("probe-method"), help: "With --probe: attribution method of the outside shares.")
  var probeMethod: AttributionMethod = .integratedGradients

  @Option(
    name: .customLong("probe-background"),
    help: "With --probe: how the galaxies are removed (auto, truth, segmentation; see `galmorph probe-context`).")
  var probeBackground: ProbeBackground = .auto

  @Flag(help: "Reuse the finished models in --out/models (and continue a model's checkpoint) after a kill.")
  var resume = false

  @Flag(help: "Cluster run, step 1: write --out/tasks.json (one task per model, indices 0…N−1) and stop.")
  var plan = false

  @Option(help: "Cluster run, step 2: train only the model of task I (after --plan; requeue-safe).")
  var task: Int?

  @Flag(help: "Cluster run, step 3: analyse the finished models of every task and write the tables (trains nothing).")
  var collect = false

  func validate() throws {
    guard [plan, task != nil, collect].filter({ $0 }).count <= 1 else {
      throw ValidationError("give at most one of --plan, --task I and --collect")
    }
    if let t = task, t < 0 { throw ValidationError("--task must be ≥ 0, got \(t)") }
    if let n = concurrentModels, n < 1 { throw ValidationError("--concurrent-models must be at least 1, got \(n)") }
    guard (images == nil) != (catalog == nil) else {
      throw ValidationError(
        "give exactly one of --images STACK.h5 (an image stack) or --catalog CAT (a catalog of cutouts, stacked into --out/stack.h5)"
      )
    }
    if images != nil {
      let catalogOnly: [(String, Bool)] =
        [
          ("--image-column", labels.imageColumn != nil), ("--label-column", labels.labelColumn != nil),
        ]
        + columns.given.map { ($0, true) }
        + [("--stack-crop-size", stackCropSize != nil), ("--stack-size", stackSize != nil)]
      if let (name, _) = catalogOnly.first(where: { $0.1 }) {
        throw ValidationError("\(name) goes with --catalog; an image stack (--images) has its datasets already")
      }
    }
    if catalog != nil {
      guard (stackSize ?? 64) >= 8, (stackCropSize ?? 224) >= (stackSize ?? 64) else {
        throw ValidationError("need --stack-size ≥ 8 and --stack-crop-size ≥ --stack-size")
      }
    }
    guard seeds >= 1 else { throw ValidationError("--seeds must be at least 1") }
    guard testFraction > 0 && testFraction < 1 else { throw ValidationError("--test-fraction must lie in (0, 1)") }
    guard alpha > 0 && alpha < 1 else { throw ValidationError("--alpha must lie in (0, 1)") }
    guard (permutations ?? 1) >= 1, bootstrap >= 0 else {
      throw ValidationError("--permutations must be ≥ 1 and --bootstrap ≥ 0")
    }
    guard (controls ?? 1) >= 1 else { throw ValidationError("--controls must be at least 1") }
    guard !splits.isEmpty else { throw ValidationError("give at least one --split") }
    if probe {
      guard probeGalaxies >= 2 else { throw ValidationError("--probe-galaxies must be at least 2") }
      guard !plan, task == nil else { throw ValidationError("--probe goes with a whole run or --collect") }
    }
  }

  func run() throws {
    let named = try NamedSplit.parsingOptions(splits)
    let stamps = try stampShape()
    let stamp = stamps.side, channels = stamps.channels
    let size = inputSize ?? (architecture == .netA ? 29 : stamp)
    let crop = cropSize ?? stamp
    // All three are in pixels of the stored stamps (a stack made from a catalog stores crops of its crop_size
    // source pixels resized to the stamp side; that source crop is not compared with these).
    guard size >= 8, crop >= size, crop <= stamp else {
      throw ValidationError(
        "need 8 ≤ --input-size ≤ --crop-size ≤ the stored stamp side (\(stamp) px); both are in stored pixels")
    }
    let recipe = PreprocessingRecipe(cropSize: crop, inputSize: size, channels: channels)
    var arch = architecture.architecture
    arch.inputShape = [size, size, channels]
    var trainingConfig = TrainingConfiguration(
      architecture: arch, recipe: recipe, epochs: training.epochs, batchSize: training.batchSize,
      learningRate: training.learningRate, schedule: .cosine, balancing: .none, validationFraction: 0.2,
      stopMetric: .auc,
      patience: training.patience, augmentation: Augmentation(), seed: 0)
    try debias.apply(to: &trainingConfig)
    let config = AuditConfiguration(
      splits: named, seeds: (1...seeds).map(UInt64.init), controls: controls, baseSeed: seed,
      testFraction: testFraction, maxTrainingSize: trainSize, training: trainingConfig,
      alpha: alpha, adjustment: .holm, bootstrap: bootstrap, dipolePermutations: permutations)
    let outURL = URL(fileURLWithPath: out, isDirectory: true)
    let created = try OutputLocation.prepareFolder(outURL)
    defer { OutputLocation.removeIfEmpty(created) }  // after the locks are released: a refused run leaves no folder
    // One writer per folder: a whole run, --plan and --collect hold it alone; the tasks of a cluster run share it,
    // each holding its own task alone (a requeued task never runs twice at once).
    let folderLock = try OutputLock.folder(outURL, shared: task != nil)
    defer { folderLock.release() }
    let taskLock = try task.map {
      try OutputLock(
        lockFile: outURL.appendingPathComponent(".galmorph-task-\($0).lock"), output: outURL.path + " (task \($0))")
    }
    defer { taskLock?.release() }
    Interruption.install()
    let models = task == nil ? 2 * seeds * (named.count + config.controls) : 1
    // A resumed run keeps the models it finished: what they occupy is not needed again.
    let needed = max(
      0,
      try Self.spaceNeeded(architecture: arch, models: models, lanes: concurrentModels ?? Parallel.workers)
        - (resume ? DiskSpace.bytes(under: outURL.appendingPathComponent("models")) : 0))
    let stackBytes = task == nil && !collect ? try stackSpaceNeeded(folder: outURL) : 0
    if !plan && !collect {
      try DiskSpace.require(
        needed + stackBytes, at: outURL,
        for: "\(models) model(s) with their checkpoints, annotations and reports"
          + (stackBytes > 0 ? ", and the stack of the catalog" : ""))
    }
    // The steps of a cluster run share the folder (and a --catalog's cached stack) the way --resume does.
    var command = self
    command.resume = resume || plan || task != nil || collect
    // Checked before a catalog is stacked into the folder; the pipeline checks again.
    try config.checkResumable(folder: outURL, resume: command.resume)

    let input = try command.auditInput(folder: outURL)
    if let scales = try ImageStackFile.scaleDescription(input.stack) {
      log(scales + "; the audit crops \(crop) px of the stamps and resizes them to \(size) px")
    }
    var pipeline = AuditPipeline(
      configuration: config, stack: input.stack, mapping: input.mapping,
      catalog: input.catalog, folder: outURL)
    pipeline.resume = resume
    pipeline.commandLine = CommandLine.arguments.joined(separator: " ")
    pipeline.log = log
    pipeline.concurrentModels = concurrentModels ?? Parallel.workers
    if plan {
      let tasks = try pipeline.plan()
      print(
        "planned \(tasks.tasks.count) tasks (indices 0…\(tasks.tasks.count - 1)) in "
          + outURL.appendingPathComponent(AuditTasks.fileName).path)
      return
    }
    if let task {
      let outcome = try DiskSpace.guarding(outURL, needed: needed, for: "the audit") { try pipeline.runTask(task) }
      print(
        "task \(task): \(outcome.name) finished (\(outcome.file), "
          + String(format: "validation AUC %.4f)", outcome.validationAUC))
      return
    }
    pipeline.collectOnly = collect
    var result = try DiskSpace.guarding(outURL, needed: needed, for: "the audit") { try pipeline.run() }
    if probe {
      let (sample, design) = try pipeline.load()
      let stage = AuditProbeStage(
        folder: outURL, stack: input.stack, mapping: input.mapping, result: result, sample: sample, design: design,
        galaxiesPerSide: probeGalaxies, method: probeMethod, background: probeBackground,
        epochs: training.epochs, seed: seed)
      result.probe = try stage.run(log: log)
      try AtomicFile.write(
        try JSONCoding.encoder().encode(result), to: outURL.appendingPathComponent(AuditResult.fileName))
    }
    log("writing tables, figures, report.md and audit.ipynb …")
    try AuditReport(result: result, folder: outURL).write()
    for s in result.splits { print(s.verdict.statement) }
    print(
      "wrote \(outURL.appendingPathComponent(AuditResult.fileName).path) (total \(ProgressReporter.clock(result.timings["total"] ?? 0)))"
    )
  }

  func log(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

  /// An estimate of what an audit writes: each model file (4 bytes a parameter + 64 kB of metadata and its
  /// annotations), a checkpoint per lane (weights, best weights and two Adam moments: 16 bytes a parameter), and
  /// 8 MB of tables, figures and reports.
  static func spaceNeeded(architecture: Architecture, models: Int, lanes: Int) throws -> Int64 {
    let parameters = Int64(try Sequential(architecture: architecture).parameterCount)
    return Int64(models) * (4 * parameters + 65_536) + Int64(max(1, lanes)) * 16 * parameters + 8_000_000
  }
}

/// 6 epochs (the presets' verdicts and the 20,000-galaxy timing were measured at 6), patience 3.
extension AuditCommand: TrainingDefaults {
  static let epochs = 6
  static let patience = 3
}
