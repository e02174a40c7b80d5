// galmorph — CatalogIOTests
//
// Catalog column resolution, sexagesimal position columns, range checks and their messages.

import CatalogIO
import Foundation
import Testing
import _GalmorphTestSupport

@Suite("Catalog positions and identifiers")
struct CatalogTests {
  func file(_ folder: TemporaryFolder, _ name: String, _ text: String) throws -> URL {
    let url = folder.file(name)
    try Data(text.utf8).write(to: url)
    return url
  }

  @Test("sexagesimal columns are parsed (RA in hours), numeric ones taken as degrees, RA wrapped")
  func parsing() throws {
    let folder = try TemporaryFolder("catalogio")
    defer { folder.cleanup() }
    let golden = try CatalogGolden.load()
    let ras = golden.angles.filter { $0.kind == "ra" }.prefix(5)
    let decs = golden.angles.filter { $0.kind == "dec" }.prefix(5)
    var text = "Name,RAJ2000,DEJ2000\n"
    for (i, (r, d)) in zip(ras, decs).enumerated() { text += "0\(i)7,\(r.text),\(d.text)\n" }
    let cat = try Catalog.load(contentsOf: try file(folder, "sexa.csv", text))
    #expect(cat.idColumn == "Name" && cat.raColumn == "RAJ2000" && cat.decColumn == "DEJ2000")
    #expect(cat.ids == ["007", "017", "027", "037", "047"])
    expectAllClose(cat.ra, ras.map(\.degrees), rtol: 1e-14, atol: 1e-12)
    expectAllClose(cat.dec, decs.map(\.degrees), rtol: 1e-14, atol: 1e-12)

    let wrap = try Catalog.load(contentsOf: try file(folder, "wrap.csv", "ra_deg,dec_deg\n360,0\n-10,1\n370.5,2\n"))
    #expect(wrap.ra == [0, 350, 10.5] && wrap.dec == [0, 1, 2] && wrap.ids == ["0", "1", "2"])
  }

  @Test("out-of-range, missing and malformed positions name file, row and column")
  func rangeErrors() throws {
    let folder = try TemporaryFolder("catalogio")
    defer { folder.cleanup() }
    let dec = try file(folder, "dec.csv", "id,ra,dec\na,10,5\nb,20,95\n")
    #expect(
      throws: CatalogIOError.invalidValue(
        path: dec.path, row: 2, column: "dec", value: "95.0",
        reason: "outside −90…+90 degrees")
    ) { try Catalog.load(contentsOf: dec) }
    let ra = try file(folder, "ra.csv", "id,ra,dec\na,1000,5\n")
    #expect(throws: CatalogIOError.self) { try Catalog.load(contentsOf: ra) }
    let missing = try file(folder, "missing.csv", "id,ra,dec\na,10,5\nb,,6\n")
    #expect(
      throws: CatalogIOError.invalidValue(
        path: missing.path, row: 2, column: "ra", value: "",
        reason: "missing value")
    ) { try Catalog.load(contentsOf: missing) }
    let bad = try file(folder, "bad.csv", "id,ra,dec\na,12:34:56,+12:30:00\nb,12:99:00,+1:00:00\n")
    do {
      _ = try Catalog.load(contentsOf: bad)
      Issue.record("minutes 99 must fail")
    } catch let error as CatalogIOError {
      #expect(
        error.description == "\(bad.path), row 2, column 'ra': invalid value '12:99:00': minutes must lie in [0, 60)")
    }
  }

  @Test("explicit column names are matched case-insensitively; unknown ones list the available columns")
  func explicitColumns() throws {
    let folder = try TemporaryFolder("catalogio")
    defer { folder.cleanup() }
    let url = try file(folder, "cat.csv", "RA_DEG,DEC_DEG,objid\n1,2,0001\n")
    let cat = try Catalog.load(
      contentsOf: url, columns: CatalogColumnSelection(id: "OBJID", ra: "ra_deg", dec: "Dec_Deg"))
    #expect(cat.ids == ["0001"] && cat.ra == [1] && cat.dec == [2] && cat.idColumn == "objid")
    do {
      _ = try Catalog.load(contentsOf: url, columns: CatalogColumnSelection(ra: "ra"))
      Issue.record("'ra' does not exist")
    } catch let error as CatalogIOError {
      #expect(
        error.description == "column 'ra' not found in \(url.path); available: RA_DEG, DEC_DEG, objid; pass --ra-column"
      )
    }
  }
}
