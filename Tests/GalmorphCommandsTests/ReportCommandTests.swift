// galmorph — GalmorphCommandsTests

import AnisotropyAudit
import ArgumentParser
import Foundation
import GalmorphCommands
import GalmorphSupport
import MorphologyClassifier
import SkyGeometry
import Testing
import _GalmorphTestSupport

@Suite("galmorph report: re-render an audit from audit.json")
struct ReportCommandTests {
  /// A small real audit folder (audit.json + test_annotations.csv): 240 fake galaxies at random positions, split
  /// `dec:0`, 2 seeds, hand-made model outcomes, analysed by `AuditAnalysis`.
  static func auditFolder() throws -> TemporaryFolder {
    var rng = SeededGenerator(seed: 99)
    let n = 240
    var directions: [SkyDirection] = [], labels: [Int] = []
    for _ in 0..<n {
      directions.append(
        SkyDirection(raDegrees: 360 * rng.nextUnit(), decDegrees: asin(2 * rng.nextUnit() - 1) * 180 / .pi))
      labels.append(rng.nextUnit() < 0.5 ? 1 : 0)
    }
    let data = LabelledDataset(
      recipe: PreprocessingRecipe(cropSize: 1, inputSize: 1, channels: 1),
      inputs: labels.map(Float.init), labels: labels, source: "fake.h5")
    let sample = AuditSample(data: data, directions: directions, ids: (0..<n).map { "g\($0)" })
    let splits = [try NamedSplit(parsing: "dec:0")]
    let configuration = AuditConfiguration(
      splits: splits, seeds: [1, 2], controls: 4, baseSeed: 3, testFraction: 0.25,
      training: TrainingConfiguration(), bootstrap: 20, dipolePermutations: 9)
    let design = try AuditDesign(
      labels: labels, sides: splits.map { $0.split.isSideA(directions) }, testFraction: 0.25,
      seeds: [1, 2], controls: 4, baseSeed: 3)
    func decoded<T: Decodable>(_ type: T.Type, _ object: [String: Any]) throws -> T {
      try JSONCoding.decoder().decode(T.self, from: JSONSerialization.data(withJSONObject: object))
    }
    let outcomes = try ModelJob.jobs(for: design, splitNames: ["dec:0"]).enumerated().map { k, job -> ModelOutcome in
      var g = SeededGenerator(seed: UInt64(k))
      let p = design.test.map { i in
        ((1 / (1 + exp(-(2 * Double(2 * labels[i] - 1) + g.nextNormal())))) * 1e6).rounded() / 1e6
      }
      return try decoded(
        ModelOutcome.self,
        [
          "name": job.name, "role": job.role.rawValue, "split": job.split.map { $0 as Any } ?? NSNull(),
          "unit": job.unit.map { $0 as Any } ?? NSNull(), "seed": job.seed,
          "trainingSize": job.rows.count, "trainingSpiralFraction": 0.5, "file": "models/\(job.name).h5", "sha256": "",
          "epochs": 1, "bestEpoch": 1, "validationAUC": 0.9, "threshold": 0.5, "trainSeconds": 0, "annotateSeconds": 0,
          "fingerprint": "", "testProbabilities": p,
        ])
    }
    let analysis = AuditAnalysis(configuration: configuration, sample: sample, design: design, outcomes: outcomes)
    let folder = try TemporaryFolder("galmorph-report")
    try AuditAnnotations.write(analysis: analysis, to: folder.url)
    let (dipoles, sigmaMaps) = try analysis.dipoleScans()
    try sigmaMaps.write(to: folder.url, provenance: Provenance(seed: 3))
    let e = JSONCoding.encoder()
    func object<T: Encodable>(_ v: T) throws -> Any {
      try JSONSerialization.jsonObject(with: e.encode(v), options: [.fragmentsAllowed])
    }
    let input = try decoded(
      AuditInput.self,
      [
        "path": "fake.h5", "sha256": "", "galaxies": n, "spirals": labels.reduce(0, +),
        "testGalaxies": design.test.count,
        "testSpirals": design.test.filter { labels[$0] == 1 }.count, "trainingSize": design.trainingSize,
        "trainingSpirals": design.spirals,
      ])
    let root: [String: Any] = [
      "format_version": AuditResult.currentFormatVersion,
      "provenance": try object(Provenance(seed: 3, commandLine: "galmorph audit fake.h5")),
      "configuration": try object(configuration), "input": try object(input),
      "models": try object(analysis.modelSummaries()), "splits": try object(try analysis.splits()),
      "dipoles": try object(dipoles), "timings": [String: Double](),
      "annotations_file": AuditAnnotations.fileName, "sigma_maps_file": AuditSigmaMaps.fileName,
    ]
    try JSONSerialization.data(withJSONObject: root).write(to: folder.file("audit.json"))
    return folder
  }

  @Test("two renderings of the same audit.json give byte-identical tables and reports")
  func rerenderIdentical() throws {
    let folder = try Self.auditFolder()
    defer { folder.cleanup() }
    let json = folder.file("audit.json").path
    let first = try runGalmorph(["report", json, "--format", "md,tex,csv", "--label", "tab:x"])
    #expect(first.contains("Wrote 7 files") && first.contains("context bias detected for split dec:0"))
    let again = folder.file("again").path
    try runGalmorph(["report", json, "--format", "md,tex,csv,png,ipynb", "--label", "tab:x", "--out", again])
    for name in ["audit.md", "audit.csv", "audit_seeds.csv", "audit_controls.csv", "audit_dipoles.csv", "audit.tex"] {
      #expect(
        try Data(contentsOf: folder.file(name)) == Data(contentsOf: folder.file("again/" + name)), "\(name) differs")
    }
    #expect(FileManager.default.fileExists(atPath: folder.file("again/audit.ipynb").path))
    #expect(FileManager.default.fileExists(atPath: folder.file("again/figures/context_d.png").path))
    #expect(try String(contentsOf: folder.file("audit.tex"), encoding: .utf8).contains("\\label{tab:x-seeds}"))
  }

  @Test("a corrupt audit.json fails naming the file and writes nothing; an unknown format is a usage error")
  func errors() throws {
    let folder = try Self.auditFolder()
    defer { folder.cleanup() }
    let url = folder.file("audit.json")
    let data = try Data(contentsOf: url)
    try data.prefix(100).write(to: url)
    let before = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted()
    #expect { try runGalmorph(["report", url.path]) } throws: { "\($0)".contains(url.path) }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted() == before)
    #expect { try runGalmorph(["report", folder.file("nope.json").path]) } throws: { "\($0)".contains("nope.json") }
    let out = folder.file("out")
    #expect { try runGalmorph(["report", url.path, "--out", out.path]) } throws: { "\($0)".contains(url.path) }
    #expect(!FileManager.default.fileExists(atPath: out.path), "a failed report must not create its output folder")
    #expect(throws: (any Error).self) { try Galmorph.parseAsRoot(["report", url.path, "--format", "md,docx"]) }
  }
}
