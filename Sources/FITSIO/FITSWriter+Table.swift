// galmorph — FITSIO
//
// Writing binary tables in row chunks.

import CCFITSIO

extension FITSWriter {
  /// Appends a binary-table HDU with `columns` and no rows yet; add rows with `appendRows`.
  /// If it is the first HDU, an empty primary array is written before it (FITS requires a primary HDU).
  public func beginTable(columns: [FITSColumnSpec], extname: String? = nil, cards: [FITSCard] = []) throws {
    let label = "HDU \(max(hduCount, 1))" + (extname.map { " '\($0)'" } ?? "")
    guard !columns.isEmpty, columns.count <= 999 else {
      throw FITSIOError.invalidRequest(
        path: url.path, hdu: label, reason: "a table needs 1...999 columns, got \(columns.count)")
    }
    try CFITSIO.locked {
      var status: Int32 = 0
      var names = columns.map { strdup(FITSWriter.printable($0.name)) }
      var forms = columns.map { strdup($0.tform) }
      var units = columns.map { strdup(FITSWriter.printable($0.unit)) }
      defer { for p in names + forms + units { free(p) } }
      ffcrtb(fptr, BINARY_TBL, 0, Int32(columns.count), &names, &forms, &units, extname, &status)
      if status != 0 { throw failure(status, "creating the binary table", hdu: label) }
      hduCount = hduCount == 0 ? 2 : hduCount + 1
      try writeCards(cards, label: label)
      table = (columns, 0, label)
    }
  }

  /// Appends one chunk of rows to the table begun last: one `FITSColumnValues` per column, in column order, each
  /// with `rows × repeatCount` elements (row-major for vector columns). `.double` fills float columns, `.integer`
  /// fills integer or float columns, `.string` string columns, `.logical` logical columns (nil → undefined).
  /// - Throws: `.invalidRequest` naming the column on a type or length mismatch; `.cfitsio` (e.g. numeric
  ///   overflow of an `I` column) naming the column and rows.
  public func appendRows(_ chunk: [FITSColumnValues]) throws {
    guard let current = table else {
      throw FITSIOError.invalidRequest(path: url.path, hdu: nil, reason: "appendRows called before beginTable")
    }
    let columns = current.columns
    guard chunk.count == columns.count else {
      throw FITSIOError.invalidRequest(
        path: url.path, hdu: current.label,
        reason:
          "got \(chunk.count) column chunks for \(columns.count) columns (\(columns.map(\.name).joined(separator: ", ")))"
      )
    }
    let rows = columns[0].elementsPerRow > 0 ? chunk[0].count / columns[0].elementsPerRow : 0
    for (spec, values) in zip(columns, chunk) {
      guard values.count == rows * spec.elementsPerRow else {
        throw FITSIOError.invalidRequest(
          path: url.path, hdu: current.label,
          reason:
            "column '\(spec.name)' got \(values.count) values for \(rows) rows × \(spec.elementsPerRow) (all columns of a chunk must have the same row count)"
        )
      }
      guard FITSWriter.accepts(spec.format, values) else {
        throw FITSIOError.invalidRequest(
          path: url.path, hdu: current.label,
          reason: "column '\(spec.name)' (TFORM \(spec.tform)) cannot store \(FITSWriter.kindName(values)) values")
      }
    }
    if rows == 0 { return }
    try CFITSIO.locked {
      let firstRow = Int64(current.rows + 1)
      let rowText = "\(current.rows)..<\(current.rows + rows)"
      for (c, (spec, values)) in zip(columns, chunk).enumerated() {
        var status: Int32 = 0
        let colnum = Int32(c + 1)
        let n = Int64(values.count)
        switch values {
        case let .double(v):
          var data = v
          ffpcl(fptr, TDOUBLE, colnum, firstRow, 1, n, &data, &status)
        case let .integer(v):
          var data = v
          ffpcl(fptr, TLONGLONG, colnum, firstRow, 1, n, &data, &status)
        case let .logical(v):
          var data: [CChar] = v.map { b -> CChar in
            switch b {
            case nil: return 2
            case true?: return 1
            case false?: return 0
            }
          }
          ffpcnl(fptr, colnum, firstRow, 1, n, &data, 2, &status)
        case let .string(v):
          var pointers = v.map { strdup(FITSWriter.printable($0)) }
          defer { for p in pointers { free(p) } }
          ffpcls(fptr, colnum, firstRow, 1, n, &pointers, &status)
        }
        if status != 0 {
          throw failure(status, "writing column values", hdu: current.label, column: spec.name, rows: rowText)
        }
      }
      table?.rows += rows
    }
  }

  static func accepts(_ format: FITSColumnFormat, _ values: FITSColumnValues) -> Bool {
    switch (format, values) {
    case (.float64, .double), (.float32, .double), (.float64, .integer), (.float32, .integer): return true
    case (.int64, .integer), (.int32, .integer), (.int16, .integer), (.uint8, .integer): return true
    case (.logical, .logical), (.string, .string): return true
    default: return false
    }
  }

  static func kindName(_ values: FITSColumnValues) -> String {
    switch values {
    case .double: return "Double"
    case .integer: return "Int64"
    case .string: return "String"
    case .logical: return "Bool?"
    }
  }
}

extension FITSWriter {
  /// Writes one binary table (after an empty primary HDU) to `url` atomically, in one chunk.
  public static func writeTable(
    columns: [FITSColumnSpec], values: [FITSColumnValues], extname: String? = nil,
    cards: [FITSCard] = [], to url: URL
  ) throws {
    let w = try FITSWriter(url: url)
    try w.beginTable(columns: columns, extname: extname, cards: cards)
    try w.appendRows(values)
    try w.commit()
  }
}

import Foundation
