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
    while try reader.advance() {
      for i in 0..<n {
        reader.parser.withField(i) { f in
          if FieldParsing.isMissing(f) { missing[i] += 1; return }
          if kinds[i] == .string { return }
          kinds[i] = FieldParsing.combine(kinds[i], FieldParsing.kind(of: f))
        }
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
    var builders = try builders(for: names)
    let wanted = range.clamped(to: 0..<rows)
    let reader = try CSVReader(url: url, delimiter: delimiter)
    try reader.skipRows(wanted.lowerBound)
    var n = 0
    while n < wanted.count, try reader.advance() {
      for k in builders.indices { try builders[k].append(from: reader.parser) }
      n += 1
    }
    return builders.indices.map { builders[$0].take() }
  }

  public func readVerbatimStrings(_ name: String, rows range: Range<Int>) throws -> [String?] {
    let i = try index(of: name)
    let wanted = range.clamped(to: 0..<rows)
    let reader = try CSVReader(url: url, delimiter: delimiter)
    try reader.skipRows(wanted.lowerBound)
    var out: [String?] = []
    out.reserveCapacity(wanted.count)
    while out.count < wanted.count, try reader.advance() {
      out.append(reader.parser.withField(i) { $0.isEmpty ? nil : String(decoding: $0, as: UTF8.self) })
    }
    return out
  }

  public func forEachChunk(
    columns names: [String], verbatim: Set<String>, chunkRows: Int,
    _ body: (CatalogChunk) throws -> Void
  ) throws {
    precondition(chunkRows > 0, "chunkRows must be positive")
    var builders = try builders(for: names, verbatim: verbatim)
    let reader = try CSVReader(url: url, delimiter: delimiter)
    var start = 0, n = 0
    func emit() throws {
      var columns: [String: CatalogColumn] = [:]
      for k in builders.indices { columns[names[k]] = builders[k].take() }
      try body(CatalogChunk(rows: start..<start + n, columns: columns))
      start += n
      n = 0
    }
    while try reader.advance() {
      for k in builders.indices { try builders[k].append(from: reader.parser) }
      n += 1
      if n == chunkRows { try emit() }
    }
    if n > 0 { try emit() }
  }

  private func builders(for names: [String], verbatim: Set<String> = []) throws -> [ColumnBuilder] {
    try names.map { name in
      let i = try index(of: name)
      return ColumnBuilder(
        index: i, name: name, type: columnTypes[i], path: url.path, verbatim: verbatim.contains(name))
    }
  }

  private func index(of name: String) throws -> Int {
    guard let i = columnNames.firstIndex(of: name) else {
      throw CatalogIOError.columnNotFound(path: url.path, column: name, available: columnNames, option: nil)
    }
    return i
  }
}
