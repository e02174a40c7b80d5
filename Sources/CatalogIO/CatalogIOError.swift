// galmorph — CatalogIO
//
// The one error type of the module. Messages name the file, the line or row and the column, and say what to do.

/// Errors raised while reading, validating or writing catalogs.
public enum CatalogIOError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The file could not be opened or read (including a damaged or truncated `.gz`).
  case unreadable(path: String, reason: String)
  /// The file has no header row (empty, or only comments and blank lines).
  case noHeader(path: String)
  /// A data row has a different number of fields than the header.
  case raggedRow(path: String, line: Int, expected: Int, found: Int)
  /// A quoted field is still open at the end of the file.
  case unterminatedQuote(path: String, line: Int)
  /// A column name was not found; `option` is the command-line option that selects it (e.g. `--ra-column`).
  case columnNotFound(path: String, column: String, available: [String], option: String?)
  /// A value could not be used: unparsable, out of range or missing. `row` counts data rows from 1.
  case invalidValue(path: String, row: Int, column: String, value: String, reason: String)
  /// A value changed type between the inference pass and the read (the file was modified while being read).
  case typeMismatch(path: String, line: Int, column: String, value: String, expected: String)
  /// An angle string is not valid sexagesimal or decimal notation.
  case invalidAngle(text: String, reason: String)
  /// A catalog could not be written.
  case writeFailed(path: String, reason: String)

  public var description: String {
    switch self {
    case let .unreadable(path, reason):
      return "\(path): cannot read catalog: \(reason)"
    case let .noHeader(path):
      return "\(path): no header row found (the file is empty or holds only comment lines)"
    case let .raggedRow(path, line, expected, found):
      return "\(path), line \(line): expected \(expected) fields (as in the header) but found \(found); "
        + "check for an unquoted delimiter or a missing field in that row"
    case let .unterminatedQuote(path, line):
      return "\(path), line \(line): quoted field opened here is never closed; check for a stray '\"'"
    case let .columnNotFound(path, column, available, option):
      let shown =
        available.count > 40
        ? available.prefix(40).joined(separator: ", ") + ", … (\(available.count) in all)"
        : available.joined(separator: ", ")
      var text = "column '\(column)' not found in \(path); available: \(shown)"
      if let option { text += "; pass \(option)" }
      return text
    case let .invalidValue(path, row, column, value, reason):
      return "\(path), row \(row), column '\(column)': invalid value '\(value)': \(reason)"
    case let .typeMismatch(path, line, column, value, expected):
      return
        "\(path), line \(line), column '\(column)': '\(value)' is not \(expected) (was the file changed while being read?)"
    case let .invalidAngle(text, reason):
      return "invalid angle '\(text)': \(reason)"
    case let .writeFailed(path, reason):
      return "\(path): cannot write catalog: \(reason)"
    }
  }
}
