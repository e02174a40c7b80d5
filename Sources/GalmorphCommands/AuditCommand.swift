// galmorph — GalmorphCommands
//
// `galmorph audit`: the sky-split training protocol end to end.

import AnisotropyAudit
import ArgumentParser
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
    abstract: "Anisotropy audit: train a model pair per sky split and per sky-independent control unit, and test for context bias.",
    discussion: """
      Holds out a common test set. The sky unit of every split trains one model on side A and one on side B (same \
      size, same class fractions, same settings and seed); each of M control units trains the same pair on two \
      random, sky-independent reservoirs of the same sizes. Every model annotates the test set; the context \
      statistics are D = (f_A(A) − f_A(B)) − (f_B(A) − f_B(B)), a lean towards each model's own side, and \
      S = ½[(f_A(A) − f_B(A)) + (f_A(B) − f_B(B))], a shift with the training side. A unit's statistic T is the \
      larger of its mean |D| and mean |S| over seeds, each divided by its root mean square over all units; the sky \
      unit's T is ranked among the control units': p = (1 + #controls ≥ sky)/(M + 1), exact because the units are exchangeable under the null, \
      Holm-adjusted over the splits (smallest attainable: k/(M + 1) for k splits; the default M is the fewest that gets below α). \
      Writes audit.json, audit.md/.tex/.csv, report.md, audit.ipynb, figures/, test_annotations.csv, annotations/ \
      and models/ into --out (`galmorph report` re-renders them); --resume reuses the finished models of a killed run. \
      The input is an image stack (--images) or a catalog of cutouts (--catalog), which is first stacked as \
      `galmorph stack` does (--stack-crop-size, --stack-size, the label and column options) into --out/stack.h5; \
      --resume reuses that stack when the catalog's SHA-256 and the stack options are those it was built from. \
      --crop-size and --input-size are in pixels of the stored stamps.
      """
  )

  @Option(help: "HDF5 image stack with images, label, ra and dec datasets (README, \"Image stacks\"; `galmorph stack` or `galmorph simulate`'s OUT/cutouts.h5), or the simulation folder.")
  var images: String?

  @Option(help: "Instead of --images: a catalog (CSV/TSV(.gz), FITS table or HDF5) of cutout paths (JPEG, PNG or FITS) with labels and RA/Dec, stacked into --out/stack.h5 as `galmorph stack` does.")
  var catalog: String?

  @OptionGroup var labels: LabelColumnOptions

  @OptionGroup var columns: StackColumnOptions

  @Option(name: .customLong("stack-crop-size"), help: "With --catalog: centre crop of the cutouts, in their pixels (as `galmorph stack --crop-size`; default 224).")
  var stackCropSize: Int?

  @Option(name: .customLong("stack-size"), help: "With --catalog: side of the stored stamps in pixels (as `galmorph stack --size`; default 64).")
  var stackSize: Int?

  @Option(name: .customLong("split"), help: "Sky split, repeatable: ra:LO,HI, dec:DEC, galactic-b:B or axis:RA,DEC (side A = the range, north, or the hemisphere around the axis).")
  var splits: [String] = ["dec:0", "ra:70,250"]

  @Option(help: "Training seeds: each unit trains one model pair per seed (more seeds average out training noise; the cost grows in proportion).")
  var seeds: Int = 1

  @Option(help: "Control units M (default: the fewest for which k/(M + 1) < α with k splits: 20 for one split, 40 for two at α = 0.05).")
  var controls: Int?

  @Option(help: "Base seed (test set and training-set draws).")
  var seed: UInt64 = 0

  @Option(name: .customLong("test-fraction"), help: "Fraction of galaxies held out as the common test set.")
  var testFraction: Double = 0.2

  @Option(name: .customLong("train-size"), help: "Cap on galaxies per training set (default: as many as the smallest side allows).")
  var trainSize: Int?

  @Option(help: "Network: net-b (galaxy CNN, default) or net-a (Tomo-e small CNN).")
  var architecture: String = "net-b"

  @Option(name: .customLong("input-size"), help: "Network input size in pixels (default: the stored stamp side for net-b, 29 for net-a).")
  var inputSize: Int?

  @Option(name: .customLong("crop-size"), help: "Centre crop of the stored stamps, in their pixels (default: the whole stamp).")
  var cropSize: Int?

  @Option(help: "Maximum epochs per model (6: the presets' verdicts and the 20,000-galaxy timing were measured at 6).")
  var epochs: Int = 6

  @Option(name: .customLong("batch-size"), help: "Examples per step.")
  var batchSize: Int = 32

  @Option(name: .customLong("learning-rate"), help: "Initial Adam learning rate (cosine schedule).")
  var learningRate: Float = 1e-3

  @Option(help: "Epochs without improvement of the validation AUC before a model stops.")
  var patience: Int = 3

  @Option(help: "Significance level of the verdicts.")
  var alpha: Double = 0.05

  @Option(help: "Relabellings for the look-elsewhere-corrected dipole p-values (default ⌈20·m/α⌉ for the m dipole fits).")
  var permutations: Int?

  @Option(help: "Paired bootstrap resamples for the interval of D.")
  var bootstrap: Int = 1000

  @Option(help: "Output folder.")
  var out: String

  @Flag(help: "Reuse the finished models in --out/models (and continue a model's checkpoint) after a kill.")
  var resume = false

  func validate() throws {
    guard (images == nil) != (catalog == nil) else {
      throw ValidationError("give exactly one of --images STACK.h5 (an image stack) or --catalog CAT (a catalog of cutouts, stacked into --out/stack.h5)")
    }
    if images != nil {
      let catalogOnly: [(String, Bool)] = [
        ("--image-column", labels.imageColumn != nil), ("--label-column", labels.labelColumn != nil)]
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
    guard epochs >= 1, batchSize >= 1, patience >= 0 else { throw ValidationError("--epochs and --batch-size must be ≥ 1, --patience ≥ 0") }
    guard alpha > 0 && alpha < 1 else { throw ValidationError("--alpha must lie in (0, 1)") }
    guard (permutations ?? 1) >= 1, bootstrap >= 0 else { throw ValidationError("--permutations must be ≥ 1 and --bootstrap ≥ 0") }
    guard (controls ?? 1) >= 1 else { throw ValidationError("--controls must be at least 1") }
    guard ["net-a", "net-b"].contains(architecture) else { throw ValidationError("--architecture must be net-a or net-b") }
    guard !splits.isEmpty else { throw ValidationError("give at least one --split") }
  }

  func run() throws {
    var timings: [String: Double] = [:]
    let t0 = Date()
    let named = try splits.map { text -> NamedSplit in
      do { return try NamedSplit(parsing: text) } catch { throw ValidationError("--split \(text): \(error)") }
    }
    let stamps = try stampShape()
    let stamp = stamps.side, channels = stamps.channels
    let size = inputSize ?? (architecture == "net-a" ? 29 : stamp)
    let crop = cropSize ?? stamp
    // All three are in pixels of the stored stamps (a stack made from a catalog stores crops of its crop_size
    // source pixels resized to the stamp side; that source crop is not compared with these).
    guard size >= 8, crop >= size, crop <= stamp else {
      throw ValidationError("need 8 ≤ --input-size ≤ --crop-size ≤ the stored stamp side (\(stamp) px); both are in stored pixels")
    }
    let recipe = PreprocessingRecipe(cropSize: crop, inputSize: size, channels: channels)
    var arch = architecture == "net-a" ? ReferenceNetworks.netA : ReferenceNetworks.netB
    arch.inputShape = [size, size, channels]
    let training = TrainingConfiguration(architecture: arch, recipe: recipe, epochs: epochs, batchSize: batchSize,
                                         learningRate: learningRate, schedule: .cosine, balancing: .none,
                                         validationFraction: 0.2, stopMetric: .auc, patience: patience,
                                         augmentation: Augmentation(), seed: 0)
    let config = AuditConfiguration(splits: named, seeds: (1...seeds).map(UInt64.init), controls: controls, baseSeed: seed,
                                    testFraction: testFraction, maxTrainingSize: trainSize, training: training,
                                    alpha: alpha, adjustment: .holm, bootstrap: bootstrap, dipolePermutations: permutations)
    let outURL = URL(fileURLWithPath: out, isDirectory: true)
    try OutputLocation.prepareFolder(outURL)
    try checkResume(config: config, folder: outURL)

    let input = try auditInput(folder: outURL)
    let stackURL = input.stack
    if let scales = try Self.pixelScales(stackURL) { log(scales + "; the audit crops \(crop) px of the stamps and resizes them to \(size) px") }
    log("loading and preprocessing \(stackURL.path) …")
    let sample = try AuditSample.load(imageStack: stackURL, recipe: recipe, mapping: input.mapping)
    let design = try AuditDesign(labels: sample.data.labels, sides: named.map { $0.split.isSideA(sample.directions) },
                                 testFraction: testFraction, seeds: config.seeds, controls: config.controls, baseSeed: seed,
                                 maxTrainingSize: trainSize)
    timings["load"] = Date().timeIntervalSince(t0)
    log("\(sample.count) galaxies; test set \(design.test.count); every training set \(design.trainingSize) "
        + "(\(design.spirals) spirals, \(design.ellipticals) ellipticals); \(named.count) sky unit(s) + \(config.controls) "
        + "control units × \(seeds) seed(s) → \(design.modelCount) models; smallest attainable adjusted p "
        + String(format: "%.4g", config.smallestAdjustedP) + "; OpenBLAS core \(BLASRuntime.coreName)")
    if config.smallestAdjustedP >= alpha {
      log("warning: with \(config.controls) control units and \(named.count) split(s) no p can fall below α = \(alpha); "
          + "use --controls \(AuditConfiguration.minimumControls(splits: named.count, alpha: alpha)) or more for a verdict")
    }
    try AtomicFile.write(try JSONCoding.encoder().encode(config), to: outURL.appendingPathComponent("audit-config.json"))

    let t1 = Date()
    let runner = AuditRunner(configuration: config, sample: sample, design: design, folder: outURL)
    runner.resume = resume
    runner.commandLine = CommandLine.arguments.joined(separator: " ")
    runner.log = log
    let outcomes = try runner.run()
    timings["train_and_annotate"] = Date().timeIntervalSince(t1)
    timings["train"] = outcomes.reduce(0) { $0 + $1.trainSeconds }
    timings["annotate"] = outcomes.reduce(0) { $0 + $1.annotateSeconds }

    let t2 = Date()
    log("analysing: context statistics, rank tests, dipoles (\(config.dipolePermutations) relabellings each) …")
    let analysis = AuditAnalysis(configuration: config, sample: sample, design: design, outcomes: outcomes)
    let splitResults = try analysis.splits()
    let dipoles = try analysis.dipoles()
    timings["analyse"] = Date().timeIntervalSince(t2)
    timings["total"] = Date().timeIntervalSince(t0)

    var provenanceInputs = [stackURL.path: sample.data.sourceSHA256]
    if let catalog = input.catalog { provenanceInputs[catalog.path] = catalog.sha256 }
    var provenance = Provenance(seed: seed, inputs: provenanceInputs,
                                extra: ["blas_core": BLASRuntime.coreName, "threads": String(Parallel.workers)])
    provenance.extra["model_sha256"] = outcomes.map { "\($0.name)=\($0.sha256)" }.joined(separator: ",")
    let spirals = sample.data.labels.reduce(0, +)
    let result = AuditResult(
      formatVersion: AuditResult.currentFormatVersion, provenance: provenance, configuration: config,
      input: AuditInput(path: stackURL.path, sha256: sample.data.sourceSHA256, galaxies: sample.count, spirals: spirals,
                        testGalaxies: design.test.count, testSpirals: design.test.filter { sample.data.labels[$0] == 1 }.count,
                        trainingSize: design.trainingSize, trainingSpirals: design.spirals),
      models: analysis.modelSummaries(), splits: splitResults, dipoles: dipoles, timings: timings,
      annotationsFile: AuditAnnotations.fileName)
    try AuditAnnotations.write(analysis: analysis, to: outURL)
    try AtomicFile.write(try JSONCoding.encoder().encode(result), to: outURL.appendingPathComponent("audit.json"))
    log("writing tables, figures, report.md and audit.ipynb …")
    try AuditReport(result: result, folder: outURL).write()
    for s in splitResults { print(s.verdict.statement) }
    print("wrote \(outURL.appendingPathComponent("audit.json").path) (total \(ProgressReporter.clock(timings["total"] ?? 0)))")
  }

  func log(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

  /// With `--resume`, the folder's stored configuration must equal this run's except for the analysis-only settings
  /// (`--alpha`, `--bootstrap`, `--permutations`), which a resumed run may change to re-analyse finished models; without it, a folder holding an
  /// audit is refused so that finished models are never overwritten by accident.
  func checkResume(config: AuditConfiguration, folder: URL) throws {
    let stored = folder.appendingPathComponent("audit-config.json")
    guard FileManager.default.fileExists(atPath: stored.path) else { return }
    guard resume else {
      throw CommandError.input(path: folder.path, reason: "already holds an audit (audit-config.json); add --resume to continue it or choose another --out")
    }
    // Settings of the analysis alone (α, correction, bootstrap, relabellings) may change: no model depends on them.
    var old = try? JSONCoding.decoder().decode(AuditConfiguration.self, from: Data(contentsOf: stored))
    old?.alpha = config.alpha
    old?.adjustment = config.adjustment
    old?.bootstrap = config.bootstrap
    old?.dipolePermutations = config.dipolePermutations
    guard old == config else {
      throw CommandError.input(path: stored.path, reason: "was written with other audit settings; resume with the same options or choose another --out")
    }
  }
}
