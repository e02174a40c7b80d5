// galmorph — FITSIO
//
// Every failure of the FITS layer, with the file, the HDU, the column and row as they apply.

/// Errors of the FITS layer. Every message names the file; the HDU (0-based index as in astropy's `HDUList`, plus
/// EXTNAME when known), the column and the rows where they apply; and, for cfitsio failures, cfitsio's status text
/// (`ffgerr`) and its condensed error-message stack (`ffgmsg`).
public enum FITSIOError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The file does not exist or cannot be opened for reading.
  case fileNotFound(path: String)
  /// cfitsio returned a non-zero status during `operation`.
  case cfitsio(
    path: String, hdu: String?, column: String?, rows: String?, operation: String, status: Int32,
    statusText: String, messages: [String])
  /// The requested HDU (index or EXTNAME) is not in the file.
  case hduNotFound(path: String, hdu: String, hduCount: Int)
  /// The HDU exists but has the wrong type for the request (e.g. reading pixels of a table).
  case wrongHDUType(path: String, hdu: String, expected: String, found: String)
  /// No column of that name (case-insensitive) in the table.
  case columnNotFound(path: String, hdu: String, column: String, available: [String])
  /// The column's TFORM is not supported by this reader (complex, bit or variable-length arrays).
  case unsupportedColumn(path: String, hdu: String, column: String, tform: String, reason: String)
  /// A request or a value to write is invalid (box outside the image, row range past the end, wrong lengths).
  case invalidRequest(path: String, hdu: String?, reason: String)

  public var description: String {
    switch self {
    case let .fileNotFound(path):
      return "\(path): no such FITS file (check the path; cfitsio could not open it for reading)"
    case let .cfitsio(path, hdu, column, rows, operation, status, text, messages):
      var where_ = path
      if let hdu { where_ += ", \(hdu)" }
      if let column { where_ += ", column '\(column)'" }
      if let rows { where_ += ", rows \(rows)" }
      var s = "\(where_): \(operation) failed: cfitsio status \(status) (\(text))"
      let details = messages.filter { $0 != path }
      if !details.isEmpty { s += " — " + details.joined(separator: " | ") }
      while s.hasSuffix(".") { s.removeLast() }
      return s + ". The file may be truncated or not valid FITS; check it with `fitsverify`."
    case let .hduNotFound(path, hdu, count):
      return
        "\(path): \(hdu) not found (the file has \(count) HDU\(count == 1 ? "" : "s"), numbered from 0; run `galmorph inspect` to list them)"
    case let .wrongHDUType(path, hdu, expected, found):
      return "\(path), \(hdu): expected \(expected) HDU but found \(found); pick another HDU (see `galmorph inspect`)"
    case let .columnNotFound(path, hdu, column, available):
      return "\(path), \(hdu): column '\(column)' not found; available: \(available.joined(separator: ", "))"
    case let .unsupportedColumn(path, hdu, column, tform, reason):
      return "\(path), \(hdu): column '\(column)' (TFORM \(tform)) cannot be read: \(reason)"
    case let .invalidRequest(path, hdu, reason):
      return "\(path)\(hdu.map { ", \($0)" } ?? ""): \(reason)"
    }
  }
}
