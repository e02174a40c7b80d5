// galmorph — CatalogIO
//
// Classifying and converting text fields (as bytes): missing, bool, int, float or string.

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Text → typed values for delimited catalogs, following pandas' `read_csv` defaults where they matter:
///
/// - Missing: the empty field and pandas' default NA strings (`NA`, `N/A`, `n/a`, `NaN`, `nan`, `-NaN`, `-nan`,
///   `NULL`, `null`, `None`, `<NA>`, `#N/A`, `#NA`, `1.#QNAN`, `-1.#QNAN`, `1.#IND`, `-1.#IND`, `#N/A N/A`).
/// - Bool: `true`/`false`, `True`/`False`, `TRUE`/`FALSE` (0/1 stay integers).
/// - Int: an optional sign and decimal digits that fit Int64.
/// - Float: anything C `strtod` reads fully in decimal (`1e-3`, `.5`, `inf`; correctly rounded); hexadecimal floats
///   are strings.
/// Leading and trailing spaces are ignored when classifying and converting numbers and bools; string values keep
/// them.
enum FieldParsing {
  static let missingTokens: Set<[UInt8]> = Set(
    [
      "NA", "N/A", "n/a", "NaN", "nan", "-NaN", "-nan", "NULL", "null", "None", "<NA>", "#N/A", "#NA",
      "1.#QNAN", "-1.#QNAN", "1.#IND", "-1.#IND", "#N/A N/A",
    ].map { Array($0.utf8) })

  /// The class of one non-missing field.
  enum Kind: Int { case int = 0, double = 1, bool = 2, string = 3 }

  typealias Bytes = UnsafeBufferPointer<UInt8>

  @inline(__always)
  static func isMissing(_ f: Bytes) -> Bool {
    if f.isEmpty { return true }
    guard f.count <= 8 else { return false }
    switch f[0] {
    case UInt8(ascii: "N"), UInt8(ascii: "n"), UInt8(ascii: "-"), UInt8(ascii: "<"), UInt8(ascii: "#"),
      UInt8(ascii: "1"):
      return missingTokens.contains(Array(f))
    default: return false
    }
  }

  static func isMissing(_ s: String) -> Bool {
    var copy = s
    return copy.withUTF8 { isMissing($0) }
  }

  @inline(__always)
  static func trimmed(_ f: Bytes) -> Bytes {
    var lo = 0, hi = f.count
    while lo < hi && f[lo] == 0x20 { lo += 1 }
    while hi > lo && f[hi - 1] == 0x20 { hi -= 1 }
    return lo == 0 && hi == f.count ? f : Bytes(rebasing: f[lo..<hi])
  }

  /// The class of a field, nil when missing.
  static func kind(of field: Bytes) -> Kind? {
    if isMissing(field) { return nil }
    let t = trimmed(field)
    if parseInt(t) != nil { return .int }
    if parseBool(t) != nil { return .bool }
    if parseDouble(t) != nil { return .double }
    return .string
  }

  /// The column type for a set of field kinds: int ⊂ float; any other mix is string; all missing is float
  /// (pandas reads an all-empty column as float64 NaN).
  static func combine(_ a: Kind?, _ b: Kind?) -> Kind? {
    guard let a else { return b }
    guard let b else { return a }
    if a == b { return a }
    if (a == .int && b == .double) || (a == .double && b == .int) { return .double }
    return .string
  }

  static func columnType(_ kind: Kind?) -> CatalogColumnType {
    switch kind {
    case .int: return .int64
    case .double, nil: return .double
    case .bool: return .bool
    case .string: return .string
    }
  }

  /// Optional sign, then 1–19 decimal digits, within Int64.
  static func parseInt(_ t: Bytes) -> Int64? {
    var i = 0
    var negative = false
    if let f = t.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") { negative = f == UInt8(ascii: "-"); i = 1 }
    guard i < t.count, t.count - i <= 19 else { return nil }
    var magnitude: UInt64 = 0
    while i < t.count {
      let digit = t[i] &- 48
      guard digit < 10 else { return nil }
      magnitude = magnitude &* 10 &+ UInt64(digit)  // 19 digits < 2^64: no overflow
      i += 1
    }
    if negative {
      guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
      return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
    }
    guard magnitude <= UInt64(Int64.max) else { return nil }
    return Int64(magnitude)
  }

  static func parseBool(_ t: Bytes) -> Bool? {
    guard t.count == 4 || t.count == 5 else { return nil }
    switch String(decoding: t, as: UTF8.self) {
    case "true", "True", "TRUE": return true
    case "false", "False", "FALSE": return false
    default: return nil
    }
  }

  /// `strtod` over the whole field (C locale), rejecting hexadecimal and partial parses.
  static func parseDouble(_ t: Bytes) -> Double? {
    guard !t.isEmpty, t.count < 512 else { return nil }
    for b in t where b == UInt8(ascii: "x") || b == UInt8(ascii: "X") || b <= 0x20 { return nil }
    return withUnsafeTemporaryAllocation(of: CChar.self, capacity: t.count + 1) { scratch -> Double? in
      guard let base = scratch.baseAddress else { return nil }
      t.withMemoryRebound(to: CChar.self) { src in
        for i in 0..<src.count { scratch[i] = src[i] }
      }
      scratch[t.count] = 0
      var endPointer: UnsafeMutablePointer<CChar>? = nil
      let v = strtod(base, &endPointer)
      return endPointer == base + t.count ? v : nil
    }
  }
}
