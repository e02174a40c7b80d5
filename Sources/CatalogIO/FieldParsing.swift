// galmorph — CatalogIO
//
// Classifying and converting text fields: missing, bool, int, float or string.

/// Text → typed values for delimited catalogs, following pandas' `read_csv` defaults where they matter:
///
/// - Missing: the empty field and pandas' default NA strings (`NA`, `N/A`, `n/a`, `NaN`, `nan`, `-NaN`, `-nan`,
///   `NULL`, `null`, `None`, `<NA>`, `#N/A`, `#NA`, `1.#QNAN`, `-1.#QNAN`, `1.#IND`, `-1.#IND`, `#N/A N/A`).
/// - Bool: `true`/`false`, `True`/`False`, `TRUE`/`FALSE` (0/1 stay integers).
/// - Int: an optional sign and decimal digits that fit Int64.
/// - Float: anything `strtod` reads fully in decimal (`1e-3`, `.5`, `inf`); hexadecimal floats are strings.
/// Leading and trailing spaces are ignored when classifying and converting numbers and bools.
enum FieldParsing {
  static let missingTokens: Set<String> = [
    "", "NA", "N/A", "n/a", "NaN", "nan", "-NaN", "-nan", "NULL", "null", "None", "<NA>", "#N/A", "#NA",
    "1.#QNAN", "-1.#QNAN", "1.#IND", "-1.#IND", "#N/A N/A",
  ]

  /// The narrowest class of one field: nil for missing.
  enum Kind: Int { case int = 0, double = 1, bool = 2, string = 3 }

  @inline(__always)
  static func isMissing(_ s: String) -> Bool { s.isEmpty || (s.utf8.count <= 8 && missingTokens.contains(s)) }

  static func trimmed(_ s: String) -> Substring {
    var sub = Substring(s)
    while sub.first == " " { sub.removeFirst() }
    while sub.last == " " { sub.removeLast() }
    return sub
  }

  static func kind(of s: String) -> Kind? {
    if isMissing(s) { return nil }
    let t = trimmed(s)
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

  static func parseInt(_ t: Substring) -> Int64? {
    guard let f = t.utf8.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") || (f >= 48 && f <= 57) else { return nil }
    return Int64(t)
  }

  static func parseBool(_ t: Substring) -> Bool? {
    switch t {
    case "true", "True", "TRUE": return true
    case "false", "False", "FALSE": return false
    default: return nil
    }
  }

  static func parseDouble(_ t: Substring) -> Double? {
    if t.utf8.contains(where: { $0 == UInt8(ascii: "x") || $0 == UInt8(ascii: "X") }) { return nil }
    return Double(t)
  }
}
