// galmorph — MorphologyClassifier
//
// Whole CSV records of a shard output, taken in order, for the merge.
import Foundation

/// The records of a CSV file after its header line, taken in order: a record ends at a newline outside double
/// quotes (RFC 4180 quoting, as `CSVWriter` writes), so a quoted field holding a newline stays in its record.
struct CSVRecords {
  let data: Data
  let header: Data
  var offset: Int

  init(url: URL) throws {
    data = try Data(contentsOf: url, options: .alwaysMapped)
    guard let nl = data.firstIndex(of: UInt8(ascii: "\n")) else {
      throw ClassifierError.invalidInput(path: url.path, reason: "no header line")
    }
    header = data[data.startIndex...nl]
    offset = nl + 1
  }

  var atEnd: Bool { offset >= data.endIndex }

  /// The bytes of the next `count` records (each with its newline).
  mutating func take(_ count: Int, path: String) throws -> Data {
    let start = offset
    var left = count, quoted = false, i = offset
    try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
      let base = raw.baseAddress!.assumingMemoryBound(to: UInt8.self) - data.startIndex
      let end = data.endIndex
      while left > 0 {
        guard i < end else {
          throw ClassifierError.invalidInput(path: path, reason: "holds fewer rows than its manifest says")
        }
        let b = base[i]
        if b == UInt8(ascii: "\"") {
          quoted.toggle()
        } else if b == UInt8(ascii: "\n"), !quoted {
          left -= 1
        }
        i += 1
      }
    }
    offset = i
    return data[start..<i]
  }
}
