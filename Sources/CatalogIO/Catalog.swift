// galmorph — CatalogIO
//
// A galaxy catalog as the rest of galmorph uses it: verbatim identifiers and positions in degrees.

import Foundation

/// Which columns hold the identifier and the position. `nil` means "find it by its usual names"
/// (`Catalog.raNames`, `Catalog.decNames`, `Catalog.idNames`, compared case-insensitively).
public struct CatalogColumnSelection: Sendable, Equatable {
  public var id: String?
  public var ra: String?
  public var dec: String?
  public init(id: String? = nil, ra: String? = nil, dec: String? = nil) {
    self.id = id
    self.ra = ra
    self.dec = dec
  }
}

/// Identifiers and ICRS/J2000 positions of a catalog, validated.
///
/// - `ids` keeps the identifier column's text verbatim (an 18- or 19-digit SDSS objID stays exactly as written, with
///   no round trip through Double). Without an identifier column, the ids are the 0-based row numbers as text.
/// - `ra`, `dec` are degrees. Numeric columns are taken as degrees; text columns are parsed with `Sexagesimal`
///   (sexagesimal RA in hours, decimal in degrees). RA is wrapped into [0, 360) (accepted input: −360 ≤ RA ≤ 720,
///   so 360.0 and small negative values from rounding are kept); Dec must lie in [−90, 90]. Missing or invalid
///   values throw `CatalogIOError.invalidValue` naming the file, the 1-based data row and the column.
public struct Catalog: Sendable {
  /// Where the catalog came from (path), for messages and provenance.
  public var source: String
  /// The identifier column, or nil when ids are row numbers.
  public var idColumn: String?
  public var raColumn: String
  public var decColumn: String
  public var ids: [String]
  /// Right ascension in degrees, in [0, 360).
  public var ra: [Double]
  /// Declination in degrees, in [−90, 90].
  public var dec: [Double]

  public var count: Int { ids.count }

  /// Usual RA column names, in order of preference (compared case-insensitively).
  public static let raNames = ["ra", "ra_deg", "radeg", "raj2000", "ra_j2000", "ra_icrs", "_raj2000", "alpha",
                               "alpha_j2000", "ra2000", "right_ascension"]
  /// Usual Dec column names, in order of preference (compared case-insensitively).
  public static let decNames = ["dec", "dec_deg", "decdeg", "dej2000", "decj2000", "dec_j2000", "de_icrs", "dec_icrs",
                                "_dej2000", "delta", "delta_j2000", "de", "dec2000", "declination"]
  /// Usual identifier column names, in order of preference (compared case-insensitively).
  public static let idNames = ["id", "objid", "obj_id", "objectid", "object_id", "id_str", "iauname", "name",
                               "source_id", "specobjid", "dr7objid", "galaxy_id", "gal_id"]

  public init(source: String, idColumn: String?, raColumn: String, decColumn: String, ids: [String], ra: [Double],
              dec: [Double]) {
    precondition(ids.count == ra.count && ra.count == dec.count, "ids, ra and dec must have the same length")
    self.source = source
    self.idColumn = idColumn
    self.raColumn = raColumn
    self.decColumn = decColumn
    self.ids = ids
    self.ra = ra
    self.dec = dec
  }

  /// Loads a delimited text catalog (`.csv`, `.tsv`, `.gz`). FITS and HDF5 catalogs go through
  /// `load(from:columns:)` with their own `CatalogReader`.
  public static func load(contentsOf url: URL, columns: CatalogColumnSelection = .init()) throws -> Catalog {
    try load(from: CSVCatalogReader(url: url), columns: columns)
  }

