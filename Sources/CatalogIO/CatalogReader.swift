// galmorph — CatalogIO
//
// The catalog abstraction every backend (CSV/TSV now; FITS binary tables and HDF5 later) implements.

/// A chunk of rows read from a catalog: the rows it covers and the requested columns over those rows.
public struct CatalogChunk: Sendable {
  /// Data-row indices (0-based) covered by this chunk.
  public var rows: Range<Int>
  /// Requested column name → values for `rows`.
  public var columns: [String: CatalogColumn]

  public init(rows: Range<Int>, columns: [String: CatalogColumn]) {
    self.rows = rows
    self.columns = columns
  }

  /// The column called `name` (exact name as requested).
  public subscript(name: String) -> CatalogColumn? { columns[name] }
}

/// A table of named, typed columns.
///
/// A backend provides only the first four requirements — `source`, `columnNames`, `rowCount` and
/// `readColumn(_:rows:)` (a FITS table: `ffgcv` on one column; HDF5: a hyperslab of one dataset) — and gets the rest
/// from the extension below. Backends whose storage is row-oriented (CSV) override `readColumns(_:rows:)` and
/// `forEachChunk(columns:chunkRows:_:)` to read several columns in one pass.
///
/// Conventions: rows are 0-based indices in file order; missing values are `nil` in the returned column; a name
/// that is not a column throws `CatalogIOError.columnNotFound` listing the available columns.
public protocol CatalogReader: Sendable {
  /// The file path (or other identification) used in error messages.
  var source: String { get }
  /// Column names in file order, unique.
  var columnNames: [String] { get }
  /// Number of data rows, when known without reading the data.
  var rowCount: Int? { get }
  /// The values of column `name` for the data rows `rows` (clamped to the rows that exist).
  func readColumn(_ name: String, rows: Range<Int>) throws -> CatalogColumn

  /// Several columns over the same rows, in the order of `names`.
  func readColumns(_ names: [String], rows: Range<Int>) throws -> [CatalogColumn]
  /// The column's values as the original text where the format stores text (CSV), otherwise converted with
  /// `CatalogColumn.stringValues`. Used for identifiers, which must survive verbatim (leading zeros, 19-digit ids).
  func readVerbatimStrings(_ name: String, rows: Range<Int>) throws -> [String?]
  /// Calls `body` with consecutive chunks of at most `chunkRows` rows of `columns`, in file order, so that a whole
  /// catalog can be processed with memory bounded by the chunk size. Columns named in `verbatim` (a subset of
  /// `columns`) arrive as `.strings` holding `readVerbatimStrings` values (identifiers).
  func forEachChunk(
    columns: [String], verbatim: Set<String>, chunkRows: Int,
    _ body: (CatalogChunk) throws -> Void) throws
}

extension CatalogReader {
  public func readColumns(_ names: [String], rows: Range<Int>) throws -> [CatalogColumn] {
    try names.map { try readColumn($0, rows: rows) }
  }

  public func readVerbatimStrings(_ name: String, rows: Range<Int>) throws -> [String?] {
    try readColumn(name, rows: rows).stringValues
  }

  public func forEachChunk(
    columns: [String], verbatim: Set<String>, chunkRows: Int,
    _ body: (CatalogChunk) throws -> Void
  ) throws {
    precondition(chunkRows > 0, "chunkRows must be positive")
    for name in columns where !columnNames.contains(name) {
      throw CatalogIOError.columnNotFound(path: source, column: name, available: columnNames, option: nil)
    }
    var start = 0
    while true {
      if let total = rowCount, start >= total { return }
      let upper = rowCount.map { min($0, start + chunkRows) } ?? start + chunkRows
      let values = try columns.map { name in
        verbatim.contains(name)
          ? .strings(try readVerbatimStrings(name, rows: start..<upper))
          : try readColumn(name, rows: start..<upper)
      }
      let n = values.first?.count ?? (upper - start)
      if n == 0 { return }
      try body(CatalogChunk(rows: start..<start + n, columns: Dictionary(zip(columns, values)) { a, _ in a }))
      if n < upper - start { return }
      start += n
    }
  }

  /// `forEachChunk(columns:verbatim:chunkRows:_:)` with typed values for every column.
  public func forEachChunk(columns: [String], chunkRows: Int, _ body: (CatalogChunk) throws -> Void) throws {
    try forEachChunk(columns: columns, verbatim: [], chunkRows: chunkRows, body)
  }

  /// Reads whole columns (all rows).
  public func readAll(_ names: [String]) throws -> [CatalogColumn] {
    if let total = rowCount { return try readColumns(names, rows: 0..<total) }
    var out: [CatalogColumn]? = nil
    try forEachChunk(columns: names, chunkRows: 1 << 16) { chunk in
      let parts = names.compactMap { chunk.columns[$0] }
      out = out.map { zip($0, parts).map { $0.appending($1) } } ?? parts
    }
    return try out ?? names.map { try readColumn($0, rows: 0..<0) }
  }

  /// The column name matching `name`: exactly, else case-insensitively when that is unambiguous.
  /// Throws `columnNotFound` listing the available columns and `option` (e.g. `--ra-column`).
  public func resolveColumn(_ name: String, option: String? = nil) throws -> String {
    if columnNames.contains(name) { return name }
    let folded = columnNames.filter { $0.lowercased() == name.lowercased() }
    if folded.count == 1 { return folded[0] }
    throw CatalogIOError.columnNotFound(path: source, column: name, available: columnNames, option: option)
  }
}
