// galmorph — CatalogIO
//
// The CSV/TSV(.gz) backend of CatalogReader: one inference pass at open, then streaming reads.

import Foundation

/// A delimited text catalog (`.csv`, `.tsv`, optionally `.gz`) as a `CatalogReader`.
///
/// Opening scans the whole file once (streaming, bounded memory) to count rows, check that every row has as many
/// fields as the header, and infer each column's type and missing count over all rows (`FieldParsing`: int, float,
/// bool or string; int and float mix to float; empty → missing). Reads then stream the file again and convert
/// each field to its column's type. Thread-safe: every read opens its own stream.
public struct CSVCatalogReader: CatalogReader {
  public let url: URL
  public let delimiter: CSVDelimiter
  public let columnNames: [String]
  /// Inferred type of each column, in `columnNames` order.
  public let columnTypes: [CatalogColumnType]
  /// Missing values per column, in `columnNames` order.
  public let missingCounts: [Int]
  private let rows: Int

  public var source: String { url.path }
  public var rowCount: Int? { rows }

  public init(url: URL, delimiter: CSVDelimiter? = nil) throws {
    let reader = try CSVReader(url: url, delimiter: delimiter)
    self.url = url
    self.delimiter = reader.delimiter
    columnNames = reader.header
    let n = reader.header.count
    var kinds = [FieldParsing.Kind?](repeating: nil, count: n)
    var missing = [Int](repeating: 0, count: n)
    while let row = try reader.nextRow() {
      for (i, field) in row.fields.enumerated() {
        if FieldParsing.isMissing(field) { missing[i] += 1; continue }
        if kinds[i] == .string { continue }
        kinds[i] = FieldParsing.combine(kinds[i], FieldParsing.kind(of: field))
      }
    }
    rows = reader.rowCount
    columnTypes = kinds.map(FieldParsing.columnType)
    missingCounts = missing
  }

  /// The inferred type of `name`.
  public func type(of name: String) throws -> CatalogColumnType {
    columnTypes[try index(of: name)]
  }

  public func readColumn(_ name: String, rows range: Range<Int>) throws -> CatalogColumn {
    try readColumns([name], rows: range)[0]
  }

  public func readColumns(_ names: [String], rows range: Range<Int>) throws -> [CatalogColumn] {
    let indices = try names.map { try index(of: $0) }
    let wanted = range.clamped(to: 0..<rows)
    let reader = try CSVReader(url: url, delimiter: delimiter)
    try reader.skipRows(wanted.lowerBound)
    let chunk = try reader.nextChunk(maxRows: max(wanted.count, 1)).prefix(wanted.count)
    return try indices.map { try convert(Array(chunk), column: $0) }
  }

  public func readVerbatimStrings(_ name: String, rows range: Range<Int>) throws -> [String?] {
    let i = try index(of: name)
    let wanted = range.clamped(to: 0..<rows)
    let reader = try CSVReader(url: url, delimiter: delimiter)
    try reader.skipRows(wanted.lowerBound)
    return try reader.nextChunk(maxRows: max(wanted.count, 1)).prefix(wanted.count).map { row in
      row.fields[i].isEmpty ? nil : row.fields[i]
    }
  }

  public func forEachChunk(columns names: [String], chunkRows: Int, _ body: (CatalogChunk) throws -> Void) throws {
    precondition(chunkRows > 0, "chunkRows must be positive")
    let indices = try names.map { try index(of: $0) }
    let reader = try CSVReader(url: url, delimiter: delimiter)
    var start = 0
    while true {
      let chunk = try reader.nextChunk(maxRows: chunkRows)
      if chunk.isEmpty { return }
      var columns: [String: CatalogColumn] = [:]
      for (name, i) in zip(names, indices) { columns[name] = try convert(chunk, column: i) }
      try body(CatalogChunk(rows: start..<start + chunk.count, columns: columns))
      start += chunk.count
    }
  }

  private func index(of name: String) throws -> Int {
    guard let i = columnNames.firstIndex(of: name) else {
      throw CatalogIOError.columnNotFound(path: url.path, column: name, available: columnNames, option: nil)
    }
    return i
  }

  private func convert(_ rows: [CSVRow], column i: Int) throws -> CatalogColumn {
    let name = columnNames[i]
    func mismatch(_ row: CSVRow, _ expected: String) -> CatalogIOError {
      .typeMismatch(path: url.path, line: row.line, column: name, value: row.fields[i], expected: expected)
    }
    switch columnTypes[i] {
    case .int64:
      return .int64s(try rows.map { row in
        let f = row.fields[i]
        if FieldParsing.isMissing(f) { return nil }
        guard let v = FieldParsing.parseInt(FieldParsing.trimmed(f)) else { throw mismatch(row, "an integer") }
        return v
      })
    case .double:
      return .doubles(try rows.map { row in
        let f = row.fields[i]
        if FieldParsing.isMissing(f) { return nil }
        guard let v = FieldParsing.parseDouble(FieldParsing.trimmed(f)) else { throw mismatch(row, "a number") }
        return v
      })
    case .bool:
      return .bools(try rows.map { row in
        let f = row.fields[i]
        if FieldParsing.isMissing(f) { return nil }
        guard let v = FieldParsing.parseBool(FieldParsing.trimmed(f)) else { throw mismatch(row, "true/false") }
        return v
      })
    case .string:
      return .strings(rows.map { FieldParsing.isMissing($0.fields[i]) ? nil : $0.fields[i] })
    }
  }
}
