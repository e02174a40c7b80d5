// galmorph — CatalogIOTests
//
// The real catalogs in ../shared/data read as pandas reads them: rows, names, types, missing counts, sums/min/max.

import CatalogIO
import Foundation
import Testing
import _GalmorphTestSupport

@Suite("Real catalogs against pandas", .enabled(if: SharedData.isAvailable, SharedData.skipMessage))
struct RealCatalogTests {
  @Test("row counts, column names, inferred types, missing counts and numeric statistics")
  func matchesPandas() throws {
    let golden = try CatalogGolden.load()
    #expect(golden.generator == "gen_catalog_golden.py")
    #expect(golden.catalogs.count == 5)
    for entry in golden.catalogs {
      let reader = try CSVCatalogReader(url: SharedData.url(entry.path))
      #expect(reader.rowCount == entry.rows, "\(entry.path) rows")
      #expect(reader.columnNames == entry.columns.map(\.name), "\(entry.path) names")
      #expect(reader.columnTypes.map(\.rawValue) == entry.columns.map(\.type), "\(entry.path) types")
      #expect(reader.missingCounts == entry.columns.map(\.missing), "\(entry.path) missing counts")
      let numeric = entry.columns.filter { $0.sum != nil }
      var sums = [String: Double](), mins = [String: Double](), maxs = [String: Double]()
      var ints = [String: (Int64, Int64)]()
      var seen = 0
      try reader.forEachChunk(columns: numeric.map(\.name), chunkRows: 4096) { chunk in
        #expect(chunk.rows.lowerBound == seen)
        seen = chunk.rows.upperBound
        for c in numeric {
          guard let column = chunk[c.name], let values = column.doubleValues else {
            Issue.record("\(entry.path) \(c.name) not numeric"); continue
          }
          for v in values.compactMap({ $0 }) where !v.isNaN {
            sums[c.name, default: 0] += v
            mins[c.name] = min(mins[c.name] ?? .infinity, v)
            maxs[c.name] = max(maxs[c.name] ?? -.infinity, v)
          }
          if case let .int64s(iv) = column {
            for v in iv.compactMap({ $0 }) {
              let cur = ints[c.name] ?? (Int64.max, Int64.min)
              ints[c.name] = (min(cur.0, v), max(cur.1, v))
            }
          }
        }
      }
      #expect(seen == entry.rows)
      for c in numeric {
        expectClose(sums[c.name] ?? 0, c.sum ?? .nan, rtol: 1e-12, atol: 1e-9, "\(entry.path) sum(\(c.name))")
        if c.type == "int" {
          #expect(ints[c.name].map { String($0.0) } == c.min, "\(entry.path) min(\(c.name))")
          #expect(ints[c.name].map { String($0.1) } == c.max, "\(entry.path) max(\(c.name))")
        } else if c.missing < entry.rows {
          #expect(mins[c.name] == c.min.flatMap(Double.init), "\(entry.path) min(\(c.name))")
          #expect(maxs[c.name] == c.max.flatMap(Double.init), "\(entry.path) max(\(c.name))")
        }
      }
      // Identifiers verbatim (18/19-digit objIDs, J-names, paths).
      let ids = try reader.readVerbatimStrings(entry.idColumn, rows: 0..<entry.rows)
      #expect(ids.count == entry.rows)
      #expect(Array(ids.prefix(3)).map { $0 ?? "" } == entry.idsHead, "\(entry.path) first ids")
      #expect(Array(ids.suffix(2)).map { $0 ?? "" } == entry.idsTail, "\(entry.path) last ids")
      #expect((ids[entry.idSampleIndex] ?? "") == entry.idSample, "\(entry.path) id #\(entry.idSampleIndex)")
    }
  }

  @Test("random access to a row range equals the same rows of a full read")
  func rowRanges() throws {
    let reader = try CSVCatalogReader(url: SharedData.url("galaxy10_decals_coords/Galaxy10_coord.csv"))
    let all = try reader.readAll(["Unnamed: 0", "RA"])
    let part = try reader.readColumns(["Unnamed: 0", "RA"], rows: 17_000..<17_736)
    #expect(part[0] == all[0].slice(17_000..<17_736) && part[1] == all[1].slice(17_000..<17_736))
    #expect(part[0] == .int64s((17_000..<17_736).map { Int64($0) }))
    #expect(try reader.readColumn("RA", rows: 17_730..<20_000).count == 6)
  }

