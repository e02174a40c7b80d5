// galmorph — FITSIO
//
// A header card's value, typed as the FITS standard defines it.

import Foundation

/// The value of a header card (FITS standard 4.0 §4.2): a character string, a logical, an integer or a real
/// floating-point number. Complex values are kept as their text in `.string`.
public enum FITSValue: Hashable, Sendable, Codable, CustomStringConvertible {
  case string(String)
  case logical(Bool)
  case integer(Int64)
  case real(Double)

  /// Parses the value field of a card as cfitsio returns it (`ffgkyn`): `'text'` (quotes doubled inside, trailing
  /// blanks insignificant), `T`/`F`, an integer, or a real (Fortran `D` exponents accepted). Empty → nil.
  public init?(parsing raw: String) {
    let text = raw.trimmingCharacters(in: .whitespaces)
    if text.isEmpty { return nil }
    if text.hasPrefix("'") {
      var body = Substring(text.dropFirst())
      if body.hasSuffix("'") { body = body.dropLast() }
      var s = body.replacingOccurrences(of: "''", with: "'")
      while s.hasSuffix(" ") { s.removeLast() }
      self = .string(s)
    } else if text == "T" {
      self = .logical(true)
    } else if text == "F" {
      self = .logical(false)
    } else if let i = Int64(text.hasPrefix("+") ? String(text.dropFirst()) : text) {
      self = .integer(i)
    } else if let d = Double(text.replacingOccurrences(of: "D", with: "E").replacingOccurrences(of: "d", with: "e")) {
      self = .real(d)
    } else {
      self = .string(text)
    }
  }

  /// The value as Double (integers and reals), else nil.
  public var doubleValue: Double? {
    switch self {
    case let .real(d): return d
    case let .integer(i): return Double(i)
    default: return nil
    }
  }

  /// The value as Int64 (integers, and reals that are whole numbers), else nil.
  public var intValue: Int64? {
    switch self {
    case let .integer(i): return i
    case let .real(d): return d.rounded() == d && abs(d) < 9.2e18 ? Int64(d) : nil
    default: return nil
    }
  }

  /// The string of a `.string` value, else nil.
  public var stringValue: String? { if case let .string(s) = self { return s } else { return nil } }

  /// The Bool of a `.logical` value, else nil.
  public var boolValue: Bool? { if case let .logical(b) = self { return b } else { return nil } }

  /// The value as shown in a header listing (strings unquoted).
  public var description: String {
    switch self {
    case let .string(s): return s
    case let .logical(b): return b ? "T" : "F"
    case let .integer(i): return String(i)
    case let .real(d): return String(d)
    }
  }
}
