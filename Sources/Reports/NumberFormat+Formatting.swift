// galmorph — Reports
//
// Correctly rounded decimal formatting through the C library's printf (vsnprintf).

import Foundation

extension NumberFormat {
  /// Formats one number (a value, an error, an interval end or a p-value) under this format.
  public func format(_ x: Double) -> FormattedNumber {
    if let special = NumberFormat.special(x) { return special }
    switch clamped {
    case let .fixed(decimals): return FormattedNumber(mantissa: NumberFormat.fixed(x, decimals: decimals))
    case let .significant(digits), let .uncertainty(digits):
      return FormattedNumber(mantissa: NumberFormat.significant(x, digits: digits))
    case let .scientific(digits): return NumberFormat.scientific(x, digits: digits)
    case let .pValue(digits, threshold):
      if x != 0 && abs(x) < threshold { return NumberFormat.scientific(x, digits: digits) }
      return FormattedNumber(mantissa: NumberFormat.significant(x, digits: digits))
    }
  }

  /// Formats `value ± error`. Under `.uncertainty(digits:)` the error gets `digits` significant figures and the
  /// value the same decimal place; every other format applies to both numbers alike.
  public func format(value: Double, error: Double) -> (value: FormattedNumber, error: FormattedNumber) {
    guard case let .uncertainty(digits) = clamped, error.isFinite, error != 0, value.isFinite else {
      return (format(value), format(error))
    }
    let (_, exponent) = NumberFormat.scientificParts(abs(error), digits: digits)
    let decimals = digits - 1 - exponent
    if decimals >= 0 {
      return (
        FormattedNumber(mantissa: NumberFormat.fixed(value, decimals: decimals)),
        FormattedNumber(mantissa: NumberFormat.fixed(error, decimals: decimals))
      )
    }
    // The error is ≥ 10^digits: round the value to the same power of ten as the error's last figure.
    let scale = NumberFormat.pow10(-decimals)
    let rounded = (value / scale).rounded(.toNearestOrEven) * scale
    return (
      FormattedNumber(mantissa: NumberFormat.fixed(rounded, decimals: 0)),
      FormattedNumber(mantissa: NumberFormat.significant(error, digits: digits))
    )
  }

  /// This format with its precision clamped to what `printf` and `Double` support: 0…30 decimals, 1…17
  /// significant figures (a layout decoded from JSON can hold anything; out-of-range values never crash).
  var clamped: NumberFormat {
    func sig(_ d: Int) -> Int { min(max(d, 1), 17) }
    switch self {
    case let .fixed(d): return .fixed(decimals: min(max(d, 0), 30))
    case let .significant(d): return .significant(digits: sig(d))
    case let .scientific(d): return .scientific(digits: sig(d))
    case let .pValue(d, t): return .pValue(digits: sig(d), scientificBelow: t)
    case let .uncertainty(d): return .uncertainty(digits: sig(d))
    }
  }

  static func special(_ x: Double) -> FormattedNumber? {
    if x.isNaN { return FormattedNumber(mantissa: "", special: .nan) }
    if x.isInfinite { return FormattedNumber(mantissa: "", special: x > 0 ? .plusInfinity : .minusInfinity) }
    return nil
  }

  static func pow10(_ n: Int) -> Double {
    var r = 1.0
    for _ in 0..<n { r *= 10 }
    return r
  }

  /// `printf("%.*<conversion>", precision, x)`.
  static func printf(_ conversion: String, _ precision: Int, _ x: Double) -> String {
    var buffer = [CChar](repeating: 0, count: 400)
    let count = buffer.withUnsafeMutableBufferPointer { buf in
      withVaList([Int32(precision), x]) { vsnprintf(buf.baseAddress, buf.count, "%.*\(conversion)", $0) }
    }
    precondition(count >= 0 && Int(count) < buffer.count, "vsnprintf overflow for \(x)")
    return String(decoding: buffer[0..<Int(count)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// Removes the sign of a result that rounded to zero (`-0.00` → `0.00`).
  static func dropNegativeZero(_ s: String) -> String {
    guard s.hasPrefix("-"), s.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) else { return s }
    return String(s.dropFirst())
  }

  /// `%.{decimals}f` with the sign of zero dropped.
  static func fixed(_ x: Double, decimals: Int) -> String {
    dropNegativeZero(printf("f", min(max(decimals, 0), 30), x))
  }

  /// Digits (`digits` of them, no point) and decimal exponent of `|x|` correctly rounded to `digits` figures,
  /// read from `%.{digits-1}e` (which re-normalises when rounding carries into the next decade: 9.99 → 1.0e+01).
  static func scientificParts(_ x: Double, digits: Int) -> (digits: String, exponent: Int) {
    let s = printf("e", digits - 1, abs(x))
    let parts = s.split(separator: "e")
    let mantissaDigits = parts[0].filter { $0 != "." }
    return (String(mantissaDigits), Int(parts[1]) ?? 0)
  }

  /// `digits` significant figures, positional, trailing zeros kept; zero prints `0.0…` with `digits − 1` zeros.
  static func significant(_ x: Double, digits: Int) -> String {
    if x == 0 { return digits > 1 ? "0." + String(repeating: "0", count: digits - 1) : "0" }
    let (d, e) = scientificParts(x, digits: digits)
    let sign = x < 0 ? "-" : ""
    let body: String
    if e >= digits - 1 {
      body = d + String(repeating: "0", count: e - (digits - 1))
    } else if e >= 0 {
      let split = d.index(d.startIndex, offsetBy: e + 1)
      body = d[..<split] + "." + d[split...]
    } else {
      body = "0." + String(repeating: "0", count: -e - 1) + d
    }
    return sign + body
  }

  /// `m × 10^e` with `digits` significant figures in `m` (1 ≤ |m| < 10); zero prints as plain `0`.
  static func scientific(_ x: Double, digits: Int) -> FormattedNumber {
    if x == 0 { return FormattedNumber(mantissa: significant(0, digits: digits)) }
    let (d, e) = scientificParts(x, digits: digits)
    let m = digits > 1 ? String(d.prefix(1)) + "." + String(d.dropFirst()) : d
    return FormattedNumber(mantissa: (x < 0 ? "-" : "") + m, exponent: e)
  }
}

extension NumberFormat {
  /// `x` as Unicode text (``FormattedNumber/plain``), or an em dash for a missing value: the terminal summaries'
  /// form of a table cell.
  public func plain(_ x: Double?) -> String {
    guard let x else { return "—" }
    return format(x).plain
  }
}
