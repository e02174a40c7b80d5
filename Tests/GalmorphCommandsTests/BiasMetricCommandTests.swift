// galmorph — GalmorphCommandsTests
//
// `galmorph bias-metric` end to end: the hand-computed example of LabelingBiasTests read from a CSV, its JSON output,
// and the errors for bad input.

import Foundation
import Testing
import _GalmorphTestSupport
@testable import GalmorphCommands

@Suite struct BiasMetricCommandTests {
  /// 8 rows, one intrinsic cell, 2 seeing bins: L = ¼/√2 = 0.1768 (LabelingBiasTests.handComputedExample).
  static let text = """
    id,morph,mag,seeing
    0,s,20,0.1
    1,e,20,0.2
    2,s,20,0.3
    3,e,20,0.4
    4,s,20,0.9
    5,s,20,0.8
    6,e,20,0.7
    7,s,20,0.6

    """

  @Test func handExampleFromACatalog() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let csv = tmp.file("c.csv")
    try Self.text.write(to: csv, atomically: true, encoding: .utf8)
    let out = try runGalmorph([
      "bias-metric", "--catalog", csv.path, "--label-column", "morph", "--intrinsic", "mag", "--intrinsic-bins", "1",
      "--observable", "seeing", "--observable-bins", "2", "--bootstrap", "0", "--out", tmp.file("o").path,
    ])
    #expect(out.contains("L = 0.1768 (8 rows, 2 classes, 1 cells × 2 seeing bins)"), "\(out)")
    let json =
      try JSONSerialization.jsonObject(with: Data(contentsOf: tmp.file("o/bias_metric.json"))) as? [String: Any]
    let result = try #require((json?["results"] as? [[String: Any]])?.first)
    let l = try #require(result["L"] as? Double)
    #expect(result["label_column"] as? String == "morph")
    #expect(abs(l - 0.25 / 2.0.squareRoot()) < 1e-12)
    #expect((json?["provenance"] as? [String: Any])?["inputs"] != nil)
  }

  /// Several label columns at once, probabilities cut at --threshold, and the properties joined from another file
  /// (rows in another order): the same L as the hand example for the class column and for p ≥ 0.5, which encodes
  /// the same classes; a key missing from the other file is named.
  @Test func severalLabelColumnsWithJoinedProperties() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let labels = tmp.file("labels.csv"), props = tmp.file("props.csv")
    let rows = Self.text.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
    var a = "key,truth,p\n", b = "index,mag,seeing\n"
    for r in rows { a += "\(r[0]),\(r[1] == "s" ? 1 : 0),\(r[1] == "s" ? 0.8 : 0.3)\n" }
    for r in rows.reversed() { b += "\(r[0]),\(r[2]),\(r[3])\n" }
    try a.write(to: labels, atomically: true, encoding: .utf8)
    try b.write(to: props, atomically: true, encoding: .utf8)
    let args = [
      "bias-metric", "--catalog", labels.path, "--label-column", "truth", "--label-column", "p", "--threshold", "0.5",
      "--columns-from", props.path, "--join", "key:index", "--intrinsic", "mag", "--intrinsic-bins", "1",
      "--observable", "seeing", "--observable-bins", "2", "--bootstrap", "0",
    ]
    let out = try runGalmorph(args)
    #expect(out.contains("truth: L = 0.1768") && out.contains("p: L = 0.1768"), "\(out)")
    try (b.split(separator: "\n").dropLast().joined(separator: "\n") + "\n").write(
      to: props, atomically: true, encoding: .utf8)
    do {
      _ = try runGalmorph(args)
      Issue.record("a key missing from the joined file was accepted")
    } catch {
      #expect("\(error)".contains("labels.csv") && "\(error)".contains("key"), "\(error)")
    }
  }

  @Test func badInputNamesTheFileRowAndColumn() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let csv = tmp.file("bad.csv")
    try Self.text.replacingOccurrences(of: "3,e,20,0.4", with: "3,e,20,").write(
      to: csv, atomically: true, encoding: .utf8)
    let args = [
      "bias-metric", "--catalog", csv.path, "--label-column", "morph", "--intrinsic", "mag", "--intrinsic-bins", "1",
      "--observable", "seeing", "--observable-bins", "2", "--out", tmp.file("o").path,
    ]
    do {
      _ = try runGalmorph(args)
      Issue.record("a missing seeing value was accepted")
    } catch {
      let text = "\(error)"
      #expect(text.contains("bad.csv") && text.contains("seeing") && text.contains("4"), "\(text)")
    }
    #expect(!FileManager.default.fileExists(atPath: tmp.file("o/bias_metric.json").path))
    #expect(throws: (any Error).self) { _ = try runGalmorph(args.map { $0 == "seeing" ? "fwhm" : $0 }) }
  }
}
