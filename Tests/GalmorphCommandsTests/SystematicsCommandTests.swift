// galmorph — GalmorphCommandsTests
//
// `galmorph systematics` end to end: joined condition columns, a threshold, the truth residual, a constant column,
// outputs, and a missing join key named with file, row and column (issue 20).

import Foundation
import GalmorphSupport
import SkyStatistics
import Testing
import _GalmorphTestSupport

@Suite("galmorph systematics")
struct SystematicsCommandTests {
  @Test func joinsConditionsTestsEachColumnAndWritesTablesAndFigures() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    var rng = SeededGenerator(seed: 12)
    let n = 1000
    let seeing = (0..<n).map { _ in rng.nextUnit() < 0.5 ? 1.2 : 1.8 }
    let airmass = (0..<n).map { _ in 1 + rng.nextUnit() }
    let truth = (0..<n).map { _ in rng.nextUnit() < 0.4 ? 1.0 : 0.0 }
    // bad seeing turns ellipticals into spirals: p_spiral high for 30 % of them
    let p = (0..<n).map { i in
      truth[i] == 1 || (seeing[i] > 1.5 && rng.nextUnit() < 0.3) ? 0.6 + 0.4 * rng.nextUnit() : 0.4 * rng.nextUnit()
    }
    var annotated = "id,p_spiral,label\n"
    for i in 0..<n { annotated += "g\(i),\(p[i]),\(truth[i] == 1 ? "spiral" : "elliptical")\n" }
    var conditions = "name,seeing,airmass,depth\n"
    for i in (0..<n).reversed() { conditions += "g\(i),\(seeing[i]),\(airmass[i]),22.5\n" }
    try annotated.write(to: tmp.file("a.csv"), atomically: true, encoding: .utf8)
    try conditions.write(to: tmp.file("c.csv"), atomically: true, encoding: .utf8)
    let text = try runGalmorph([
      "systematics", "--catalog", tmp.file("a.csv").path, "--threshold", "0.5", "--truth-column", "label",
      "--column", "seeing,airmass", "--column", "depth", "--bins", "4", "--columns-from", tmp.file("c.csv").path,
      "--join", "id:name", "--out", tmp.file("out").path,
    ])
    #expect(text.contains("depth: one value in every row; not tested"), "\(text)")
    let calls = p.map { $0 >= 0.5 ? 1.0 : 0.0 }
    let expected = ConditionTrend.fit(condition: seeing, annotation: calls, truth: truth, bins: 4)
    #expect(expected.bins.count == 2)
    #expect(
      text.contains(String(format: "seeing: 2 bins; p_spiral χ² = %.2f", expected.annotation.chiSquare)), "\(text)")
    #expect(expected.annotation.pValue < 1e-6 && expected.residual!.pValue < 1e-6, "a planted trend is found")
    let json =
      try JSONSerialization.jsonObject(with: Data(contentsOf: tmp.file("out/systematics.json"))) as! [String: Any]
    let columns = json["columns"] as! [[String: Any]]
    #expect(columns.map { $0["column"] as! String } == ["seeing", "airmass", "depth"])
    let airmassP = ((columns[1]["trend"] as! [String: Any])["annotation"] as! [String: Any])["pValue"] as! Double
    #expect(airmassP > 0.001, "airmass is unrelated: p \(airmassP)")
    let csv = try String(contentsOf: tmp.file("out/systematics.csv"), encoding: .utf8).split(separator: "\n")
    #expect(csv.count == 1 + 2 + 4 + 1)
    #expect(FileManager.default.fileExists(atPath: tmp.file("out/systematics-seeing.png").path))
    #expect(!FileManager.default.fileExists(atPath: tmp.file("out/systematics-depth.png").path))

    // a key of --catalog missing from --columns-from
    try (conditions.split(separator: "\n").dropLast().joined(separator: "\n") + "\n").write(
      to: tmp.file("c2.csv"), atomically: true, encoding: .utf8)
    do {
      try runGalmorph([
        "systematics", "--catalog", tmp.file("a.csv").path, "--column", "seeing", "--columns-from",
        tmp.file("c2.csv").path, "--join", "id:name",
      ])
      Issue.record("a missing join key was accepted")
    } catch {
      #expect("\(error)".contains("a.csv") && "\(error)".contains("row 1") && "\(error)".contains("'id'"), "\(error)")
    }
  }
}
