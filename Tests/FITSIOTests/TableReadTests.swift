// galmorph — FITSIOTests
//
// Column values and row chunks, checked against values astropy wrote into synthetic_tables.fits.

import Foundation
import Testing
import _GalmorphTestSupport
import FITSIO

@Suite("Table reading")
struct TableReadTests {
  let file: FITSFile

  init() throws { file = try FITSFile(url: Reference.url("synthetic_tables.fits")) }

  @Test("column types: Double, Int64, scaled, string, logical, vector, 64-bit")
  func types() throws {
    let table = try file.tableInfo("CATALOG")
    #expect(table.kind == .binaryTable && table.rowCount == 7)
    #expect(table.column("ra")?.kind == .double)
    #expect(table.column("ID")?.kind == .integer)
    #expect(table.column("FLUX")?.kind == .double)  // TSCAL 0.5
    #expect(table.column("NAME")?.kind == .string)
    #expect(table.column("SPIRAL")?.kind == .logical)
    #expect(table.column("MAGS")?.repeatCount == 3)
    let ids = try file.readColumn("ID", hdu: "CATALOG").values.integers
    #expect(ids == (0..<7).map { Int64($0 * 1000 - 3) })
    let big = try file.readColumn("BIG", hdu: "CATALOG").values.integers
    #expect(big == (0..<7).map { (Int64(1) << 40) + Int64($0) })
    let spiral = try file.readColumn("SPIRAL", hdu: "CATALOG").values.logicals
    #expect(spiral == (0..<7).map { $0 % 2 == 0 })
    let flags = try file.readColumn("FLAGS", hdu: "CATALOG")
    #expect(flags.repeatCount == 11)
    var bits: [Bool?] = []
    for i in 0..<7 { for j in 0..<11 { bits.append((i + j) % 3 == 0) } }
    #expect(flags.values.logicals == bits)
    let names = try file.readColumn("NAME", hdu: "CATALOG").values.strings
    #expect(names == (0..<7).map { String(format: "gal_%03d", $0) })
  }

  @Test("row chunks concatenate to the whole column, vectors flattened row-major")
  func chunks() throws {
    let whole = try file.readColumn("MAGS", hdu: 1)
    #expect(whole.values.count == 21)
    var joined: [Double] = []
    for start in stride(from: 0, to: 7, by: 3) {
      let chunk = try file.readColumn("MAGS", hdu: 1, rows: start..<min(start + 3, 7))
      joined += chunk.values.doubles ?? []
    }
    #expect(joined == whole.values.doubles)
    #expect(try file.readColumn("MAGS", hdu: 1, rows: 2..<2).values.count == 0)
    let pair = try file.readColumns(["ID", "MAGS"], hdu: "CATALOG", rows: 4..<6)
    #expect(pair.map(\.values.count) == [2, 6])
    let all: [Double] = whole.values.doubles ?? []
    let expected: [Double] = Array(all[12..<18])
    #expect(pair[1].values.doubles == expected)
  }

  @Test("ASCII table columns")
  func ascii() throws {
    let table = try file.tableInfo("ASCIITAB")
    #expect(table.kind == .asciiTable)
    #expect(try file.readColumn("N", hdu: "ASCIITAB").values.integers == [1, -2, 30, 400])
    #expect(try file.readColumn("LABEL", hdu: "ASCIITAB").values.strings == ["a", "bb", "ccc", "dddd"])
  }

  @Test("missing column and bad rows name file, HDU and column")
  func errors() throws {
    #expect {
      _ = try file.readColumn("DEC", hdu: "CATALOG")
    } throws: { error in
      let text = "\(error)"
      return text.contains("synthetic_tables.fits") && text.contains("HDU 1 'CATALOG'") && text.contains("'DEC'")
        && text.contains("RA")
    }
    #expect {
      _ = try file.readColumn("RA", hdu: "CATALOG", rows: 5..<9)
    } throws: { error in "\(error)".contains("rows 5..<9") && "\(error)".contains("'RA'") }
  }
}
