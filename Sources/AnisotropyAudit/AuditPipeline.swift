// galmorph — AnisotropyAudit
//
// A whole audit from a Swift caller: the stack, the design, the models, the analysis and audit.json, with timings
// and provenance. `galmorph audit` is this plus option parsing and the rendered report (Reports.AuditReport).

import Foundation
import GalmorphSupport
import HDF5IO
import MorphologyClassifier
import TensorCore

/// Runs an audit end to end into `folder`:
/// 1. refuses a folder that holds another audit (``AuditConfiguration/checkResumable(folder:resume:)``) and writes
///    `audit-config.json`;
/// 2. loads and preprocesses the stack (``AuditSample/load(imageStack:recipe:mapping:scale:groups:)``) and draws the
///    design (``AuditDesign``): the common test set, every unit's training sets;
/// 3. trains or reuses every model (``AuditRunner``, resumable after a kill);
/// 4. analyses (``AuditAnalysis``: context statistics, rank tests, verdicts, dipoles and their σ-maps) and writes
///    `test_annotations.csv`, `sigma_maps.fits` (``AuditSigmaMaps``) and, last, `audit.json` (``AuditResult``), each
///    atomically.
///
/// Timings (seconds) go to ``AuditResult/timings`` under `load`, `train_and_annotate`, `train`, `annotate`,
/// `analyse`, `total`; provenance records the stack's (and catalog's) SHA-256, every model's SHA-256, the base seed,
/// the OpenBLAS core and the worker threads.
///
/// ```swift
/// let pipeline = AuditPipeline(configuration: config, stack: URL(fileURLWithPath: "sim/cutouts.h5"),
///                              folder: URL(fileURLWithPath: "audit"))
/// let result = try pipeline.run()
/// for split in result.splits { print(split.verdict.statement) }
/// ```
public struct AuditPipeline {
  /// The catalog a stack was made from, recorded in provenance beside the stack.
  public struct SourceCatalog: Sendable, Equatable {
    public var path: String
    public var sha256: String
    public init(path: String, sha256: String) { self.path = path; self.sha256 = sha256 }
  }

  public var configuration: AuditConfiguration
  /// The HDF5 image stack (``ImageStackSchema``: images, label, ra, dec).
  public var stack: URL
  /// How the stack's label dataset maps to classes (the default reads 1 = spiral, 0 = elliptical).
  public var mapping: LabelMapping
  public var catalog: SourceCatalog?
  public var folder: URL
  /// Reuse finished models (and continue a model's checkpoint) in `folder/models` after a kill.
  public var resume = false
  /// Recorded in every model file's provenance (the command line by default).
  public var commandLine: String?
  /// Receives one line per stage event (standard error in `galmorph audit`).
  public var log: (String) -> Void = { print($0) }
  /// Models trained at the same time, each on one engine worker (``AuditRunner/concurrentModels``; default 1).
  /// The audit's results do not depend on it.
  public var concurrentModels = 1
  /// The collect step of a cluster run (``plan()``, ``runTask(_:)``): ``run()`` trains nothing, reuses the finished
  /// models and throws, naming the unfinished tasks, unless all have finished.
  public var collectOnly = false

  public init(
    configuration: AuditConfiguration, stack: URL, mapping: LabelMapping = LabelMapping(),
    catalog: SourceCatalog? = nil, folder: URL
  ) {
    self.configuration = configuration; self.stack = stack; self.mapping = mapping; self.catalog = catalog
    self.folder = folder
  }

