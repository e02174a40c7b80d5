// galmorph — CatalogIO
//
// Parsing right ascension and declination written in sexagesimal or decimal notation, to degrees.

/// Parses sky coordinates written as text, the way astropy's `Angle` parser reads them.
///
/// Right ascension (`parseRA`):
/// - sexagesimal is in **hours** of time (1 h = 15°): `12:34:56.7`, `12 34 56.7`, `12h34m56.7s`, `12h34.5m`;
///   with explicit degree marks (`188d43m30s`, `188°43′30″`) it is in degrees;
/// - a plain number is in **degrees** (`188.73`), which is how catalogs store decimal RA; `12.5h` is hours.
///
/// Declination (`parseDec`): always degrees: `+12:34:56`, `-00 30 00`, `12d34m56s`, `-12°34′56″`, `12.5`.
///
/// Rules: the sign applies to the whole angle and is read from the text, so `-00 30 00` is −0.5° (the
/// negative-zero-degrees case that breaks `deg + min/60` arithmetic on a signed integer degree). Minutes and seconds
/// must lie in [0, 60), leading components must be whole numbers, RA hours must lie in [0, 24] and |Dec| ≤ 90°.
/// Unicode minus (U+2212) is accepted. Errors are `CatalogIOError.invalidAngle` naming the string.
///
/// Reference: astropy.coordinates.Angle string parsing (`angle_formats.py`); IAU-style sexagesimal notation.
public enum Sexagesimal {
  /// Right ascension in degrees.
  public static func parseRA(_ text: String) throws -> Double {
    let parsed = try parse(text)
    let unit = parsed.unit ?? (parsed.components.count > 1 ? .hour : .degree)
    if parsed.negative { throw CatalogIOError.invalidAngle(text: text, reason: "right ascension cannot be negative") }
    let value = parsed.magnitude
    switch unit {
    case .hour:
      guard value <= 24 else { throw CatalogIOError.invalidAngle(text: text, reason: "hours must lie in 0…24") }
      return value * 15
    case .degree:
      return value
    }
  }

  /// Declination in degrees.
  public static func parseDec(_ text: String) throws -> Double {
    let parsed = try parse(text)
    if parsed.unit == .hour { throw CatalogIOError.invalidAngle(text: text, reason: "declination cannot be in hours") }
    let value = parsed.negative ? -parsed.magnitude : parsed.magnitude
    guard abs(value) <= 90 else {
      throw CatalogIOError.invalidAngle(text: text, reason: "declination must lie in −90…+90°")
    }
    return value
  }

  enum Unit { case hour, degree }

  struct Parsed {
    var negative: Bool
    var components: [Double]
    var unit: Unit?
    /// major + minutes/60 + seconds/3600 (unsigned).
    var magnitude: Double {
      components.enumerated().reduce(0) { $0 + $1.element / [1, 60, 3600][$1.offset] }
    }
  }

  /// Splits `text` into sign, up to three numeric components and an optional unit for the first one.
  static func parse(_ text: String) throws -> Parsed {
    func fail(_ reason: String) -> CatalogIOError { .invalidAngle(text: text, reason: reason) }
    var chars = Substring(text.trimmingSpaces)
    guard !chars.isEmpty else { throw fail("empty string") }
    var negative = false
    if let f = chars.first, f == "-" || f == "+" || f == "\u{2212}" {
      negative = f != "+"
      chars.removeFirst()
      while chars.first == " " { chars.removeFirst() }
    }
    var components: [Double] = []
    var tokens: [String] = []
    var unit: Unit? = nil
    var number = ""
    var expectNext = false  // a separator was seen after the last number
    func flush(position: Int?) throws {
      guard !number.isEmpty else { return }
      guard let v = Double(number), v.isFinite else { throw fail("'\(number)' is not a number") }
      if let position, position != components.count { throw fail("unit mark out of place after '\(number)'") }
      components.append(v)
      tokens.append(number)
      number = ""
    }
    for c in chars {
      switch c {
      case "0"..."9", ".":
        number.append(c)
        expectNext = false
      case "-", "+":
        guard let last = number.last, last == "e" || last == "E" else { throw fail("unexpected '\(c)'") }
        number.append(c)
      case "e", "E":
        guard !number.isEmpty, components.isEmpty else { throw fail("unexpected '\(c)'") }
        number.append(c)
      case "h", "H":
        guard components.isEmpty, !number.isEmpty else { throw fail("'h' must follow the hours") }
        try flush(position: 0); unit = .hour; expectNext = true
      case "d", "D", "°":
        guard components.isEmpty, !number.isEmpty else { throw fail("'\(c)' must follow the degrees") }
        try flush(position: 0); unit = .degree; expectNext = true
      case "m", "M", "'", "′":
        guard !number.isEmpty else { throw fail("'\(c)' must follow the minutes") }
        try flush(position: 1); expectNext = true
      case "s", "S", "\"", "″":
        guard !number.isEmpty else { throw fail("'\(c)' must follow the seconds") }
        try flush(position: 2); expectNext = true
      case ":", " ":
        if number.isEmpty && !expectNext && c == ":" { throw fail("empty field before ':'") }
        try flush(position: nil)
        expectNext = c == ":" ? false : expectNext
      default:
        throw fail("unexpected character '\(c)'")
      }
    }
    try flush(position: nil)
    guard !components.isEmpty else { throw fail("no number found") }
    guard components.count <= 3 else { throw fail("more than three fields (expected deg/h, min, sec)") }
    for (i, token) in tokens.enumerated() where i < tokens.count - 1 {
      if token.contains(".") || token.lowercased().contains("e") {
        throw fail("only the last field may have a fractional part")
      }
    }
    for (i, v) in components.enumerated() where i > 0 {
      guard v >= 0 && v < 60 else { throw fail("\(i == 1 ? "minutes" : "seconds") must lie in [0, 60)") }
    }
    if components.count > 1, let e = tokens.last, e.lowercased().contains("e") {
      throw fail("exponent in a sexagesimal field")
    }
    return Parsed(negative: negative, components: components, unit: unit)
  }
}

extension String {
  /// The string without leading and trailing spaces and tabs.
  var trimmingSpaces: Substring {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
    while let l = s.last, l == " " || l == "\t" { s.removeLast() }
    return s
  }
}
