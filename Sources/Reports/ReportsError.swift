// galmorph — Reports
//
// The one error type of the Reports target.

import Foundation

/// Errors raised while building, rendering, reading or writing report outputs (tables, notebooks, documents).
///
/// Messages name the file (when there is one), the row and the column, and say what to do.
public enum ReportsError: Error, CustomStringConvertible, Equatable {
  /// A row has a different number of cells than the table has columns.
  case rowLength(table: String, row: Int, cells: Int, columns: Int)
  /// A cell's type does not match its column's kind (e.g. text in a p-value column).
  case cellKind(table: String, row: Int, column: String, expected: String, found: String)
  /// Two columns share a machine key.
  case duplicateColumnKey(table: String, key: String)
  /// A column key is not usable as a CSV/pandas name (empty, or holds `[`, `]`, `"`, `,` or a line break).
  case invalidColumnKey(table: String, key: String)
  /// A column key asked for (`SignificanceTable.selecting`) is not one of the table's.
  case unknownColumn(table: String, key: String)
  /// A CSV file is not well-formed RFC 4180 (e.g. an unterminated quoted field).
  case csvSyntax(file: String, row: Int, reason: String)
  /// The CSV header row does not match the expected columns.
  case csvHeader(file: String, column: Int, expected: String, found: String)
  /// A CSV row has the wrong number of fields.
  case csvFieldCount(file: String, row: Int, fields: Int, expected: Int)
  /// A CSV field cannot be read as the column's type.
  case csvValue(file: String, row: Int, column: String, value: String, expected: String)
  /// A file needed for the report (e.g. a PNG to embed) cannot be read.
  case unreadableFile(path: String, reason: String)
  /// A file to embed as `image/png` is not a PNG.
  case notPNG(path: String)
  /// `audit.json` is missing, unreadable, not JSON, or not an audit result of a known format.
  case invalidAuditResult(path: String, reason: String)
  /// A CSV file lacks a column the report needs.
  case csvMissingColumn(file: String, column: String, available: [String])
  /// The per-galaxy test table of an audit is missing or unreadable (figures and the notebook need it).
  case missingAnnotations(path: String, reason: String)
  /// A per-galaxy table does not match the audit result it belongs to.
  case annotationsMismatch(file: String, reason: String)

  public var description: String {
    switch self {
    case let .rowLength(table, row, cells, columns):
      return "table '\(table)': row \(row) has \(cells) cells but the table has \(columns) columns; "
        + "give one cell per column (use .missing for an empty cell)"
    case let .cellKind(table, row, column, expected, found):
      return "table '\(table)': row \(row), column '\(column)' holds a \(found) cell but the column is declared "
        + "\(expected); change the cell or the column kind"
    case let .duplicateColumnKey(table, key):
      return "table '\(table)': two columns have the key '\(key)'; keys name CSV columns and must be unique"
    case let .unknownColumn(table, key):
      return "table '\(table)': no column has the key '\(key)'"
    case let .invalidColumnKey(table, key):
      return "table '\(table)': column key '\(key)' is not usable as a CSV name; use letters, digits, '_' or '-' "
        + "(no brackets, quotes, commas or line breaks)"
    case let .csvSyntax(file, row, reason):
      return "\(file): row \(row): malformed CSV (\(reason)); the file must follow RFC 4180"
    case let .csvHeader(file, column, expected, found):
      return "\(file): header column \(column) is '\(found)' but '\(expected)' was expected; "
        + "was this CSV written for a different table layout?"
    case let .csvFieldCount(file, row, fields, expected):
      return "\(file): row \(row) has \(fields) fields but the header has \(expected)"
    case let .csvValue(file, row, column, value, expected):
      return "\(file): row \(row), column '\(column)': cannot read '\(value)' as \(expected)"
    case let .unreadableFile(path, reason):
      return "cannot read \(path): \(reason)"
    case let .notPNG(path):
      return "\(path) is not a PNG file (bad signature); write figures with Figure.writePNG(to:)"
    case let .invalidAuditResult(path, reason):
      return "\(path): not a readable audit result (\(reason)); give the audit.json written by `galmorph audit`, "
        + "or re-run the audit to rewrite it"
    case let .csvMissingColumn(file, column, available):
      return "\(file): no column '\(column)' (columns: \(available.joined(separator: ", "))); was this file written "
        + "by the same audit as audit.json?"
    case let .missingAnnotations(path, reason):
      return
        "cannot read the audit's per-galaxy test table \(path) (\(reason)); the figures and the notebook are drawn "
        + "from it (galmorph audit writes it beside audit.json); render the tables alone with --format md,tex,csv"
    case let .annotationsMismatch(file, reason):
      return "\(file): \(reason); the per-galaxy table does not belong to this audit.json (re-run the audit, or "
        + "render without figures: --format md,tex,csv)"
    }
  }
}