  /// Runs every stage and returns what `audit.json` holds.
  public func run() throws -> AuditResult {
    let config = configuration
    var timings: [String: Double] = [:]
    let t0 = Date()
    try OutputLocation.prepareFolder(folder)
    try config.checkResumable(folder: folder, resume: resume || collectOnly)
    let (sample, design) = try load()
    timings["load"] = Date().timeIntervalSince(t0)
    try AtomicFile.write(
      try JSONCoding.encoder().encode(config), to: folder.appendingPathComponent(AuditConfiguration.fileName))

    let t1 = Date()
    let runner = AuditRunner(configuration: config, sample: sample, design: design, folder: folder)
    runner.resume = resume || collectOnly
    if collectOnly { runner.trainOnly = [] }
    runner.commandLine = commandLine
    runner.log = log
    runner.concurrentModels = concurrentModels
    let outcomes = try runner.run()
    try Interruption.check(resume: "every model is in models/; run the same command with --resume to analyse them")
    timings["train_and_annotate"] = Date().timeIntervalSince(t1)
    timings["train"] = outcomes.reduce(0) { $0 + $1.trainSeconds }
    timings["annotate"] = outcomes.reduce(0) { $0 + $1.annotateSeconds }

    let t2 = Date()
    log("analysing: context statistics, rank tests, dipoles (\(config.dipolePermutations) relabellings each) …")
    let analysis = AuditAnalysis(configuration: config, sample: sample, design: design, outcomes: outcomes)
    let splits = try analysis.splits()
    let (dipoles, sigmaMaps) = try analysis.dipoleScans()
    timings["analyse"] = Date().timeIntervalSince(t2)
    timings["total"] = Date().timeIntervalSince(t0)

    var inputs = [stack.path: sample.data.sourceSHA256]
    if let catalog { inputs[catalog.path] = catalog.sha256 }
    var provenance = Provenance(
      seed: config.baseSeed, inputs: inputs,
      extra: [
        "blas_core": BLASRuntime.coreName, "threads": String(Parallel.workers),
        "concurrent_models": String(concurrentModels),
      ])
    provenance.extra["model_sha256"] = outcomes.map { "\($0.name)=\($0.sha256)" }.joined(separator: ",")
    let result = AuditResult(
      formatVersion: AuditResult.currentFormatVersion, provenance: provenance, configuration: config,
      input: AuditInput(
        path: stack.path, sha256: sample.data.sourceSHA256, galaxies: sample.count,
        spirals: sample.data.labels.reduce(0, +), testGalaxies: design.test.count,
        testSpirals: design.test.filter { sample.data.labels[$0] == 1 }.count,
        trainingSize: design.trainingSize, trainingSpirals: design.spirals),
      models: analysis.modelSummaries(), splits: splits, dipoles: dipoles, timings: timings,
      annotationsFile: AuditAnnotations.fileName)
    try AuditAnnotations.write(analysis: analysis, to: folder)
    try sigmaMaps.write(to: folder, provenance: provenance)
    try AtomicFile.write(
      try JSONCoding.encoder().encode(result), to: folder.appendingPathComponent(AuditResult.fileName))
    return result
  }
}

extension AuditPipeline {
  /// Loads and preprocesses the stack and draws the design, logging what the audit will train.
  public func load() throws -> (AuditSample, AuditDesign) {
    let config = configuration
    log("loading and preprocessing \(stack.path) …")
    let sample = try AuditSample.load(
      imageStack: stack, recipe: config.training.recipe, mapping: mapping,
      groups: config.training.groupBalancing ?? config.training.adversary?.groups)
    let design = try AuditDesign(
      labels: sample.data.labels, sides: config.splits.map { $0.split.isSideA(sample.directions) },
      testFraction: config.testFraction, seeds: config.seeds, controls: config.controls,
      baseSeed: config.baseSeed, maxTrainingSize: config.maxTrainingSize)
    log(
      "\(sample.count) galaxies; test set \(design.test.count); every training set \(design.trainingSize) "
        + "(\(design.spirals) spirals, \(design.ellipticals) ellipticals); \(config.splits.count) sky unit(s) + \(config.controls) "
        + "control units × \(config.seeds.count) seed(s) → \(design.modelCount) models; smallest attainable adjusted p "
        + String(format: "%.4g", config.smallestAdjustedP) + "; OpenBLAS core \(BLASRuntime.coreName)")
    if config.smallestAdjustedP >= config.alpha {
      log(
        "warning: with \(config.controls) control units and \(config.splits.count) split(s) no p can fall below "
          + "α = \(config.alpha); use --controls "
          + "\(AuditConfiguration.minimumControls(splits: config.splits.count, alpha: config.alpha)) or more for a verdict"
      )
    }
    return (sample, design)
  }

