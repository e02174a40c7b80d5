// galmorph — CatalogIOTests
//
// The protocol's default implementations, exercised through a backend that provides only the four requirements
// (as the FITS and HDF5 backends will).

import CatalogIO
import Foundation
import Testing
import _GalmorphTestSupport

@Suite("CatalogReader defaults")
struct CatalogReaderTests {
  static func sample(_ n: Int) -> InMemoryCatalogReader {
    InMemoryCatalogReader(
      source: "sim.fits",
      columns: [
        ("OBJID", .int64s((0..<n).map { 587_722_952_767_439_450 + Int64($0) })),
        ("RA_ICRS", .doubles((0..<n).map { Double($0) * 0.7 })),
        ("DE_ICRS", .strings((0..<n).map { $0 % 2 == 0 ? "-00:30:00" : "+12d30m" })),
        ("good", .bools((0..<n).map { $0 % 3 == 0 ? nil : $0 % 2 == 0 })),
      ])
  }

  @Test("chunks cover every row once, in order, with bounded size")
  func chunks() throws {
    let reader = Self.sample(1000)
    var covered: [Range<Int>] = []
    try reader.forEachChunk(columns: ["RA_ICRS", "good"], chunkRows: 128) { chunk in
      covered.append(chunk.rows)
      #expect(chunk["RA_ICRS"]?.count == chunk.rows.count && chunk.rows.count <= 128)
    }
    #expect(covered.first == 0..<128 && covered.last == 896..<1000 && covered.count == 8)
    let all = try reader.readAll(["good"])
    #expect(all[0].missingCount == 334 && all[0].count == 1000)
    #expect(throws: CatalogIOError.self) { try reader.forEachChunk(columns: ["nope"], chunkRows: 10) { _ in } }
  }

  @Test("Catalog works on any backend: usual names, sexagesimal text, verbatim integer ids")
  func catalog() throws {
    let cat = try Catalog.load(from: Self.sample(1000))
    #expect(cat.idColumn == "OBJID" && cat.raColumn == "RA_ICRS" && cat.decColumn == "DE_ICRS")
    #expect(cat.count == 1000 && cat.ids[999] == "587722952767440449")
    #expect(cat.dec[0] == -0.5 && cat.dec[1] == 12.5)
    #expect(cat.ra[600] == 0.7 * 600 - 360 && cat.ra[10] == 7)
    do {
      _ = try Catalog.load(from: Self.sample(1100))  // RA 0.7 × 1029 = 720.3 is beyond the accepted −360…720
      Issue.record("RA 720.3 must be rejected")
    } catch let error as CatalogIOError {
      #expect(error.description.hasPrefix("sim.fits, row 1030, column 'RA_ICRS': invalid value '720.3'"))
    }
  }
}