  /// Loads identifiers and positions from any catalog backend.
  public static func load(from reader: any CatalogReader, columns: CatalogColumnSelection = .init()) throws -> Catalog {
    let names = try resolveColumns(in: reader, selection: columns)
    var ids: [String] = [], ra: [Double] = [], dec: [Double] = []
    if let n = reader.rowCount { ids.reserveCapacity(n); ra.reserveCapacity(n); dec.reserveCapacity(n) }
    try reader.forEachChunk(columns: [names.ra, names.dec], chunkRows: 1 << 15) { chunk in
      ra += try positions(chunk[names.ra], column: names.ra, rows: chunk.rows, reader: reader, parse: Sexagesimal.parseRA,
                             rangeText: "outside −360…720 degrees (RA is wrapped into 0…360)") {
        guard $0 >= -360 && $0 <= 720 else { return nil }
        let w = $0.truncatingRemainder(dividingBy: 360)
        let wrapped = w < 0 ? w + 360 : w
        return wrapped >= 360 ? 0 : wrapped
      }
      dec += try positions(chunk[names.dec], column: names.dec, rows: chunk.rows, reader: reader,
                           parse: Sexagesimal.parseDec, rangeText: "outside −90…+90 degrees") { ($0 >= -90 && $0 <= 90) ? $0 : nil }
      if let idName = names.id {
        let text = try reader.readVerbatimStrings(idName, rows: chunk.rows)
        for (k, t) in text.enumerated() {
          guard let t else {
            throw CatalogIOError.invalidValue(path: reader.source, row: chunk.rows.lowerBound + k + 1, column: idName,
                                              value: "", reason: "missing identifier")
          }
          ids.append(t)
        }
      } else {
        ids += chunk.rows.map { String($0) }
      }
    }
    return Catalog(source: reader.source, idColumn: names.id, raColumn: names.ra, decColumn: names.dec, ids: ids,
                   ra: ra, dec: dec)
  }

  /// The id, RA and Dec column names of `reader` for `selection` (explicit names resolved case-insensitively; else
  /// the first usual name present). The id is nil when none was named and none of `idNames` is present.
  public static func resolveColumns(in reader: any CatalogReader, selection: CatalogColumnSelection) throws
    -> (id: String?, ra: String, dec: String)
  {
    func find(_ explicit: String?, _ usual: [String], option: String, what: String) throws -> String? {
      if let explicit { return try reader.resolveColumn(explicit, option: option) }
      let lowered = reader.columnNames.map { $0.lowercased() }
      for name in usual { if let i = lowered.firstIndex(of: name) { return reader.columnNames[i] } }
      return nil
    }
    guard let ra = try find(selection.ra, raNames, option: "--ra-column", what: "RA") else {
      throw CatalogIOError.columnNotFound(path: reader.source, column: "ra", available: reader.columnNames,
                                          option: "--ra-column")
    }
    guard let dec = try find(selection.dec, decNames, option: "--dec-column", what: "Dec") else {
      throw CatalogIOError.columnNotFound(path: reader.source, column: "dec", available: reader.columnNames,
                                          option: "--dec-column")
    }
    let id = try find(selection.id, idNames, option: "--id-column", what: "id")
    return (id, ra, dec)
  }

  /// Degrees for one chunk of a position column: numbers as they are, text through `parse`; `check` wraps or
  /// rejects (nil) each value.
  private static func positions(_ column: CatalogColumn?, column name: String, rows: Range<Int>,
                                reader: any CatalogReader, parse: (String) throws -> Double, rangeText: String,
                                check: (Double) -> Double?) throws -> [Double] {
    guard let column else { return [] }
    let path = reader.source
    func invalid(_ k: Int, _ value: String, _ reason: String) -> CatalogIOError {
      .invalidValue(path: path, row: rows.lowerBound + k + 1, column: name, value: value, reason: reason)
    }
    var out: [Double] = []
    out.reserveCapacity(column.count)
    if let numbers = column.doubleValues {
      for (k, v) in numbers.enumerated() {
        guard let v else { throw invalid(k, "", "missing value") }
        guard v.isFinite, let c = check(v) else { throw invalid(k, String(v), rangeText) }
        out.append(c)
      }
    } else {
      for (k, text) in column.stringValues.enumerated() {
        guard let text else { throw invalid(k, "", "missing value") }
        let v: Double
        do { v = try parse(text) } catch let error as CatalogIOError {
          if case let .invalidAngle(_, reason) = error { throw invalid(k, text, reason) }
          throw error
        }
        guard let c = check(v) else { throw invalid(k, text, rangeText) }
        out.append(c)
      }
    }
    return out
  }

}