  /// The first step of a cluster run: checks the folder (a folder with this audit's configuration is accepted
  /// again), writes `audit-config.json` and ``AuditTasks/fileName`` (one task per model, in the order ``run()``
  /// trains them) and returns the tasks. Then ``runTask(_:)`` for each index (any order, any machine sharing the
  /// folder), then ``run()`` with ``collectOnly``; the tables equal those of one ``run()`` byte for byte.
  public func plan() throws -> AuditTasks {
    try OutputLocation.prepareFolder(folder)
    try configuration.checkResumable(folder: folder, resume: true)
    let (sample, design) = try load()
    try AtomicFile.write(
      try JSONCoding.encoder().encode(configuration),
      to: folder.appendingPathComponent(AuditConfiguration.fileName))
    let runner = AuditRunner(configuration: configuration, sample: sample, design: design, folder: folder)
    let jobs = ModelJob.jobs(for: design, splitNames: configuration.splits.map(\.name))
    let tasks = AuditTasks(
      tasks: jobs.enumerated().map { k, job in
        AuditTasks.Task(index: k, name: job.name, description: runner.describe(job), galaxies: job.rows.count)
      })
    try AtomicFile.write(try JSONCoding.encoder().encode(tasks), to: folder.appendingPathComponent(AuditTasks.fileName))
    return tasks
  }

  /// One task of a cluster run: trains (or, when it has finished, reuses; a checkpoint is continued) the model of
  /// task `index` into `folder/models`. Needs the folder of ``plan()`` with the same configuration. Safe to re-run
  /// after a kill or a requeue.
  @discardableResult
  public func runTask(_ index: Int) throws -> ModelOutcome {
    let stored = folder.appendingPathComponent(AuditConfiguration.fileName)
    guard FileManager.default.fileExists(atPath: stored.path) else {
      throw AuditError.input(
        path: folder.path, reason: "no \(AuditConfiguration.fileName): run `galmorph audit … --plan` first")
    }
    try configuration.checkResumable(folder: folder, resume: true)
    let (sample, design) = try load()
    guard (0..<design.modelCount).contains(index) else {
      throw AuditError.input(
        path: folder.path, reason: "task \(index) does not exist: the audit has tasks 0…\(design.modelCount - 1)")
    }
    let runner = AuditRunner(configuration: configuration, sample: sample, design: design, folder: folder)
    runner.resume = true
    runner.trainOnly = [index]
    runner.commandLine = commandLine
    runner.log = log
    let name = ModelJob.jobs(for: design, splitNames: configuration.splits.map(\.name))[index].name
    guard let outcome = try runner.run().first(where: { $0.name == name }) else {
      throw AuditError.input(path: folder.path, reason: "task \(index) did not record its model")
    }
    return outcome
  }
}

/// The task list of a cluster run (`tasks.json` in the audit folder): one model per task, indices 0…N−1 as a
/// Slurm array's `SLURM_ARRAY_TASK_ID`.
public struct AuditTasks: Codable, Sendable, Equatable {
  public static let fileName = "tasks.json"
  public struct Task: Codable, Sendable, Equatable {
    public var index: Int
    public var name: String
    public var description: String
    public var galaxies: Int
  }
  public var tasks: [Task]
}

extension AuditConfiguration {
  /// The configuration's file in an audit folder.
  public static let fileName = "audit-config.json"

  /// A folder holding an audit (its `audit-config.json`) may be continued only with `resume` and only with this
  /// configuration, except for the analysis-only settings (`alpha`, `adjustment`, `bootstrap`,
  /// `dipolePermutations`), which a resumed run may change to re-analyse finished models: no model depends on them.
  /// Without `resume` such a folder is refused, so that finished models are never overwritten by accident.
  public func checkResumable(folder: URL, resume: Bool) throws {
    let stored = folder.appendingPathComponent(Self.fileName)
    guard FileManager.default.fileExists(atPath: stored.path) else { return }
    guard resume else {
      throw AuditError.input(
        path: folder.path,
        reason: "already holds an audit (\(Self.fileName)); add --resume to continue it or choose another --out")
    }
    var old = try? JSONCoding.decoder().decode(AuditConfiguration.self, from: Data(contentsOf: stored))
    old?.alpha = alpha
    old?.adjustment = adjustment
    old?.bootstrap = bootstrap
    old?.dipolePermutations = dipolePermutations
    guard old == self else {
      throw AuditError.input(
        path: stored.path,
        reason: "was written with other audit settings; resume with the same options or choose another --out")
    }
  }
}
