// galmorph — CatalogIO
//
// Writing delimited text catalogs, quoted per RFC 4180 where needed, atomically.

import Foundation
import GalmorphSupport

/// Writes CSV/TSV files. Output goes through `AtomicFile.write`, so an error or a kill never leaves a partial
/// catalog at the destination.
///
/// Quoting (RFC 4180 §2): a field is enclosed in double quotes when it contains the delimiter, a double quote, CR or
/// LF, has leading or trailing spaces, or is the first field of a row and starts with `#` (which a reader would take
/// for a comment line); quotes inside are doubled. Missing values (`nil`) are written as empty fields, which
/// `CSVReader` reads back as missing (so an empty string also reads back as missing). Lines end with LF.
public enum CSVWriter {
  /// A sink for rows, handed to the closure of `write(to:header:delimiter:_:)`.
  public struct RowSink {
    let delimiter: CSVDelimiter
    let width: Int
    let handle: FileHandle
    let path: String
    var buffer: [UInt8] = []

    /// Appends one row; it must have as many fields as the header (a programmer error otherwise).
    public mutating func append(_ fields: [String?]) throws {
      precondition(fields.count == width, "row has \(fields.count) fields, header has \(width)")
      buffer += Array(CSVWriter.line(fields, delimiter: delimiter).utf8)
      if buffer.count >= 1 << 20 { try flush() }
    }

    mutating func flush() throws {
      do { try handle.write(contentsOf: buffer) } catch {
        throw CatalogIOError.writeFailed(path: path, reason: FileErrorText.reason(error))
      }
      buffer.removeAll(keepingCapacity: true)
    }
  }

  /// Streams a catalog to `url`: writes the header, then lets `rows` append rows, then renames into place.
  public static func write(
    to url: URL, header: [String], delimiter: CSVDelimiter = .comma,
    _ rows: (inout RowSink) throws -> Void
  ) throws {
    try AtomicFile.write(to: url) { tmp in
      guard FileManager.default.createFile(atPath: tmp.path, contents: nil),
        let handle = try? FileHandle(forWritingTo: tmp)
      else { throw CatalogIOError.writeFailed(path: url.path, reason: "cannot create \(tmp.lastPathComponent)") }
      defer { try? handle.close() }
      var sink = RowSink(delimiter: delimiter, width: header.count, handle: handle, path: url.path)
      sink.buffer += Array(line(header, delimiter: delimiter).utf8)
      try rows(&sink)
      try sink.flush()
    }
  }

  /// Writes `rows` under `header` to `url`.
  public static func write(header: [String], rows: [[String?]], to url: URL, delimiter: CSVDelimiter = .comma) throws {
    try write(to: url, header: header, delimiter: delimiter) { sink in
      for row in rows { try sink.append(row) }
    }
  }

  /// Writes named columns (all of the same length) to `url`; values are formatted by `CatalogColumn.stringValues`
  /// (shortest round-trip decimal for doubles, so they read back bit-exactly).
  public static func write(
    columns: [(name: String, values: CatalogColumn)], to url: URL,
    delimiter: CSVDelimiter = .comma
  ) throws {
    let n = columns.first?.values.count ?? 0
    precondition(columns.allSatisfy { $0.values.count == n }, "columns must have the same length")
    let text = columns.map { $0.values.stringValues }
    try write(to: url, header: columns.map(\.name), delimiter: delimiter) { sink in
      for r in 0..<n { try sink.append(text.map { $0[r] }) }
    }
  }

  /// One encoded line (with its LF).
  public static func line(_ fields: [String?], delimiter: CSVDelimiter) -> String {
    var out = ""
    for (i, f) in fields.enumerated() {
      if i > 0 { out += delimiter.rawValue }
      out += escape(f ?? "", delimiter: delimiter, firstField: i == 0)
    }
    return out + "\n"
  }

  /// `field` quoted if needed (see the type's documentation).
  public static func escape(_ field: String, delimiter: CSVDelimiter, firstField: Bool = false) -> String {
    let d = delimiter.byte
    let needs =
      field.utf8.contains { $0 == d || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
      || field.first == " " || field.last == " " || (firstField && field.first == "#")
    guard needs else { return field }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
