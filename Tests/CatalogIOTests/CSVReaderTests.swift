// galmorph — CatalogIOTests
//
// RFC 4180 quoting, comments, delimiters, ragged rows and gzip, on small files.

import CatalogIO
import Foundation
import Testing
import _GalmorphTestSupport

@Suite("CSV/TSV reading")
struct CSVReaderTests {
  @Test("quoted fields with delimiters, doubled quotes, newlines and '#' match Python's csv module")
  func quotedFixture() throws {
    let golden = try CatalogGolden.load()
    let reader = try CSVReader(url: CatalogGolden.fixture(golden.quoted.file))
    #expect(reader.delimiter == .comma)
    #expect(reader.header == golden.quoted.header)
    var rows: [[String]] = []
    while let row = try reader.nextRow() { rows.append(row.fields) }
    #expect(rows == golden.quoted.rows)
    let typed = try CSVCatalogReader(url: CatalogGolden.fixture(golden.quoted.file))
    #expect(typed.columnTypes == [.string, .string, .double, .bool])
    #expect(typed.missingCounts == [0, 1, 1, 1])
    #expect(try typed.readColumn("value", rows: 0..<100) == .doubles([1.5, 2, nil, -300, 4, 5.25]))
    #expect(try typed.readColumn("flag", rows: 0..<6) == .bools([true, false, true, nil, false, true]))
  }

  @Test("line numbers count comments and lines inside quotes")
  func lineNumbers() throws {
    let golden = try CatalogGolden.load()
    let reader = try CSVReader(url: CatalogGolden.fixture(golden.quoted.file))
    let lines = try reader.nextChunk(maxRows: 10).map(\.line)
    #expect(lines == [4, 5, 7, 8, 9, 10])
  }

  /// Writes `text` to a file and returns its URL.
  func file(_ folder: TemporaryFolder, _ name: String, _ text: String) throws -> URL {
    let url = folder.file(name)
    try Data(text.utf8).write(to: url)
    return url
  }

  @Test("a ragged row is an error naming the file, the line and both field counts")
  func ragged() throws {
    let folder = try TemporaryFolder("catalogio")
    defer { folder.cleanup() }
    let url = try file(folder, "ragged.csv", "# comment\na,b,c\n1,2,3\n\"x\ny\",5,6\n7,8\n")
    do {
      _ = try CSVCatalogReader(url: url)
      Issue.record("ragged row must fail")
    } catch let error as CatalogIOError {
      #expect(error == .raggedRow(path: url.path, line: 6, expected: 3, found: 2))
      #expect(error.description.hasPrefix("\(url.path), line 6: expected 3 fields (as in the header) but found 2"))
    }
    let extra = try file(folder, "extra.csv", "a,b\n1,2\n3,4,5\n")
    #expect(throws: CatalogIOError.raggedRow(path: extra.path, line: 3, expected: 2, found: 3)) {
      try CSVCatalogReader(url: extra)
    }
  }

  @Test("an unterminated quote is an error naming the line where it opened")
  func unterminated() throws {
    let folder = try TemporaryFolder("catalogio")
    defer { folder.cleanup() }
    let url = try file(folder, "open.csv", "a,b\n1,2\n3,\"oops\n4,5\n")
    #expect(throws: CatalogIOError.unterminatedQuote(path: url.path, line: 3)) { try CSVCatalogReader(url: url) }
    let empty = try file(folder, "empty.csv", "# only a comment\n\n")
    #expect(throws: CatalogIOError.noHeader(path: empty.path)) { try CSVCatalogReader(url: empty) }
    #expect(throws: CatalogIOError.self) { try CSVCatalogReader(url: folder.file("missing.csv")) }
  }

  @Test("delimiters: .tsv by extension, sniffed otherwise; CRLF and BOM; pandas-style names")
  func delimiters() throws {
    let folder = try TemporaryFolder("catalogio")
    defer { folder.cleanup() }
    let tsv = try file(folder, "t.tsv", "x\ty\n1,5\t2\n")
    let r1 = try CSVReader(url: tsv)
    #expect(r1.delimiter == .tab && r1.header == ["x", "y"])
    let first = try r1.nextRow()
    #expect(first?.fields == ["1,5", "2"])
    let sniffed = try file(folder, "t.txt", "\u{FEFF}#c\r\n\r\nid\tname\tname\t\r\n1\ta\tb\tc\r\n")
    let r2 = try CSVReader(url: sniffed)
    #expect(r2.delimiter == .tab)
    #expect(r2.rawHeader == ["id", "name", "name", ""])
    #expect(r2.header == ["id", "name", "name.1", "Unnamed: 3"])
    let row = try r2.nextRow()
    #expect(row?.fields == ["1", "a", "b", "c"])
    let semicolon = try file(folder, "s.dat", "a;b\n1;2\n")
    #expect(try CSVReader(url: semicolon).delimiter == .semicolon)
  }

  @Test("type inference: int, float, bool, string, all-missing, NA tokens")
  func inference() throws {
    let folder = try TemporaryFolder("catalogio")
    defer { folder.cleanup() }
    let url = try file(
      folder, "types.csv",
      """
      i,f,b,s,m,mix,big
      1,1.5,true,x,,1,9223372036854775807
      -2,NaN,False,,NA,2.5,-9223372036854775808
      +3,4, TRUE ,7,,3,0
      """)
    let reader = try CSVCatalogReader(url: url)
    #expect(reader.columnTypes == [.int64, .double, .bool, .string, .double, .double, .int64])
    #expect(reader.missingCounts == [0, 1, 0, 1, 3, 0, 0])
    let cols = try reader.readAll(["i", "f", "b", "s", "m", "big"])
    #expect(cols[0] == .int64s([1, -2, 3]))
    #expect(cols[1] == .doubles([1.5, nil, 4]))
    #expect(cols[2] == .bools([true, false, true]))
    #expect(cols[3] == .strings(["x", nil, "7"]))
    #expect(cols[4] == .doubles([nil, nil, nil]))
    #expect(cols[5] == .int64s([.max, .min, 0]))
  }
}
