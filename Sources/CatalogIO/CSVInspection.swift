// galmorph — CatalogIO
//
// What `galmorph inspect` reports about a delimited catalog.

import Foundation

/// A summary of a CSV/TSV(.gz) catalog: delimiter, row count and, per column, the inferred type and the number of
/// missing values, plus the columns `Catalog` would use for id, RA and Dec. Codable (snake_case keys) for JSON output.
public struct CSVInspection: Codable, Sendable, Equatable {
  public struct Column: Codable, Sendable, Equatable {
    public var name: String
    public var type: CatalogColumnType
    public var missing: Int
    public init(name: String, type: CatalogColumnType, missing: Int) {
      self.name = name
      self.type = type
      self.missing = missing
    }
  }

  public var path: String
  public var delimiter: String
  public var rowCount: Int
  public var columns: [Column]
  /// Columns `Catalog.load` would pick by their usual names (nil when absent).
  public var idColumn: String?
  public var raColumn: String?
  public var decColumn: String?

  enum CodingKeys: String, CodingKey {
    case path, delimiter, columns
    case rowCount = "row_count", idColumn = "id_column", raColumn = "ra_column", decColumn = "dec_column"
  }

  /// Scans the file at `url` (one streaming pass).
  public static func inspect(_ url: URL, delimiter: CSVDelimiter? = nil) throws -> CSVInspection {
    let reader = try CSVCatalogReader(url: url, delimiter: delimiter)
    let columns = reader.columnNames.indices.map {
      Column(name: reader.columnNames[$0], type: reader.columnTypes[$0], missing: reader.missingCounts[$0])
    }
    let lowered = reader.columnNames.map { $0.lowercased() }
    func usual(_ names: [String]) -> String? {
      names.lazy.compactMap { lowered.firstIndex(of: $0) }.first.map { reader.columnNames[$0] }
    }
    return CSVInspection(
      path: url.path, delimiter: reader.delimiter.name, rowCount: reader.rowCount ?? 0,
      columns: columns, idColumn: usual(Catalog.idNames), raColumn: usual(Catalog.raNames),
      decColumn: usual(Catalog.decNames))
  }

  /// A plain-text report: a summary line, then one line per column (name, type, missing).
  public func render() -> String {
    var lines = ["\(path): \(rowCount) rows × \(columns.count) columns, \(delimiter)-delimited"]
    let picks = [("id", idColumn), ("ra", raColumn), ("dec", decColumn)].map { "\($0.0)=\($0.1 ?? "—")" }
    lines.append("position columns: " + picks.joined(separator: " "))
    let width = min(max(columns.map(\.name.count).max() ?? 4, 4), 60)
    lines.append("column".padding(toLength: width, withPad: " ", startingAt: 0) + "  type    missing")
    for c in columns {
      let name =
        c.name.count > width
        ? String(c.name.prefix(width - 1)) + "…" : c.name.padding(toLength: width, withPad: " ", startingAt: 0)
      lines.append(name + "  " + c.type.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0) + "  \(c.missing)")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
