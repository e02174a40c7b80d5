// galmorph — CatalogIO
//
// Choosing the field delimiter: from the file extension, else by sniffing the header line.

import Foundation

/// The field delimiter of a delimited text catalog.
public enum CSVDelimiter: String, Codable, Sendable, CaseIterable {
  case comma = ","
  case tab = "\t"
  case semicolon = ";"
  case pipe = "|"

  /// The delimiter byte.
  public var byte: UInt8 { rawValue.utf8.first ?? UInt8(ascii: ",") }

  /// A printable name (`comma`, `tab`, ...).
  public var name: String { String(describing: self) }

  /// The delimiter implied by the extension (after removing `.gz`): `.csv` → comma, `.tsv`/`.tab` → tab, or nil.
  public static func fromExtension(of url: URL) -> CSVDelimiter? {
    var u = url
    if u.pathExtension.lowercased() == "gz" { u = u.deletingPathExtension() }
    switch u.pathExtension.lowercased() {
    case "csv": return .comma
    case "tsv", "tab": return .tab
    case "psv": return .pipe
    default: return nil
    }
  }

  /// The delimiter that occurs most often, outside double quotes, on the first line of `bytes` that is neither
  /// blank nor a `#` comment; comma when none occurs. (Python's `csv.Sniffer` does the same on a larger sample.)
  static func sniff(_ bytes: [UInt8]) -> CSVDelimiter {
    var counts = [Int](repeating: 0, count: allCases.count)
    var lineStart = true, inComment = false, inQuotes = false, seenContent = false
    let hasBOM = bytes.starts(with: [0xEF, 0xBB, 0xBF])
    for b in bytes.dropFirst(hasBOM ? 3 : 0) {
      if lineStart && b == UInt8(ascii: "#") { inComment = true }
      if b == UInt8(ascii: "\n") {
        if !inComment && seenContent && !inQuotes { break }
        lineStart = true; inComment = false
        continue
      }
      lineStart = false
      if inComment || b == UInt8(ascii: "\r") { continue }
      seenContent = true
      if b == UInt8(ascii: "\"") { inQuotes.toggle(); continue }
      if inQuotes { continue }
      if let i = allCases.firstIndex(where: { $0.byte == b }) { counts[i] += 1 }
    }
    guard let best = counts.indices.max(by: { counts[$0] < counts[$1] }), counts[best] > 0 else { return .comma }
    return allCases[best]
  }
}
