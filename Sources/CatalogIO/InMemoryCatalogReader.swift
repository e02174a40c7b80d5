// galmorph — CatalogIO
//
// A catalog held in memory: for simulated catalogs, tests, and as the smallest example of a CatalogReader backend.

/// A `CatalogReader` over columns held in memory. It implements only the four required members, so it also shows
/// what a new backend (FITS binary table, HDF5) has to provide.
public struct InMemoryCatalogReader: CatalogReader {
  public let source: String
  public let columnNames: [String]
  private let columns: [String: CatalogColumn]
  private let rows: Int

  /// `columns` in order; all must have the same length and unique names (programmer errors otherwise).
  public init(source: String = "<memory>", columns: [(name: String, values: CatalogColumn)]) {
    let n = columns.first?.values.count ?? 0
    precondition(columns.allSatisfy { $0.values.count == n }, "columns must have the same length")
    precondition(Set(columns.map(\.name)).count == columns.count, "column names must be unique")
    self.source = source
    columnNames = columns.map(\.name)
    self.columns = Dictionary(uniqueKeysWithValues: columns.map { ($0.name, $0.values) })
    rows = n
  }

  public var rowCount: Int? { rows }

  public func readColumn(_ name: String, rows range: Range<Int>) throws -> CatalogColumn {
    guard let column = columns[name] else {
      throw CatalogIOError.columnNotFound(path: source, column: name, available: columnNames, option: nil)
    }
    return column.slice(range.clamped(to: 0..<rows))
  }
}