  @Test("Catalog finds RA/Dec by their usual names and keeps ids verbatim")
  func catalogs() throws {
    let golden = try CatalogGolden.load()
    let gz2 = try Catalog.load(
      contentsOf: SharedData.url("gz2_stripe82_coadd_table5/gz2_s82_coadd_table5_shared.csv.gz"))
    #expect(gz2.count == 13_509 && gz2.idColumn == "objid" && gz2.raColumn == "ra" && gz2.decColumn == "dec")
    let gz2Golden = try #require(golden.catalogs.first { $0.path.hasPrefix("gz2") })
    #expect(Array(gz2.ids.prefix(3)) == gz2Golden.idsHead)
    expectClose(gz2.ra.reduce(0, +), try #require(gz2Golden.columns.first { $0.name == "ra" }?.sum), rtol: 1e-12)
    #expect(gz2.dec.allSatisfy { abs($0) < 1.3 } && gz2.ra.allSatisfy { $0 >= 0 && $0 < 360 })

    let g10 = try Catalog.load(contentsOf: SharedData.url("galaxy10_decals_coords/Galaxy10_coord.csv"))
    #expect(g10.count == 17_736 && g10.raColumn == "RA" && g10.decColumn == "DEC" && g10.idColumn == nil)
    #expect(g10.ids[5] == "5")
    let withIndex = try Catalog.load(
      contentsOf: SharedData.url("galaxy10_decals_coords/Galaxy10_coord.csv"),
      columns: CatalogColumnSelection(id: "unnamed: 0"))
    #expect(withIndex.idColumn == "Unnamed: 0" && withIndex.ids.last == "17735")

    let flags = try Catalog.load(contentsOf: SharedData.url("gz1_sdss_dr12_cutouts_morphml/gz1_flags_positions.csv"))
    #expect(flags.count == 25_510 && flags.ra[0] == 0.00575 && flags.dec[0] == 15.5098)
  }

  @Test("a catalog without positions names the file, the available columns and the option")
  func missingPositions() throws {
    let url = SharedData.url("gz1_smallgz1_images/labels.csv")
    do {
      _ = try Catalog.load(contentsOf: url)
      Issue.record("labels.csv has no RA column")
    } catch let error as CatalogIOError {
      #expect(
        error.description
          == "column 'ra' not found in \(url.path); available: objid, gz1_class, class_name, binary_label, file; pass --ra-column"
      )
    }
    let reader = try CSVCatalogReader(url: url)
    let ids = try reader.readVerbatimStrings("objid", rows: 0..<reader.rowCount!)
    #expect(ids.allSatisfy { $0?.count == 18 })
    #expect(throws: CatalogIOError.self) {
      try Catalog.load(from: reader, columns: CatalogColumnSelection(ra: "objid", dec: "nope"))
    }
  }

  @Test("inspection summarises a gzip catalog")
  func inspection() throws {
    let url = SharedData.url("gz2_stripe82_coadd_table5/gz2_s82_coadd_table5_shared.csv.gz")
    let inspection = try CSVInspection.inspect(url)
    #expect(inspection.rowCount == 13_509 && inspection.columns.count == 228 && inspection.delimiter == "comma")
    #expect(inspection.raColumn == "ra" && inspection.decColumn == "dec" && inspection.idColumn == "objid")
    #expect(inspection.columns[1] == CSVInspection.Column(name: "sample", type: .string, missing: 0))
    let text = inspection.render()
    #expect(text.hasPrefix("\(url.path): 13509 rows × 228 columns, comma-delimited\n"))
    #expect(text.contains("\nsample") && text.contains("string  0"))
    let json = try JSONEncoder().encode(inspection)
    #expect(try JSONDecoder().decode(CSVInspection.self, from: json) == inspection)
  }

  @Test("a truncated .gz copy is an error naming the file")
  func truncatedGzip() throws {
    let folder = try TemporaryFolder("catalogio")
    defer { folder.cleanup() }
    let bytes = try Data(contentsOf: SharedData.url("gz2_stripe82_coadd_table5/gz2_s82_coadd_table5_shared.csv.gz"))
    let cut = folder.file("cut.csv.gz")
    try bytes.prefix(bytes.count / 2).write(to: cut)
    do {
      _ = try CSVCatalogReader(url: cut)
      Issue.record("truncated gzip must fail")
    } catch let error as CatalogIOError {
      #expect(error.description.contains(cut.path), "\(error)")
    }
  }
}
