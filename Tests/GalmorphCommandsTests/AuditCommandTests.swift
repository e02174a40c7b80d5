// galmorph — GalmorphCommandsTests
//
// `galmorph audit` end to end on a small simulated survey: every output, resume, and refusal of bad input.

import AnisotropyAudit
import Foundation
import GalmorphSupport
import Testing
@testable import GalmorphCommands
import _GalmorphTestSupport

@Suite("galmorph audit", .serialized)
struct AuditCommandTests {
  static let auditArguments = [
    "--split", "dec:0", "--seeds", "2", "--controls", "3", "--epochs", "1", "--architecture", "net-a",
    "--train-size", "160", "--permutations", "100", "--bootstrap", "50",
  ]

  @Test func writesEveryOutputAndResumesWithoutRetraining() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    try runGalmorph(["simulate", "--preset", "null", "--count", "500", "--seed", "3", "--out", tmp.file("sim").path])
    let out = tmp.file("audit")
    try runGalmorph(["audit", "--images", tmp.file("sim").path] + Self.auditArguments + ["--out", out.path])
    let json = try Data(contentsOf: out.appendingPathComponent("audit.json"))
    let result = try JSONCoding.decoder().decode(AuditResult.self, from: json)
    // 2 seeds × 2 models × (1 sky unit + 3 control units) = 16 models, all trained on equal, class-matched sets.
    #expect(result.models.count == 16)
    #expect(result.splits[0].controls.count == 3 && result.splits[0].test.controls.count == 3)
    // 3 control units cannot reach α = 0.05 (floor 1/4): no verdict, and the statement says how many are needed.
    #expect(!result.splits[0].verdict.conclusive && result.splits[0].verdict.statement.contains("--controls 20"))
    #expect(Set(result.models.map(\.trainingSize)).count == 1)
    #expect(Set(result.models.map(\.trainingSpiralFraction)).count == 1)
    #expect(result.input.galaxies == 500 && abs(result.input.testGalaxies - 100) <= 1)
    #expect(result.splits.count == 1 && result.splits[0].seeds.count == 2)
    #expect(result.dipoles.count == 9)  // truth + 2 seeds × (side A, side B, control unit 1's A and B)
    #expect(result.provenance.inputs.values.contains(result.input.sha256))
    for name in [
      "audit.md", "audit.tex", "audit.csv", "report.md", "audit.ipynb", "test_annotations.csv",
      "sigma_maps.fits", "figures/context_d.png", "annotations/\(result.models[0].name).csv", result.models[0].file,
    ] {
      #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)")
    }
    let lines = try String(contentsOf: out.appendingPathComponent("test_annotations.csv"), encoding: .utf8)
      .split(separator: "\n")
    #expect(lines.count == result.input.testGalaxies + 1)
    #expect(lines[0].hasPrefix("id,ra,dec,label,side_dec_0,p_dec_0-seed1-A"))

