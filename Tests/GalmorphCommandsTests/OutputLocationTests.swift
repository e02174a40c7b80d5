// galmorph — GalmorphCommandsTests
//
// Every command that writes files creates missing output folders; an impossible output location is an error that
// names the path, with no Foundation error text ("Error Domain=NSCocoaErrorDomain …").

import ArgumentParser
import Foundation
import GalmorphCommands
import GalmorphSupport
import Testing
import _GalmorphTestSupport

@Suite("output locations: missing folders are created, impossible ones are named")
struct OutputLocationTests {
  /// A small simulated survey (`cutouts.h5`, `catalog.csv`, one FITS cutout per galaxy) in `folder/sim`.
  static func survey(in folder: TemporaryFolder, count: Int = 40) throws -> URL {
    let sim = folder.file("sim")
    try runGalmorph([
      "simulate", "--preset", "null", "--count", String(count), "--seed", "3", "--fits-cutouts",
      "--out", sim.path,
    ])
    return sim
  }

  /// A one-epoch 16-px model trained on the survey's stack, at `folder/model.h5`.
  static func model(in folder: TemporaryFolder, survey: URL) throws -> URL {
    let model = folder.file("model.h5")
    try runGalmorph(trainArguments(survey: survey, output: model.path))
    return model
  }

  static func trainArguments(survey: URL, output: String) -> [String] {
    [
      "train", "--image-stack", survey.appendingPathComponent("cutouts.h5").path, "--crop-size", "64", "--input-size",
      "16",
      "--epochs", "1", "--batch-size", "8", "--output", output,
    ]
  }

  /// A regular file `folder/blocker`: outputs "inside" it cannot be written.
  static func blocker(in folder: TemporaryFolder) throws -> URL {
    let url = folder.file("blocker")
    try Data("not a folder\n".utf8).write(to: url)
    return url
  }

