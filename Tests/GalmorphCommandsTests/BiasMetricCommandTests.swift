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
    let l = try #require(json?["L"] as? Double)
    #expect(abs(l - 0.25 / 2.0.squareRoot()) < 1e-12)
    #expect((json?["provenance"] as? [String: Any])?["inputs"] != nil)
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
