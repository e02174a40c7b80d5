// galmorph — CatalogIOTests
//
// Written catalogs read back identically; quoting where needed; atomic output.

import CatalogIO
import Foundation
import GalmorphSupport
import Testing
import _GalmorphTestSupport

@Suite("CSV writing")
struct CSVWriterTests {
  @Test("write → read round trip of awkward strings and numbers", arguments: [CSVDelimiter.comma, .tab])
  func roundTrip(delimiter: CSVDelimiter) throws {
    let folder = try TemporaryFolder("catalogio")
    defer { folder.cleanup() }
    var rng = SeededGenerator(seed: 11)
    let names: [String?] = [
      "plain", "a, b", "quote \"q\"", "line\nbreak", "#hash", " lead", "trail ", "tab\tin",
      nil, "ünï", "crlf\r\nx",
    ]
    let n = 500
    let strings = (0..<n).map { names[$0 % names.count] }
    let doubles: [Double?] = (0..<n).map { $0 % 37 == 0 ? nil : (rng.nextUnit() - 0.5) * pow(10, Double($0 % 30) - 15) }
    let ints: [Int64?] = (0..<n).map { $0 % 41 == 0 ? nil : Int64(bitPattern: rng.next()) }
    let ids = (0..<n).map { String(format: "%019llu", 8_647_474_690_312_307_154 &+ UInt64($0)) }  // leading zeros kept
    let url = folder.file(delimiter == .tab ? "out.tsv" : "out.csv")
    try CSVWriter.write(
      columns: [
        ("objid", .strings(ids)), ("text", .strings(strings)), ("x", .doubles(doubles)),
        ("n", .int64s(ints)),
      ], to: url, delimiter: delimiter)
    let reader = try CSVCatalogReader(url: url)
    #expect(reader.delimiter == delimiter && reader.rowCount == n)
    #expect(reader.columnNames == ["objid", "text", "x", "n"])
    #expect(try reader.readVerbatimStrings("objid", rows: 0..<n) == ids)
    #expect(try reader.readColumn("text", rows: 0..<n) == .strings(strings))
    #expect(try reader.readColumn("x", rows: 0..<n) == .doubles(doubles))  // shortest round-trip text: bit-exact
    #expect(try reader.readColumn("n", rows: 0..<n) == .int64s(ints))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == [url.lastPathComponent])
  }

  @Test("quoting only where needed")
  func quoting() {
    #expect(CSVWriter.line(["a", "b,c", "d\"e", nil, "#x"], delimiter: .comma) == "a,\"b,c\",\"d\"\"e\",,#x\n")
    #expect(CSVWriter.line(["#x", "y"], delimiter: .comma) == "\"#x\",y\n")
    #expect(CSVWriter.line(["b,c", "t\tu"], delimiter: .tab) == "b,c\t\"t\tu\"\n")
  }

  @Test("a failing writer leaves no file behind")
  func atomic() throws {
    let folder = try TemporaryFolder("catalogio")
    defer { folder.cleanup() }
    let url = folder.file("partial.csv")
    struct Stop: Error {}
    #expect(throws: Stop.self) {
      try CSVWriter.write(to: url, header: ["a"]) { sink in
        try sink.append(["1"])
        throw Stop()
      }
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
  }
}
