// galmorph — CatalogIO
//
// The RFC 4180 state machine: bytes in, records (arrays of fields) out, with the line each record starts on.

/// Splits delimited text into records, following RFC 4180 ("Common Format and MIME Type for CSV Files") with the
/// usual relaxations:
///
/// - Fields may be enclosed in double quotes; inside them the delimiter, CR and LF are literal and `""` is one `"`.
///   Text after a closing quote is appended to the field (lenient, as Python's `csv` and pandas are).
/// - Records end at LF or CRLF; a CR outside quotes is dropped (so CRLF files read like LF files).
/// - A line whose first byte is `#` (outside a quoted field) is a comment and skipped, so ECSV-style `# ...`
///   headers are allowed; a `#` later in a line is data. Blank lines are skipped.
/// - A UTF-8 byte-order mark at the start of the file is skipped. Fields are decoded as UTF-8 (invalid sequences
///   become U+FFFD).
///
/// Line numbers count physical lines from 1, including comment lines and the lines inside quoted fields.
struct CSVRecordParser {
  let source: GzipByteSource
  let delimiter: UInt8
  private var buffer = [UInt8](repeating: 0, count: GzipByteSource.blockSize)
  private var position = 0
  private var end = 0
  private var line = 1
  private var atFileStart = true
  private var field: [UInt8] = []
  private var fields: [String] = []

  init(source: GzipByteSource, delimiter: UInt8) {
    self.source = source
    self.delimiter = delimiter
    field.reserveCapacity(256)
  }

  private enum State { case recordStart, comment, fieldStart, unquoted, quoted, quoteInQuoted }

  private static let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
  private static let hash = UInt8(ascii: "#")

  /// The next byte, refilling the buffer from the source; nil at the end of the data.
  @inline(__always)
  private mutating func nextByte() throws -> UInt8? {
    if position == end {
      end = try source.read(into: &buffer)
      position = 0
      if end == 0 { return nil }
      if atFileStart {
        atFileStart = false
        if end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { position = 3 }
        if position == end { return try nextByte() }
      }
    }
    let b = buffer[position]
    position += 1
    return b
  }

  @inline(__always)
  private mutating func endField() {
    fields.append(String(decoding: field, as: UTF8.self))
    field.removeAll(keepingCapacity: true)
  }

  /// The next record and the line it starts on, or nil at the end of the file.
  mutating func nextRecord() throws -> (fields: [String], line: Int)? {
    fields.removeAll(keepingCapacity: true)
    field.removeAll(keepingCapacity: true)
    let q = Self.quote, lf = Self.lf, cr = Self.cr, delim = delimiter
    var state = State.recordStart
    var startLine = line
    while true {
      guard let b = try nextByte() else {
        switch state {
        case .recordStart, .comment: return nil
        case .quoted: throw CatalogIOError.unterminatedQuote(path: source.path, line: startLine)
        case .fieldStart, .unquoted, .quoteInQuoted:
          endField()
          return (fields, startLine)
        }
      }
      switch state {
      case .recordStart:
        if b == lf { line += 1; continue }
        if b == cr { continue }
        if b == Self.hash { state = .comment; continue }
        startLine = line
        if b == q { state = .quoted } else if b == delim { endField(); state = .fieldStart } else {
          field.append(b); state = .unquoted
        }
      case .comment:
        if b == lf { line += 1; state = .recordStart }
      case .fieldStart:
        if b == q { state = .quoted } else if b == delim { endField() } else if b == lf {
          endField(); line += 1
          return (fields, startLine)
        } else if b != cr { field.append(b); state = .unquoted }
      case .unquoted:
        if b == delim { endField(); state = .fieldStart } else if b == lf {
          endField(); line += 1
          return (fields, startLine)
        } else if b != cr { field.append(b) }
      case .quoted:
        if b == q { state = .quoteInQuoted } else {
          if b == lf { line += 1 }
          field.append(b)
        }
      case .quoteInQuoted:
        if b == q { field.append(q); state = .quoted } else if b == delim { endField(); state = .fieldStart } else if b == lf {
          endField(); line += 1
          return (fields, startLine)
        } else if b != cr { field.append(b); state = .unquoted }
      }
    }
  }
}
