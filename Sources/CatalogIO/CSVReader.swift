// galmorph — CatalogIO
//
// A streaming reader of delimited text catalogs (.csv, .tsv, optionally gzip-compressed): header, then rows.

import Foundation

/// One data row of a delimited file: its fields (as written, unquoted) and the line it starts on.
public struct CSVRow: Sendable, Equatable {
  public var fields: [String]
  /// Physical line number (1-based) of the row's first line, for error messages.
  public var line: Int
}

/// Reads a CSV/TSV file, plain or gzip-compressed, row by row or in chunks of rows, with bounded memory.
///
/// The first record that is not a `#` comment is the header. Empty header names become `Unnamed: <index>` and
/// repeated names get `.1`, `.2`, ... suffixes, as pandas does, so every column has a unique name. Each data row must
/// have as many fields as the header; otherwise the read throws `CatalogIOError.raggedRow` naming the file, the
/// line and both counts. See `CSVRecordParser` for the quoting rules (RFC 4180).
///
/// Delimiter: given, else from the extension (`.csv` comma, `.tsv`/`.tab` tab, `.gz` looked through), else sniffed
/// from the header line. Not thread-safe; open one reader per thread.
public final class CSVReader {
  public let url: URL
  public let delimiter: CSVDelimiter
  /// Column names, unique (see above).
  public let header: [String]
  /// The header as written.
  public let rawHeader: [String]
  /// The record parser, positioned on the last row returned (internal: the typed reader reads fields as bytes).
  private(set) var parser: CSVRecordParser
  private var rowsRead = 0

  public init(url: URL, delimiter: CSVDelimiter? = nil) throws {
    self.url = url
    let chosen = try delimiter ?? CSVDelimiter.fromExtension(of: url) ?? CSVReader.sniffDelimiter(url)
    self.delimiter = chosen
    parser = CSVRecordParser(source: try GzipByteSource(path: url.path), delimiter: chosen.byte)
    guard try parser.next() else { throw CatalogIOError.noHeader(path: url.path) }
    rawHeader = parser.strings()
    header = CSVReader.uniqueNames(rawHeader)
  }

  /// Data rows returned so far.
  public var rowCount: Int { rowsRead }

  /// The next data row, or nil at the end of the file.
  public func nextRow() throws -> CSVRow? {
    guard try advance() else { return nil }
    return CSVRow(fields: parser.strings(), line: parser.recordLine)
  }

  /// Moves to the next data row without converting its fields; false at the end of the file.
  func advance() throws -> Bool {
    guard try parser.next() else { return false }
    guard parser.fieldCount == header.count else {
      throw CatalogIOError.raggedRow(
        path: url.path, line: parser.recordLine, expected: header.count,
        found: parser.fieldCount)
    }
    rowsRead += 1
    return true
  }

  /// Up to `maxRows` further rows; an empty array at the end of the file.
  public func nextChunk(maxRows: Int) throws -> [CSVRow] {
    precondition(maxRows > 0, "maxRows must be positive")
    var rows: [CSVRow] = []
    rows.reserveCapacity(min(maxRows, 1 << 16))
    while rows.count < maxRows, let row = try nextRow() { rows.append(row) }
    return rows
  }

  /// Skips `count` rows (still checking their field counts); returns how many were skipped.
  @discardableResult
  public func skipRows(_ count: Int) throws -> Int {
    var n = 0
    while n < count, try advance() { n += 1 }
    return n
  }

  /// pandas-style unique names: "" → "Unnamed: i"; repeats → "name.1", "name.2", ...
  static func uniqueNames(_ raw: [String]) -> [String] {
    var seen = Set<String>()
    var out: [String] = []
    for (i, name) in raw.enumerated() {
      let base = name.isEmpty ? "Unnamed: \(i)" : name
      var candidate = base, k = 0
      while seen.contains(candidate) { k += 1; candidate = "\(base).\(k)" }
      seen.insert(candidate)
      out.append(candidate)
    }
    return out
  }

  static func sniffDelimiter(_ url: URL) throws -> CSVDelimiter {
    let source = try GzipByteSource(path: url.path)
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    let n = try source.read(into: &buffer)
    return CSVDelimiter.sniff(Array(buffer.prefix(n)))
  }
}
