// galmorph — CatalogIOTests

import Foundation
import Testing
@testable import CatalogIO
import _GalmorphTestSupport

struct BackendsGolden: Decodable {
  struct FITSPart: Decodable {
    let columns: [String]; let rows: Int; let ra: [Double]; let dec: [Double]; let ident: [String]
    let band0: String; let mag_sum: Double
  }
  struct HDF5Part: Decodable {
    let rows: Int; let columns: [String]; let ra: [Double]; let dec: [Double]; let ans: [Int]; let redshift_missing: Int
  }
  let fits: FITSPart
  let hdf5: HDF5Part
}

@Suite("FITS and HDF5 catalog backends")
struct BackendTests {
  static let cosmos = SharedData.url("fits_samples/galsim/real_galaxy_catalog_23.5_example.fits")

  @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
  func fitsTableAsCatalog() throws {
    let g = try Reference.json(BackendsGolden.self, "backends_golden.json").fits
    let reader = try CatalogFile.open(Self.cosmos)
    #expect(reader is FITSCatalogReader)
    #expect(reader.columnNames == g.columns)
    #expect(reader.rowCount == g.rows)
    let cat = try Catalog.load(from: reader, columns: CatalogColumnSelection(id: "IDENT"))
    expectAllClose(cat.ra, g.ra, rtol: 0, atol: 1e-12, "RA")
    expectAllClose(cat.dec, g.dec, rtol: 0, atol: 1e-12, "Dec")
    #expect(cat.ids == g.ident)
    let band = try reader.readColumn("band", rows: 0..<1)
    #expect(band == .strings([g.band0]))
    let mag = try reader.readAll(["MAG"])[0].doubleValues!.compactMap { $0 }
    expectClose(mag.reduce(0, +), g.mag_sum, rtol: 1e-12)
  }

  @Test func hdf5DatasetsAsCatalog() throws {
    let g = try Reference.json(BackendsGolden.self, "backends_golden.json").hdf5
    let reader = try CatalogFile.open(Reference.url("galaxy10_catalog.h5"))
    #expect(reader.rowCount == g.rows)
    #expect(reader.columnNames.sorted() == g.columns)
    let cat = try Catalog.load(from: reader)
    expectAllClose(cat.ra, g.ra, rtol: 0, atol: 0, "RA")
    expectAllClose(cat.dec, g.dec, rtol: 0, atol: 0, "Dec")
    #expect(try reader.readColumn("ans", rows: 0..<g.rows) == .int64s(g.ans.map { Int64($0) }))
    #expect(try reader.readColumn("redshift", rows: 0..<g.rows).missingCount == g.redshift_missing)
    // Chunked reads equal the whole read.
    var chunks: [Int64?] = []
    try reader.forEachChunk(columns: ["ans"], chunkRows: 10) { chunk in
      if case let .int64s(v) = chunk["ans"]! { chunks += v }
    }
    #expect(chunks == g.ans.map { Int64($0) })
  }

  @Test func hdf5CompoundTableAsCatalog() throws {
    let reader = try HDF5CatalogReader(url: Reference.url("galaxy10_catalog.h5"), table: "/extra/table")
    #expect(reader.columnNames == ["objid", "ra", "dec", "name"])
    let cat = try Catalog.load(from: reader, columns: CatalogColumnSelection(id: "objid"))
    #expect(cat.ids == ["1", "2", "3", "4", "5"])
    #expect(cat.ra == [10.5, 20.25, 30, 40, 50])
    #expect(try reader.readColumn("name", rows: 0..<5) == .strings(["a", "bb", "ccc", nil, "eeeee"]))
  }

  @Test func unknownColumnListsAvailable() throws {
    let reader = try CatalogFile.open(Reference.url("galaxy10_catalog.h5"))
    #expect {
      try reader.readColumn("magnitude", rows: 0..<3)
    } throws: { error in
      let text = String(describing: error)
      return text.contains("'magnitude'") && text.contains("galaxy10_catalog.h5") && text.contains("ans")
    }
  }

  @Test func imageOnlyFITSIsRejectedClearly() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let bogus = tmp.file("notes.fits")
    try Data("SIMPLE  =                    T".utf8).write(to: bogus)
    #expect(throws: (any Error).self) { try CatalogFile.open(bogus) }
  }
}