    // Without --resume, an existing audit folder is refused; with it, every model is reused and the numbers agree.
    #expect(throws: (any Error).self) {
      try runGalmorph(["audit", "--images", tmp.file("sim").path] + Self.auditArguments + ["--out", out.path])
    }
    let modelFile = out.appendingPathComponent(result.models[0].file)
    let before = try FileManager.default.attributesOfItem(atPath: modelFile.path)[.modificationDate] as? Date
    try runGalmorph(
      ["audit", "--images", tmp.file("sim").path] + Self.auditArguments + ["--out", out.path, "--resume"])
    let after = try FileManager.default.attributesOfItem(atPath: modelFile.path)[.modificationDate] as? Date
    #expect(before == after, "a finished model was retrained on --resume")
    let again = try JSONCoding.decoder().decode(
      AuditResult.self, from: Data(contentsOf: out.appendingPathComponent("audit.json")))
    #expect(again.splits[0].seeds.map(\.sky.d) == result.splits[0].seeds.map(\.sky.d))
    #expect(again.models.map(\.sha256) == result.models.map(\.sha256))
    // Analysis-only settings may change on resume (no retraining); a training setting may not.
    try runGalmorph(
      ["audit", "--images", tmp.file("sim").path] + Self.auditArguments
        + ["--out", out.path, "--resume", "--permutations", "150", "--alpha", "0.01"])
    let reanalysed = try JSONCoding.decoder().decode(
      AuditResult.self, from: Data(contentsOf: out.appendingPathComponent("audit.json")))
    #expect(reanalysed.configuration.dipolePermutations == 150 && reanalysed.splits[0].verdict.alpha == 0.01)
    #expect(reanalysed.models.map(\.sha256) == result.models.map(\.sha256))
    #expect((try FileManager.default.attributesOfItem(atPath: modelFile.path)[.modificationDate] as? Date) == before)
    #expect(reanalysed.probe == nil)
    // --probe on the finished audit: the background-only probe and the outside shares join audit.json and the
    // report (and `galmorph report` renders them again).
    try runGalmorph(
      ["audit", "--images", tmp.file("sim").path] + Self.auditArguments
        + ["--out", out.path, "--resume", "--probe", "--probe-galaxies", "6", "--probe-method", "gradient"])
    let probed = try JSONCoding.decoder().decode(
      AuditResult.self, from: Data(contentsOf: out.appendingPathComponent("audit.json")))
    let probe = try #require(probed.probe)
    #expect(probe.background == "truth" && probe.method == "gradient" && probe.splits.map(\.name) == ["dec:0"])
    #expect((0...1).contains(probe.label.auc) && (0...1).contains(probe.splits[0].side.auc))
    let shares = probe.splits[0].outsideShares
    #expect(shares.map(\.role) == [.sideA, .sideB, .controlA], "\(shares)")
    for o in shares {
      #expect(o.countA <= 6 && o.countB <= 6 && o.countA > 0 && o.countB > 0)
      #expect((0...1).contains(o.onA) && (0...1).contains(o.onB), "\(o)")
    }
    #expect(probed.models.map(\.sha256) == result.models.map(\.sha256))
    let report = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
    #expect(report.contains("## Context probe") && report.contains("audit_probe.csv"))
    let csv = try String(contentsOf: out.appendingPathComponent("audit_probe.csv"), encoding: .utf8)
    #expect(csv.hasPrefix("split,side_auc,") && csv.contains("dec:0,"))
    try runGalmorph(["report", out.appendingPathComponent("audit.json").path, "--out", tmp.file("again").path])
    #expect(try String(contentsOf: tmp.file("again/audit_probe.csv"), encoding: .utf8) == csv)
    #expect(throws: (any Error).self) {
      try runGalmorph(
        ["audit", "--images", tmp.file("sim").path] + Self.auditArguments + [
          "--out", out.path, "--resume", "--seed", "9",
        ])
    }
  }

  /// Models trained two at a time on one engine worker each are bit-identical to models trained one at a time on
  /// two workers, so every table and the per-galaxy annotations are byte-identical.
  @Test func concurrentModelsGiveTheSameAudit() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    try runGalmorph([
      "simulate", "--preset", "context-dec", "--count", "400", "--seed", "5", "--out", tmp.file("sim").path,
    ])
    var results: [AuditResult] = []
    for n in [1, 2] {
      let out = tmp.file("audit-\(n)")
      try runGalmorph(
        ["audit", "--images", tmp.file("sim").path] + Self.auditArguments
          + ["--concurrent-models", String(n), "--out", out.path])
      results.append(
        try JSONCoding.decoder().decode(
          AuditResult.self, from: Data(contentsOf: out.appendingPathComponent("audit.json"))))
    }
    #expect(results[0].models.count == 16)
    // Model files differ in their provenance (time, command line); the networks' outputs must not.
    for model in results[0].models {
      let outcomes = try ["audit-1", "audit-2"].map { folder in
        try JSONCoding.decoder().decode(
          ModelOutcome.self, from: Data(contentsOf: tmp.file("\(folder)/models/\(model.name).json")))
      }
      #expect(outcomes[0].testProbabilities == outcomes[1].testProbabilities, "\(model.name)")
      #expect(outcomes[0].validationAUC == outcomes[1].validationAUC && outcomes[0].bestEpoch == outcomes[1].bestEpoch)
    }
    #expect(results.map { $0.provenance.extra["concurrent_models"] } == ["1", "2"])
    for name in ["audit.csv", "audit_seeds.csv", "audit_controls.csv", "audit_dipoles.csv", "test_annotations.csv"] {
      let a = try Data(contentsOf: tmp.file("audit-1/" + name)), b = try Data(contentsOf: tmp.file("audit-2/" + name))
      #expect(a == b, "\(name) differs")
    }
    #expect(throws: (any Error).self) {
      try runGalmorph(
        ["audit", "--images", tmp.file("sim").path, "--concurrent-models", "0", "--out", tmp.file("x").path])
    }
  }

  /// The cluster steps — --plan, one --task per model in any order (one killed and re-run, one re-run after it had
  /// finished), --collect — give the tables of a single run byte for byte; --collect refuses while a task is missing.
  @Test func planTasksAndCollectGiveTheSingleRunsTables() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let sim = tmp.file("sim").path
    try runGalmorph(["simulate", "--preset", "context-dec", "--count", "400", "--seed", "5", "--out", sim])
    let args = [
      "--split", "dec:0", "--seeds", "1", "--controls", "2", "--epochs", "1", "--architecture", "net-a",
      "--train-size", "120", "--permutations", "100", "--bootstrap", "50",
    ]
    let whole = tmp.file("whole"), tasks = tmp.file("tasks")
    try runGalmorph(["audit", "--images", sim] + args + ["--out", whole.path])
    // Task steps refuse to run before --plan.
    #expect(throws: (any Error).self) {
      try runGalmorph(["audit", "--images", sim] + args + ["--out", tasks.path, "--task", "0"])
    }
    try runGalmorph(["audit", "--images", sim] + args + ["--out", tasks.path, "--plan"])
    let plan = try JSONCoding.decoder().decode(
      AuditTasks.self, from: Data(contentsOf: tasks.appendingPathComponent(AuditTasks.fileName)))
    #expect(plan.tasks.map(\.index) == Array(0..<6) && plan.tasks[0].name == "dec_0-seed1-A")
    for i in [5, 3, 1, 0, 2] {
      try runGalmorph(["audit", "--images", sim] + args + ["--out", tasks.path, "--task", String(i)])
    }
    do {
      try runGalmorph(["audit", "--images", sim] + args + ["--out", tasks.path, "--collect"])
      Issue.record("--collect ran with task 4 missing")
    } catch { #expect("\(error)".contains("task(s) 4 (control2-seed1-A)"), "\(error)") }
    #expect(!FileManager.default.fileExists(atPath: tasks.appendingPathComponent("audit.csv").path))
    #expect(throws: (any Error).self) {
      try runGalmorph(["audit", "--images", sim] + args + ["--out", tasks.path, "--task", "6"])
    }
    // A requeued task whose model had finished keeps it; the missing one runs; then collect.
    let finished = tasks.appendingPathComponent("models/\(plan.tasks[3].name).h5")
    let before = try FileManager.default.attributesOfItem(atPath: finished.path)[.modificationDate] as? Date
    try runGalmorph(["audit", "--images", sim] + args + ["--out", tasks.path, "--task", "3"])
    #expect((try FileManager.default.attributesOfItem(atPath: finished.path)[.modificationDate] as? Date) == before)
    try runGalmorph(["audit", "--images", sim] + args + ["--out", tasks.path, "--task", "4"])
    try runGalmorph(["audit", "--images", sim] + args + ["--out", tasks.path, "--collect"])
    for name in [
      "audit.csv", "audit.md", "audit.tex", "audit_seeds.csv", "audit_controls.csv", "audit_dipoles.csv",
      "test_annotations.csv",
    ] {
      let a = try Data(contentsOf: whole.appendingPathComponent(name))
      let b = try Data(contentsOf: tasks.appendingPathComponent(name))
      #expect(a == b, "\(name) differs between the single run and the tasks")
    }
  }

  @Test func badInputIsRefusedWithTheFileNamed() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let missing = tmp.file("nope.h5").path
    do {
      try runGalmorph(["audit", "--images", missing, "--out", tmp.file("a").path])
      Issue.record("a missing stack was accepted")
    } catch { #expect("\(error)".contains(missing)) }
    try Data("not hdf5".utf8).write(to: tmp.file("bad.h5"))
    do {
      try runGalmorph(["audit", "--images", tmp.file("bad.h5").path, "--out", tmp.file("b").path])
      Issue.record("a corrupt stack was accepted")
    } catch { #expect("\(error)".contains("bad.h5")) }
    #expect(throws: (any Error).self) {
      try runGalmorph(["audit", "--images", tmp.file("bad.h5").path, "--split", "dec:abc", "--out", tmp.file("c").path])
    }
  }
}
