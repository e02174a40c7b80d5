// galmorph — GalmorphCommandsTests
//
// Bad options are usage errors (exit 64); bad data is an error naming the file, row and column, with no output.

import ArgumentParser
import Foundation
import GalmorphSupport
import Reports
import GalmorphCommands
import Testing
import _GalmorphTestSupport

@Suite("sky commands: bad input")
struct BadInputTests {
  /// The error `runGalmorph` throws, or nil.
  func failure(_ args: [String]) -> (any Error)? {
    do { try runGalmorph(args); return nil } catch { return error }
  }

  @Test("a missing label column is an error listing the available columns")
  func missingLabelColumn() throws {
    for command in ["dipole", "hemispheres"] {
      var args = [command, "--catalog", bundledCatalog.path, "--label-column", "morphology", "--positive", "spiral"]
      if command == "hemispheres" { args += ["--split", "dec:0"] }
      let error = try #require(failure(args))
      let text = "\(error)"
      #expect(text.contains("'morphology'") && text.contains(bundledCatalog.path))
      #expect(text.contains("available: ra, dec, gz1_flag, flag_conflict, file") && text.contains("--label-column"))
      #expect(Galmorph.exitCode(for: error) == .failure)
    }
  }

  @Test("an unknown --split syntax is a usage error", arguments: ["ra:70", "planet:3", "dec:100", "ra70,250"])
  func badSplit(_ spec: String) throws {
    let args = ["hemispheres", "--catalog", bundledCatalog.path, "--label-column", "gz1_flag", "--split", spec]
    let error = try #require(failure(args))
    #expect(Galmorph.exitCode(for: error) == .validationFailure)
    #expect(Galmorph.message(for: error).contains(spec))
  }

  @Test("bad option combinations are usage errors")
  func badOptions() throws {
    let base = ["dipole", "--catalog", bundledCatalog.path, "--label-column", "gz1_flag", "--positive", "spiral"]
    for extra in [
      ["--grid", "1", "--nside", "8"], ["--grid", "7"], ["--nside", "6"], ["--permutations", "0"],
      ["--method", "shamir"],
    ] {
      let error = try #require(failure(base + extra), "\(extra)")
      #expect(Galmorph.exitCode(for: error) == .validationFailure, "\(extra)")
    }
  }

  @Test("an empty catalog is an error naming the file, and no output is written")
  func emptyCatalog() throws {
    let dir = try TemporaryFolder("dipole-empty")
    defer { dir.cleanup() }
    let headerOnly = dir.file("header_only.csv"), zeroBytes = dir.file("zero.csv")
    try "ra,dec,gz1_flag\n".write(to: headerOnly, atomically: true, encoding: .utf8)
    try Data().write(to: zeroBytes)
    let out = dir.file("out")
    for file in [headerOnly, zeroBytes] {
      let error = try #require(
        failure([
          "dipole", "--catalog", file.path, "--label-column", "gz1_flag", "--positive",
          "spiral", "--out", out.path,
        ]))
      #expect("\(error)".contains(file.path))
      #expect(Galmorph.exitCode(for: error) == .failure)
    }
    #expect(
      "\(try #require(failure(["dipole", "--catalog", headerOnly.path, "--label-column", "gz1_flag", "--positive", "x"])))"
        .contains("no data rows"))
    let left = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
    #expect(left.isEmpty, "output left behind: \(left)")
  }

  @Test("data problems name the file, row and column; a truncated .gz is refused")
  func dataProblems() throws {
    let dir = try TemporaryFolder("dipole-data")
    defer { dir.cleanup() }
    let lines = try bundledCatalogLines()
    // A text label without --positive.
    let textLabel = try #require(failure(["dipole", "--catalog", bundledCatalog.path, "--label-column", "gz1_flag"]))
    #expect("\(textLabel)".contains("--positive") && "\(textLabel)".contains("gz1_flag"))
    // A probability outside [0, 1] in data row 3.
    var csv = "ra,dec,p\n"
    for (k, line) in lines.dropFirst().prefix(50).enumerated() {
      let f = line.split(separator: ",", omittingEmptySubsequences: false)
      csv += "\(f[0]),\(f[1]),\(k == 2 ? "1.5" : "0.25")\n"
    }
    let bad = dir.file("bad_p.csv")
    try csv.write(to: bad, atomically: true, encoding: .utf8)
    let badP = "\(try #require(failure(["dipole", "--catalog", bad.path, "--label-column", "p"])))"
    #expect(badP.contains(bad.path) && badP.contains("row 3") && badP.contains("'p'") && badP.contains("1.5"))
    // A truncated copy of the gzip catalog.
    let gz = try Data(contentsOf: bundledCatalog)
    let truncated = dir.file("truncated.csv.gz")
    try gz.prefix(gz.count / 2).write(to: truncated)
    let trunc =
      "\(try #require(failure(["dipole", "--catalog", truncated.path, "--label-column", "gz1_flag", "--positive", "spiral"])))"
    #expect(trunc.contains(truncated.path))
    // Hemispheres refuses probabilities.
    var probs = "ra,dec,p\n"
    for line in lines.dropFirst().prefix(50) {
      let f = line.split(separator: ",", omittingEmptySubsequences: false)
      probs += "\(f[0]),\(f[1]),0.3\n"
    }
    let probFile = dir.file("probabilities.csv")
    try probs.write(to: probFile, atomically: true, encoding: .utf8)
    let hemi =
      "\(try #require(failure(["hemispheres", "--catalog", probFile.path, "--label-column", "p", "--split", "dec:0"])))"
    #expect(hemi.contains("0/1 labels"))
  }

  @Test("rows with an empty label are dropped and counted")
  func emptyLabelsDropped() throws {
    let dir = try TemporaryFolder("dipole-drop")
    defer { dir.cleanup() }
    let lines = try bundledCatalogLines()
    var csv = "ra,dec,gz1_flag\n"
    for (k, line) in lines.dropFirst().prefix(2000).enumerated() {
      let f = line.split(separator: ",", omittingEmptySubsequences: false)
      csv += "\(f[0]),\(f[1]),\(k % 10 == 0 ? "" : String(f[2]))\n"
    }
    let file = dir.file("holes.csv")
    try csv.write(to: file, atomically: true, encoding: .utf8)
    let text = try runGalmorph([
      "dipole", "--catalog", file.path, "--label-column", "gz1_flag", "--positive", "spiral",
      "--permutations", "50", "--nside", "2", "--method", "both", "--json",
    ])
    let report = try JSONCoding.decoder().decode(DipoleReport.self, from: Data(text.utf8))
    #expect(report.rows == 2000 && report.nDropped == 200 && report.n == 1800)
  }
}