  /// Runs `args`, which must fail; the user-facing message must name `path` and carry no Foundation error text,
  /// and the exit code must be non-zero.
  static func expectRefused(_ args: [String], naming path: String, sourceLocation: SourceLocation = #_sourceLocation) {
    do {
      try runGalmorph(args)
      Issue.record("no error for \(args)", sourceLocation: sourceLocation)
    } catch {
      let message = Galmorph.message(for: error)
      #expect(message.contains(path), "message does not name \(path): \(message)", sourceLocation: sourceLocation)
      #expect(
        !message.contains("Error Domain") && !message.contains("NSCocoaErrorDomain"), "\(message)",
        sourceLocation: sourceLocation)
      #expect(!message.contains("\n"), "not one line: \(message)", sourceLocation: sourceLocation)
      #expect(Galmorph.exitCode(for: error) != .success, sourceLocation: sourceLocation)
    }
  }

  static func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }

  @Test("simulate --out: a missing nested folder is created; a folder under a file is refused")
  func simulate() throws {
    let tmp = try TemporaryFolder("out-simulate"); defer { tmp.cleanup() }
    let out = tmp.file("new/nested/sim")
    try runGalmorph(["simulate", "--preset", "null", "--count", "8", "--seed", "1", "--out", out.path])
    for name in ["catalog.csv", "catalog.fits", "cutouts.h5", "simulation.json"] {
      #expect(Self.exists(out.appendingPathComponent(name)), "\(name)")
    }
    let blocked = try Self.blocker(in: tmp).appendingPathComponent("sim")
    Self.expectRefused(["simulate", "--preset", "null", "--count", "8", "--out", blocked.path], naming: blocked.path)
  }

  @Test("train --output (and its checkpoint and log) into missing folders; a bad location fails before training")
  func train() throws {
    let tmp = try TemporaryFolder("out-train"); defer { tmp.cleanup() }
    let sim = try Self.survey(in: tmp)
    let output = tmp.file("models/run 1/model.h5")
    try runGalmorph(
      Self.trainArguments(survey: sim, output: output.path)
        + ["--log", tmp.file("logs/deep/train.jsonl").path])
    #expect(Self.exists(output))
    #expect(Self.exists(tmp.file("logs/deep/train.jsonl")))
    let blocker = try Self.blocker(in: tmp)
    let start = Date()
    for bad in [blocker.appendingPathComponent("model.h5"), blocker.appendingPathComponent("sub/model.h5")] {
      Self.expectRefused(Self.trainArguments(survey: sim, output: bad.path), naming: bad.path)
    }
    Self.expectRefused(
      Self.trainArguments(survey: sim, output: tmp.file("ok.h5").path)
        + ["--checkpoint", blocker.appendingPathComponent("ck.h5").path],
      naming: blocker.appendingPathComponent("ck.h5").path)
    #expect(Date().timeIntervalSince(start) < 5, "the location should be checked before loading and training")
    // An output that is an existing folder.
    Self.expectRefused(Self.trainArguments(survey: sim, output: tmp.url.path), naming: tmp.url.path)
  }

  @Test(
    "annotate --output CSV and FITS into missing folders (the streaming .partial too); impossible ones refused",
    arguments: ["x.csv", "x.fits"])
  func annotate(_ name: String) throws {
    let tmp = try TemporaryFolder("out-annotate"); defer { tmp.cleanup() }
    let sim = try Self.survey(in: tmp)
    let model = try Self.model(in: tmp, survey: sim)
    let stack = sim.appendingPathComponent("cutouts.h5").path
    let out = tmp.file("annotated/a/b/" + name)
    let said = try runGalmorph(["annotate", "--image-stack", stack, "--model", model.path, "--output", out.path])
    #expect(said.contains("40 rows"))
    #expect(Self.exists(out))
    #expect(!Self.exists(URL(fileURLWithPath: out.path + ".partial")))
    let blocker = try Self.blocker(in: tmp)
    for bad in [blocker.appendingPathComponent(name), blocker.appendingPathComponent("deeper/" + name)] {
      Self.expectRefused(
        ["annotate", "--image-stack", stack, "--model", model.path, "--output", bad.path], naming: bad.path)
    }
  }

  @Test("evaluate --roc-plot/--reliability-plot into missing folders; impossible ones refused")
  func evaluate() throws {
    let tmp = try TemporaryFolder("out-evaluate"); defer { tmp.cleanup() }
    let sim = try Self.survey(in: tmp)
    let model = try Self.model(in: tmp, survey: sim)
    let stack = sim.appendingPathComponent("cutouts.h5").path
    let roc = tmp.file("plots/roc/roc.png"), rel = tmp.file("plots/rel/reliability.png")
    try runGalmorph([
      "evaluate", "--image-stack", stack, "--model", model.path, "--roc-plot", roc.path,
      "--reliability-plot", rel.path,
    ])
    #expect(Self.exists(roc) && Self.exists(rel))
    let bad = try Self.blocker(in: tmp).appendingPathComponent("roc.png")
    Self.expectRefused(
      ["evaluate", "--image-stack", stack, "--model", model.path, "--roc-plot", bad.path], naming: bad.path)
  }

  @Test("stack --output into a missing folder; an impossible one refused")
  func stack() throws {
    let tmp = try TemporaryFolder("out-stack"); defer { tmp.cleanup() }
    let sim = try Self.survey(in: tmp, count: 12)
    var csv = "file,label\n"
    for i in 0..<12 { csv += String(format: "sim/cutouts/%07d.fits,%d\n", i, i % 2) }
    let catalog = tmp.file("catalog.csv")
    try csv.write(to: catalog, atomically: true, encoding: .utf8)
    _ = sim
    let out = tmp.file("stacks/small/stack.h5")
    try runGalmorph(["stack", "--catalog", catalog.path, "--crop-size", "64", "--size", "16", "--output", out.path])
    #expect(Self.exists(out))
    let bad = try Self.blocker(in: tmp).appendingPathComponent("stack.h5")
    Self.expectRefused(
      ["stack", "--catalog", catalog.path, "--crop-size", "64", "--size", "16", "--output", bad.path],
      naming: bad.path)
  }

  @Test("dipole --out into a missing folder; an impossible one refused")
  func dipole() throws {
    let tmp = try TemporaryFolder("out-dipole"); defer { tmp.cleanup() }
    let catalog = try Self.survey(in: tmp, count: 60).appendingPathComponent("catalog.csv")
    let args = [
      "dipole", "--catalog", catalog.path, "--label-column", "class", "--positive", "spiral",
      "--permutations", "9", "--grid", "10",
    ]
    let out = tmp.file("results/dipole/run")
    try runGalmorph(args + ["--out", out.path])
    for name in ["sigma_map.fits", "sigma_map.png", "dipole.json", "dipole.md", "dipole.tex"] {
      #expect(Self.exists(out.appendingPathComponent(name)), "\(name)")
    }
    let bad = try Self.blocker(in: tmp).appendingPathComponent("dipole")
    Self.expectRefused(args + ["--out", bad.path], naming: bad.path)
  }

  @Test("report --out into a missing folder; an impossible one refused")
  func report() throws {
    let folder = try ReportCommandTests.auditFolder(); defer { folder.cleanup() }
    let json = folder.file("audit.json").path
    let out = folder.file("rendered/again")
    try runGalmorph(["report", json, "--format", "md,csv", "--out", out.path])
    #expect(Self.exists(out.appendingPathComponent("audit.md")))
    let bad = try Self.blocker(in: folder).appendingPathComponent("report")
    Self.expectRefused(["report", json, "--format", "md", "--out", bad.path], naming: bad.path)
  }

  @Test("Foundation's file errors reach the user as 'PATH: reason', never as 'Error Domain=…'")
  func foundationErrorsAreTranslated() throws {
    let tmp = try TemporaryFolder("out-errors"); defer { tmp.cleanup() }
    let missing = tmp.file("no/such/folder/x.bin")
    do {
      try Data([1, 2, 3]).write(to: missing)
      Issue.record("writing into a missing folder succeeded")
    } catch {
      #expect("\(error)".contains("Error Domain"), "Foundation's own text, the thing to hide: \(error)")
      let message = Galmorph.message(for: error)
      #expect(message.contains(missing.path) && !message.contains("Error Domain"), "\(message)")
      #expect(message.lowercased().contains("no such file"), "\(message)")
    }
    let cocoa = CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: "/data/out.csv"])
    #expect(Galmorph.message(for: cocoa) == "/data/out.csv: permission denied")
    let posix = POSIXError(.ENOSPC)
    #expect(!Galmorph.message(for: posix).contains("Domain") && Galmorph.message(for: posix).contains("space"))
    // galmorph's own errors pass through unchanged.
    #expect(Galmorph.message(for: SupportError.io(path: "/a", reason: "b")) == "/a: b")
  }

  @Test(
    "the executable: an impossible output is one line on stderr naming the path, exit 1",
    .enabled(if: GalmorphBinary.isAvailable, GalmorphBinary.skipMessage))
  func executableMessage() throws {
    let tmp = try TemporaryFolder("out-exe"); defer { tmp.cleanup() }
    let bad = try Self.blocker(in: tmp).appendingPathComponent("x.csv")
    let stack = SharedData.packageRoot.appendingPathComponent("Catalogs/gz1_cutouts_64.h5").path
    let r = try GalmorphBinary.run(["annotate", "--image-stack", stack, "--output", bad.path])
    #expect(r.status == 1 && !r.signalled)
    #expect(r.err.contains(bad.path) && !r.err.contains("Error Domain"), "stderr: \(r.err)")
    #expect(r.err.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").count == 1, "stderr: \(r.err)")
  }
}
