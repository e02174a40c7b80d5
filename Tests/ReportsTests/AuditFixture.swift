// galmorph — ReportsTests
//
// A small but real audit: a fake labelled sample with random sky positions, hand-made model outcomes with a planted
// context effect on the Dec split, analysed by AnisotropyAudit's own `AuditAnalysis`, written like `galmorph audit`
// writes it (audit.json + test_annotations.csv + sigma_maps.fits), then rendered once by `AuditReport`.

import AnisotropyAudit
import Foundation
import GalmorphSupport
import MorphologyClassifier
import Reports
import SkyGeometry
import _GalmorphTestSupport

/// The rendered fixture shared by the audit-report tests (built once, lazily, thread-safely).
struct AuditFixture: Sendable {
  let result: AuditResult
  /// Holds audit.json, test_annotations.csv and the first rendering (`AuditReport(result:folder:)`).
  let folder: URL
  let written: [URL]

  static let dpi = 40.0
  /// The fixture folder (one per test process), removed when the process exits: the tests share it, so none of
  /// them can remove it.
  static let folderURL = FileManager.default.temporaryDirectory
    .appendingPathComponent("reports-audit-\(ProcessInfo.processInfo.processIdentifier)")

  struct Failure: Error, CustomStringConvertible { let description: String }

  static let shared: Result<AuditFixture, Failure> = {
    do { return .success(try AuditFixture.make()) } catch { return .failure(Failure(description: "\(error)")) }
  }()

  static func get() throws -> AuditFixture { try shared.get() }

