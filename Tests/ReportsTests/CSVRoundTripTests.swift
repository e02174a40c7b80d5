// galmorph — ReportsTests

import Foundation
import GalmorphSupport
import Testing
import _GalmorphTestSupport
import Reports

@Suite("CSV: full precision, RFC 4180, round trip")
struct CSVRoundTripTests {
  @Test("table → CSV → table is identical (NaN, missing, empty text, quotes, commas)")
  func roundTrip() throws {
    let table = try Fixtures.auditTable()
    let csv = table.csv()
    let back = try SignificanceTable(csv: csv, layout: table.layout, file: "audit.csv")
    #expect(back.isIdentical(to: table))
    #expect(back.csv() == csv)
  }

  @Test("CSV round trip through a file written atomically")
  func fileRoundTrip() throws {
    let folder = try TemporaryFolder("reports-csv")
    defer { folder.cleanup() }
    let table = try Fixtures.auditTable()
    try table.writeCSV(to: folder.file("audit.csv"))
    let back = try SignificanceTable.readCSV(from: folder.file("audit.csv"), layout: table)
    #expect(back.isIdentical(to: table))
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
    #expect(names == ["audit.csv"])  // no temporary file left behind
  }

  @Test("header has units and _err/_lo/_hi columns; numbers are full precision")
  func layout() throws {
    let csv = try Fixtures.auditTable().csv()
    let lines = csv.components(separatedBy: "\r\n")
    #expect(lines[0] == "model,N,D,D_err,l [deg],ci_lo,ci_hi,p,significant,method")
    #expect(
      lines[1] == "CNN & sky_split #1 {x} ~ ^ \\ $5 | 100%,10000,0.031234,0.012345,264.0213,0.0081,0.0549,"
        + "3.2e-05,true,\"dipole LSQ, σ from covariance\"")
    #expect(lines[4] == "\"\",,1234.5,321.9,nan,0.0,1.0,1.0,,")
  }

  @Test("random full-precision doubles survive the round trip bit for bit")
  func precision() throws {
    var rng = SeededGenerator(seed: 7)
    var t = try SignificanceTable(
      title: "R",
      columns: [
        TableColumn(key: "x", kind: .number),
        TableColumn(key: "m", kind: .measurement),
      ])
    for _ in 0..<500 {
      let bits = { Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF | (rng.next() & 0x8000_0000_0000_0000)) }
      try t.append([.number(bits()), .measurement(value: bits(), error: Double(rng.next() % 1000) * 1e-3)])
    }
    let back = try SignificanceTable(csv: t.csv(), layout: t)
    #expect(back.isIdentical(to: t))
  }

  @Test("malformed CSV errors name the file, row and column")
  func errors() throws {
    let layout = try Fixtures.auditTable().layout
    let good = try Fixtures.auditTable().csv()
    func error(_ text: String) -> String {
      do { _ = try SignificanceTable(csv: text, layout: layout, file: "out/audit.csv"); return "no error" } catch {
        return String(describing: error)
      }
    }
    let badHeader = error(good.replacingOccurrences(of: "D_err", with: "D_sigma"))
    #expect(badHeader.contains("out/audit.csv") && badHeader.contains("column 4") && badHeader.contains("D_err"))
    let badValue = error(good.replacingOccurrences(of: "3.2e-05", with: "tiny"))
    #expect(badValue.contains("out/audit.csv") && badValue.contains("row 2") && badValue.contains("'p'"))
    let truncated = error(String(good.prefix(60)))
    #expect(truncated.contains("out/audit.csv") && truncated.contains("row 2"))
    let halfMeasurement = error(good.replacingOccurrences(of: ",0.012345,", with: ",,"))
    #expect(halfMeasurement.contains("row 2") && halfMeasurement.contains("'D_err'"))
    let unterminated = error(good + "\"open")
    #expect(unterminated.contains("unterminated"))
  }

  @Test("broken copies of a written CSV file fail with the file path and row")
  func brokenFiles() throws {
    let folder = try TemporaryFolder("reports-csv-broken")
    defer { folder.cleanup() }
    let table = try Fixtures.auditTable()
    try table.writeCSV(to: folder.file("audit.csv"))
    let bytes = try Data(contentsOf: folder.file("audit.csv"))
    // Truncated inside the quoted method field of row 2.
    let cut = try #require(String(decoding: bytes, as: UTF8.self).range(of: "dipole LSQ"))
    let prefix = String(decoding: bytes, as: UTF8.self)[..<cut.upperBound]
    try Data(prefix.utf8).write(to: folder.file("truncated.csv"))
    var message = ""
    do { _ = try SignificanceTable.readCSV(from: folder.file("truncated.csv"), layout: table) } catch {
      message = String(describing: error)
    }
    #expect(
      message.contains(folder.file("truncated.csv").path) && message.contains("row 2")
        && message.contains("unterminated"), "\(message)")
    // Invalid UTF-8 bytes.
    var corrupt = bytes
    corrupt[5] = 0xFF
    try corrupt.write(to: folder.file("corrupt.csv"))
    message = ""
    do { _ = try SignificanceTable.readCSV(from: folder.file("corrupt.csv"), layout: table) } catch {
      message = String(describing: error)
    }
    #expect(message.contains(folder.file("corrupt.csv").path) && message.contains("UTF-8"), "\(message)")
  }

  @Test("table → JSON → table is identical, and JSON with a bad row is rejected")
  func jsonRoundTrip() throws {
    let table = try Fixtures.auditTable()
    let data = try table.jsonData()
    let back = try JSONCoding.decoder().decode(SignificanceTable.self, from: data)
    #expect(back.isIdentical(to: table))
    var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    var rows = try #require(object["rows"] as? [[Any]])
    rows[1].removeLast()  // row 2 loses its method cell
    object["rows"] = rows
    let broken = try JSONSerialization.data(withJSONObject: object)
    #expect(throws: ReportsError.rowLength(table: table.title, row: 2, cells: 7, columns: 8)) {
      try JSONCoding.decoder().decode(SignificanceTable.self, from: broken)
    }
  }

  @Test(
    "pandas reads the CSV with the same numbers",
    .enabled(
      if: CSVRoundTripTests.pandasPython != nil,
      "skipped: python3 with pandas not found"))
  func pandas() throws {
    let folder = try TemporaryFolder("reports-pandas")
    defer { folder.cleanup() }
    let table = try Fixtures.auditTable()
    try table.writeCSV(to: folder.file("audit.csv"))
    let script = """
      import pandas as pd, math
      df = pd.read_csv("audit.csv")
      assert list(df.columns) == ["model","N","D","D_err","l [deg]","ci_lo","ci_hi","p","significant","method"], df.columns
      assert df["D"][0] == 0.031234 and df["p"][0] == 3.2e-05 and df["p"][2] == 0.000999
      assert df["N"][1] == 9876 and math.isnan(df["l [deg]"][3]) and df["D_err"][3] == 321.9
      assert df["method"][0] == "dipole LSQ, σ from covariance"
      print("ok")
      """
    let r = try ExternalTool.run(CSVRoundTripTests.pandasPython ?? "python3", ["-c", script], in: folder.url)
    #expect(r.status == 0, "pandas check failed:\n\(r.output)")
  }

  static let pandasPython: String? = ExternalTool.python(importing: "pandas")
}
