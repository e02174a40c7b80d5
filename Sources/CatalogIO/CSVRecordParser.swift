// galmorph — CatalogIO
//
// The RFC 4180 state machine: bytes in, records (fields as byte ranges) out, with the line each record starts on.

/// Splits delimited text into records, following RFC 4180 ("Common Format and MIME Type for CSV Files") with the
/// usual relaxations:
///
/// - Fields may be enclosed in double quotes; inside them the delimiter, CR and LF are literal and `""` is one `"`.
///   Text after a closing quote is appended to the field (lenient, as Python's `csv` and pandas are); a quote inside
///   an unquoted field is literal.
/// - Records end at LF or CRLF; a CR outside quotes is dropped (so CRLF files read like LF files).
/// - A line whose first byte is `#` (outside a quoted field) is a comment and skipped, so ECSV-style `# ...`
///   headers are allowed; a `#` later in a line is data. Blank lines are skipped.
/// - A UTF-8 byte-order mark at the start of the file is skipped.
///
/// The current record is kept as one byte array (`bytes`, unquoted and unescaped) and the end offset of each field
/// (`ends`), so no per-field allocation happens unless a caller asks for a `String`. Runs of ordinary bytes are
/// copied in bulk from zlib's block buffer. Line numbers count physical lines from 1, including comment lines and
/// the lines inside quoted fields.
struct CSVRecordParser {
  let source: GzipByteSource
  let delimiter: UInt8
  /// Bytes of the current record's fields, concatenated.
  private(set) var bytes: [UInt8] = []
  /// End offset in `bytes` of each field of the current record.
  private(set) var ends: [Int] = []
  /// Line (1-based) on which the current record starts.
  private(set) var recordLine = 0
  private var position = 0
  private var end = 0
  private var line = 1
  private var atFileStart = true

  init(source: GzipByteSource, delimiter: UInt8) {
    self.source = source
    self.delimiter = delimiter
    bytes.reserveCapacity(4096)
    ends.reserveCapacity(256)
  }

  private enum State { case recordStart, comment, fieldStart, unquoted, quoted, quoteInQuoted }

  /// Number of fields in the current record.
  var fieldCount: Int { ends.count }

  /// Calls `body` with the bytes of field `i` of the current record.
  @inline(__always)
  func withField<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    let lower = i == 0 ? 0 : ends[i - 1]
    return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[lower..<ends[i]])) }
  }

  /// Field `i` of the current record as a String (UTF-8; invalid sequences become U+FFFD).
  func string(_ i: Int) -> String { withField(i) { String(decoding: $0, as: UTF8.self) } }

  /// All fields of the current record as Strings.
  func strings() -> [String] { (0..<ends.count).map(string) }

  /// Advances to the next record; false at the end of the file.
  mutating func next() throws -> Bool {
    bytes.removeAll(keepingCapacity: true)
    ends.removeAll(keepingCapacity: true)
    let q = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r"), hash = UInt8(ascii: "#")
    let d = delimiter
    var state = State.recordStart
    while true {
      if position == end {
        end = try source.next()
        position = 0
        if end == 0 {
          switch state {
          case .recordStart, .comment: return false
          case .quoted: throw CatalogIOError.unterminatedQuote(path: source.path, line: recordLine)
          case .fieldStart, .unquoted, .quoteInQuoted:
            ends.append(bytes.count)
            return true
          }
        }
        if atFileStart {
          atFileStart = false
          if end >= 3 && source.block[0] == 0xEF && source.block[1] == 0xBB && source.block[2] == 0xBF { position = 3 }
          continue
        }
      }
      let buf = UnsafeBufferPointer(source.block)
      var p = position
      var complete = false
      scan: while p < end {
        switch state {
        case .recordStart:
          let b = buf[p]
          p += 1
          if b == lf { line += 1; continue }
          if b == cr { continue }
          if b == hash { state = .comment; continue }
          recordLine = line
          if b == q {
            state = .quoted
          } else if b == d {
            ends.append(bytes.count); state = .fieldStart
          } else {
            bytes.append(b); state = .unquoted
          }
        case .comment:
          while p < end && buf[p] != lf { p += 1 }
          if p < end { p += 1; line += 1; state = .recordStart }
        case .fieldStart, .unquoted:
          let start = p
          while p < end {
            let c = buf[p]
            if c == d || c == lf || c == cr || c == q { break }
            p += 1
          }
          if p > start { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<p])); state = .unquoted }
          if p == end { break scan }
          let c = buf[p]
          p += 1
          if c == d {
            ends.append(bytes.count); state = .fieldStart
          } else if c == lf {
            ends.append(bytes.count); line += 1; complete = true
            break scan
          } else if c == q {
            if state == .fieldStart { state = .quoted } else { bytes.append(c) }
          }
        case .quoted:
          let start = p
          while p < end {
            let c = buf[p]
            if c == q { break }
            if c == lf { line += 1 }
            p += 1
          }
          if p > start { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<p])) }
          if p == end { break scan }
          p += 1
          state = .quoteInQuoted
        case .quoteInQuoted:
          let b = buf[p]
          p += 1
          if b == q {
            bytes.append(q); state = .quoted
          } else if b == d {
            ends.append(bytes.count); state = .fieldStart
          } else if b == lf {
            ends.append(bytes.count); line += 1; complete = true
            break scan
          } else if b != cr {
            bytes.append(b); state = .unquoted
          }
        }
      }
      position = p
      if complete { return true }
    }
  }
}
