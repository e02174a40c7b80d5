// galmorph — CatalogIO
//
// Loading a Catalog from any CatalogReader: column resolution, position parsing and range checks.

import Foundation

extension Catalog {
  /// Loads a catalog of any supported format (CSV/TSV(.gz), FITS table, HDF5), chosen by `CatalogFile.open`.
  public static func load(contentsOf url: URL, columns: CatalogColumnSelection = .init()) throws -> Catalog {
    try load(from: CatalogFile.open(url), columns: columns)
  }

  /// Loads identifiers and positions from any catalog backend.
  public static func load(from reader: any CatalogReader, columns: CatalogColumnSelection = .init()) throws -> Catalog {
    let names = try resolveColumns(in: reader, selection: columns)
    var ids: [String] = [], ra: [Double] = [], dec: [Double] = []
    if let n = reader.rowCount { ids.reserveCapacity(n); ra.reserveCapacity(n); dec.reserveCapacity(n) }
    let wanted = [names.ra, names.dec] + (names.id.map { [$0] } ?? [])
    try reader.forEachChunk(columns: wanted, verbatim: Set(names.id.map { [$0] } ?? []), chunkRows: 1 << 15) { chunk in
      ra += try positions(
        chunk[names.ra], column: names.ra, rows: chunk.rows, reader: reader, parse: Sexagesimal.parseRA,
        rangeText: "outside −360…720 degrees (RA is wrapped into 0…360)"
      ) {
        guard $0 >= -360 && $0 <= 720 else { return nil }
        let w = $0.truncatingRemainder(dividingBy: 360)
        let wrapped = w < 0 ? w + 360 : w
        return wrapped >= 360 ? 0 : wrapped
      }
      dec += try positions(
        chunk[names.dec], column: names.dec, rows: chunk.rows, reader: reader,
        parse: Sexagesimal.parseDec, rangeText: "outside −90…+90 degrees"
      ) { ($0 >= -90 && $0 <= 90) ? $0 : nil }
      if let idName = names.id {
        let text = chunk[idName]?.stringValues ?? []
        for (k, t) in text.enumerated() {
          guard let t else {
            throw CatalogIOError.invalidValue(
              path: reader.source, row: chunk.rows.lowerBound + k + 1, column: idName,
              value: "", reason: "missing identifier")
          }
          ids.append(t)
        }
      } else {
        ids += chunk.rows.map { String($0) }
      }
    }
    return Catalog(
      source: reader.source, idColumn: names.id, raColumn: names.ra, decColumn: names.dec, ids: ids,
      ra: ra, dec: dec)
  }

  /// The id, RA and Dec column names of `reader` for `selection` (explicit names resolved case-insensitively; else
  /// the first usual name present). The id is nil when none was named and none of `idNames` is present.
  public static func resolveColumns(in reader: any CatalogReader, selection: CatalogColumnSelection) throws
    -> (id: String?, ra: String, dec: String)
  {
    func find(_ explicit: String?, _ usual: [String], option: String) throws -> String? {
      if let explicit { return try reader.resolveColumn(explicit, option: option) }
      let lowered = reader.columnNames.map { $0.lowercased() }
      for name in usual { if let i = lowered.firstIndex(of: name) { return reader.columnNames[i] } }
      return nil
    }
    guard let ra = try find(selection.ra, raNames, option: "--ra-column") else {
      throw CatalogIOError.columnNotFound(
        path: reader.source, column: "ra", available: reader.columnNames,
        option: "--ra-column")
    }
    guard let dec = try find(selection.dec, decNames, option: "--dec-column") else {
      throw CatalogIOError.columnNotFound(
        path: reader.source, column: "dec", available: reader.columnNames,
        option: "--dec-column")
    }
    let id = try find(selection.id, idNames, option: "--id-column")
    return (id, ra, dec)
  }

  /// Degrees for one chunk of a position column: numbers as they are, text through `parse`; `check` wraps or
  /// rejects (nil) each value.
  private static func positions(
    _ column: CatalogColumn?, column name: String, rows: Range<Int>,
    reader: any CatalogReader, parse: (String) throws -> Double, rangeText: String,
    check: (Double) -> Double?
  ) throws -> [Double] {
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
