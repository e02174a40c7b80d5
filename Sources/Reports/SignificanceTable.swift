// galmorph — Reports
//
// The typed table model every report output renders.

import Foundation

/// A table of results for a paper: a title and caption, a LaTeX label, typed columns, rows of typed cells and
/// footnotes (the test method, the multiple-testing correction, the number of Monte Carlo draws ...).
///
/// One model, several renderings that show the same numbers: `markdown()`, `latex()`, `html()` and `csv()`
/// (machine-readable, full precision, read back by `init(csv:layout:file:)`). Audit tables give each row N, the
/// estimate, its uncertainty, the p-value and the method; `SignificanceTable.auditColumns` is that layout.
///
/// ```swift
/// var t = try SignificanceTable(title: "Dipole fits", label: "tab:dipole", columns: [
///   TableColumn(key: "model", header: "Model", kind: .text),
///   TableColumn(key: "N", kind: .integer),
///   TableColumn(key: "D", header: "Amplitude", kind: .measurement),
///   TableColumn(key: "p", header: "p", kind: .pValue)])
/// try t.append([.text("CNN"), .integer(10_000), .measurement(value: 0.031, error: 0.012), .pValue(3.2e-5)])
/// ```
public struct SignificanceTable: Sendable, Equatable, Codable {
  /// Short title, printed in bold before the caption (`Table: Title.` in Markdown, first words of `\caption`).
  public var title: String
  /// Longer caption text after the title, or `nil`.
  public var caption: String?
  /// LaTeX `\label` (e.g. `tab:dipole`), or `nil`.
  public var label: String?
  public private(set) var columns: [TableColumn]
  public private(set) var rows: [[TableCell]]
  /// Notes printed under the table, in order.
  public var footnotes: [String]

  /// Creates a table; throws when a row does not fit the columns or two columns share a key.
  public init(
    title: String, caption: String? = nil, label: String? = nil, columns: [TableColumn],
    rows: [[TableCell]] = [], footnotes: [String] = []
  ) throws {
    self.title = title; self.caption = caption; self.label = label
    self.columns = columns; self.rows = []; self.footnotes = footnotes
    var seen = Set<String>()
    for c in columns {
      let bad =
        c.key.isEmpty || c.key.contains(where: { "[]\",\r\n".contains($0) })
        || c.key.hasPrefix(" ") || c.key.hasSuffix(" ")
      if bad { throw ReportsError.invalidColumnKey(table: title, key: c.key) }
      for name in c.csvNames where !seen.insert(name).inserted {
        throw ReportsError.duplicateColumnKey(table: title, key: c.key)
      }
    }
    for r in rows { try append(r) }
  }

  /// Decodes a table (e.g. from `audit.json`) and validates it like `init(title:…)`: a file with a row that does
  /// not fit its columns is an error, not a table that renders garbage.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try self.init(
      title: c.decode(String.self, forKey: .title),
      caption: c.decodeIfPresent(String.self, forKey: .caption),
      label: c.decodeIfPresent(String.self, forKey: .label),
      columns: c.decode([TableColumn].self, forKey: .columns),
      rows: c.decode([[TableCell]].self, forKey: .rows),
      footnotes: c.decodeIfPresent([String].self, forKey: .footnotes) ?? [])
  }

  /// Appends a row after checking its length and that every cell fits its column.
  public mutating func append(_ row: [TableCell]) throws {
    guard row.count == columns.count else {
      throw ReportsError.rowLength(table: title, row: rows.count + 1, cells: row.count, columns: columns.count)
    }
    for (cell, column) in zip(row, columns) where !cell.fits(column.kind) {
      throw ReportsError.cellKind(
        table: title, row: rows.count + 1, column: column.key,
        expected: column.kind.name, found: cell.kindName)
    }
    rows.append(row)
  }

  /// The columns `keys` (in that order) of every row, as a table of its own — e.g. the part of a wide table that fits
  /// a printed page. Title, caption, label and footnotes are the given ones (default: this table's).
  /// - Throws: `ReportsError.unknownColumn` for a key this table does not have.
  public func selecting(
    _ keys: [String], title: String? = nil, caption: String? = nil, label: String? = nil,
    footnotes: [String]? = nil
  ) throws -> SignificanceTable {
    let index = try keys.map { key in
      guard let i = columns.firstIndex(where: { $0.key == key }) else {
        throw ReportsError.unknownColumn(table: self.title, key: key)
      }
      return i
    }
    return try SignificanceTable(
      title: title ?? self.title, caption: caption ?? self.caption, label: label ?? self.label,
      columns: index.map { columns[$0] }, rows: rows.map { r in index.map { r[$0] } },
      footnotes: footnotes ?? self.footnotes)
  }

  /// The same table without rows: what `init(csv:layout:file:)` needs to read a CSV back.
  public var layout: SignificanceTable {
    var copy = self
    copy.rows = []
    return copy
  }

  /// Equality that treats NaN cells as equal (IEEE `==` never does).
  public func isIdentical(to other: SignificanceTable) -> Bool {
    guard layout == other.layout, rows.count == other.rows.count else { return false }
    return zip(rows, other.rows).allSatisfy { a, b in
      a.count == b.count && zip(a, b).allSatisfy { $0.isIdentical(to: $1) }
    }
  }

  /// The columns every audit table row carries: N, the estimate ± its uncertainty, the confidence interval, the
  /// p-value and the method (after any leading columns such as the model or the split).
  public static func auditColumns(
    estimateKey: String = "estimate", estimateHeader: String = "Estimate",
    unit: String? = nil
  ) -> [TableColumn] {
    [
      TableColumn(key: "N", header: "N", kind: .integer),
      TableColumn(key: estimateKey, header: estimateHeader, unit: unit, kind: .measurement),
      TableColumn(key: "ci", header: "95% CI", unit: unit, kind: .interval, format: .significant(digits: 2)),
      TableColumn(key: "p", header: "p", kind: .pValue),
      TableColumn(key: "method", header: "Method", kind: .text),
    ]
  }
}