  /// 600 galaxies, spirals with probability 0.4, isotropic positions; splits `dec:0` and `ra:70,250`; 2 seeds and
  /// the default 40 control units (the fewest that reach α after Holm over the two splits).
  /// Model p_spiral = σ(2·(2y − 1) + N(0, 1) + 0.9·[galaxy on the model's own Dec side]) for the Dec-split models
  /// (context), without the side term for the RA-split and control models.
  static func make() throws -> AuditFixture {
    var rng = SeededGenerator(seed: 2024)
    let n = 600
    var directions: [SkyDirection] = [], labels: [Int] = []
    for _ in 0..<n {
      let z = 2 * rng.nextUnit() - 1, phi = 360 * rng.nextUnit()
      directions.append(SkyDirection(raDegrees: phi, decDegrees: asin(z) * 180 / .pi))
      labels.append(rng.nextUnit() < 0.4 ? 1 : 0)
    }
    let recipe = PreprocessingRecipe(cropSize: 1, inputSize: 1, channels: 1)
    let data = LabelledDataset(
      recipe: recipe, inputs: labels.map(Float.init), labels: labels, source: "fake.h5",
      sourceSHA256: String(repeating: "0", count: 64))
    let sample = AuditSample(data: data, directions: directions, ids: (0..<n).map { "gal\($0)" })
    let splits = [try NamedSplit(parsing: "dec:0"), try NamedSplit(parsing: "ra:70,250")]
    let configuration = AuditConfiguration(
      splits: splits, seeds: [1, 2], baseSeed: 7, testFraction: 0.3,
      training: TrainingConfiguration(), bootstrap: 100, dipolePermutations: 19)
    let design = try AuditDesign(
      labels: labels, sides: splits.map { $0.split.isSideA(directions) },
      testFraction: configuration.testFraction, seeds: configuration.seeds,
      controls: configuration.controls, baseSeed: 7)
    let decSideA = design.test.map { directions[$0].dec >= 0 }
    let outcomes = try ModelJob.jobs(for: design, splitNames: splits.map(\.name)).enumerated().map {
      k, job -> ModelOutcome in
      var g = SeededGenerator(seed: 100 + UInt64(k))
      let p = design.test.indices.map { t -> Double in
        var logit = 2.0 * Double(2 * labels[design.test[t]] - 1) + g.nextNormal()
        if job.split == 0 { logit += (decSideA[t] == (job.role == .sideA)) ? 0.9 : 0 }
        return (1 / (1 + exp(-logit)) * 1e6).rounded() / 1e6  // as test_annotations.csv stores it
      }
      return try decoded(
        ModelOutcome.self,
        [
          "name": job.name, "role": job.role.rawValue, "split": job.split.map { $0 as Any } ?? NSNull(),
          "unit": job.unit.map { $0 as Any } ?? NSNull(), "seed": job.seed,
          "trainingSize": job.rows.count, "trainingSpiralFraction": 0.4, "file": "models/\(job.name).h5",
          "sha256": String(repeating: "a", count: 64), "epochs": 3, "bestEpoch": 2, "validationAUC": 0.9,
          "threshold": 0.5,
          "trainSeconds": 1, "annotateSeconds": 0.1, "fingerprint": "f", "testProbabilities": p,
        ])
    }
    let analysis = AuditAnalysis(configuration: configuration, sample: sample, design: design, outcomes: outcomes)
    let folder = folderURL
    try? FileManager.default.removeItem(at: folder)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(at: AuditFixture.folderURL) }
    try AuditAnnotations.write(analysis: analysis, to: folder)
    let testSpirals = design.test.filter { labels[$0] == 1 }.count
    let input = try decoded(
      AuditInput.self,
      [
        "path": "fake.h5", "sha256": String(repeating: "0", count: 64), "galaxies": n, "spirals": labels.reduce(0, +),
        "testGalaxies": design.test.count, "testSpirals": testSpirals, "trainingSize": design.trainingSize,
        "trainingSpirals": design.spirals,
      ])
    let (dipoles, sigmaMaps) = try analysis.dipoleScans()
    try sigmaMaps.write(to: folder, provenance: Provenance(seed: 7))
    let result = try assemble(
      provenance: Provenance(seed: 7, inputs: ["fake.h5": input.sha256], commandLine: "galmorph audit fake.h5"),
      configuration: configuration, input: input, models: analysis.modelSummaries(), splits: try analysis.splits(),
      dipoles: dipoles, timings: ["analyse": 0.5, "train": 12.25])
    try AtomicFile.write(try JSONCoding.encoder().encode(result), to: folder.appendingPathComponent("audit.json"))
    var report = AuditReport(result: result, folder: folder)
    report.dpi = dpi
    let written = try report.write()
    return AuditFixture(result: result, folder: folder, written: written)
  }

  /// Decodes `T` from a JSON object given as a dictionary (AnisotropyAudit's result types have no public memberwise
  /// initializers; their JSON keys are their documented interface).
  static func decoded<T: Decodable>(_ type: T.Type, _ object: [String: Any]) throws -> T {
    try JSONCoding.decoder().decode(T.self, from: JSONSerialization.data(withJSONObject: object))
  }

  /// `AuditResult` has no public memberwise initializer, so the fixture builds it the way `galmorph report` meets
  /// it: from JSON with its documented keys.
  static func assemble(
    provenance: Provenance, configuration: AuditConfiguration, input: AuditInput,
    models: [ModelSummary], splits: [SplitAnalysis], dipoles: [DipoleSummary],
    timings: [String: Double]
  ) throws -> AuditResult {
    let e = JSONCoding.encoder()
    func object(_ data: Data) throws -> Any {
      try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    }
    let root: [String: Any] = [
      "format_version": AuditResult.currentFormatVersion, "provenance": try object(e.encode(provenance)),
      "configuration": try object(e.encode(configuration)), "input": try object(e.encode(input)),
      "models": try object(e.encode(models)), "splits": try object(e.encode(splits)),
      "dipoles": try object(e.encode(dipoles)), "timings": try object(e.encode(timings)),
      "annotations_file": AuditAnnotations.fileName, "sigma_maps_file": AuditSigmaMaps.fileName,
    ]
    return try JSONCoding.decoder().decode(AuditResult.self, from: JSONSerialization.data(withJSONObject: root))
  }
}
