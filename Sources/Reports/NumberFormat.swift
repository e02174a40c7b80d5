// galmorph — Reports
//
// How a column prints its numbers.

import Foundation

/// How the numbers of a table column are printed in Markdown, LaTeX and HTML (CSV always keeps full precision).
///
/// Rounding is correct rounding of the exact binary value, ties to even (C `printf`, Python `format()` and
/// `decimal.ROUND_HALF_EVEN` agree): `0.0995` is `0.09950000000000000677…` in binary, so it prints as `0.10` at two
/// significant figures. A value that rounds to zero never keeps its sign (`-0.001` at 2 decimals prints `0.00`,
/// Python's `z` option, PEP 682), because a “−0.00” in a paper reads as a negative estimate.
public enum NumberFormat: Sendable, Equatable, Codable {
  /// `decimals` digits after the point (`%.{decimals}f`), e.g. `fixed(decimals: 3)`: `0.125`.
  case fixed(decimals: Int)
  /// `digits` significant figures in positional notation, trailing zeros kept (`0.0995` → `0.10`, `12345` →
  /// `12000`), the equivalent of Python `format(x, '#.{digits}g')` without switching to exponents.
  case significant(digits: Int)
  /// Always scientific with `digits` significant figures: `3.2 × 10⁻⁵` (Markdown), `$3.2\times10^{-5}$` (LaTeX).
  case scientific(digits: Int)
  /// p-values: `digits` significant figures, positional at or above `scientificBelow` (`0.032`), scientific below
  /// it (`3.2 × 10⁻⁵`). The default `pValue()` is 2 figures below 10⁻³, the usual journal convention (APA 7 §6.36;
  /// two figures are all a Monte Carlo p-value from 10⁴ draws supports).
  case pValue(digits: Int, scientificBelow: Double)
  /// For measurements `x ± σ`: σ to `digits` significant figures and x to the same decimal place (Particle Data
  /// Group rounding convention, PDG Review “Introduction”, §5.3, with a fixed number of figures), e.g.
  /// `0.123456 ± 0.0123` → `0.123 ± 0.012` at 2 figures. Used like `significant(digits:)` for plain numbers.
  case uncertainty(digits: Int)

  /// Two significant figures, scientific below 10⁻³.
  public static func pValue() -> NumberFormat { .pValue(digits: 2, scientificBelow: 1e-3) }
}

/// A number ready to print: a positional `mantissa` (sign included, ASCII digits) and, for scientific notation, the
/// power of ten it multiplies. Special values carry no digits.
public struct FormattedNumber: Sendable, Equatable {
  public enum Special: Sendable, Equatable { case nan, plusInfinity, minusInfinity }
  public var mantissa: String
  public var exponent: Int?
  public var special: Special?

  public init(mantissa: String, exponent: Int? = nil, special: Special? = nil) {
    self.mantissa = mantissa; self.exponent = exponent; self.special = special
  }

  /// Unicode text: `3.2 × 10⁻⁵`, `0.032`, `NaN`, `∞`, `−∞`.
  public var plain: String {
    if let special {
      switch special {
      case .nan: return "NaN"
      case .plusInfinity: return "∞"
      case .minusInfinity: return "-∞"
      }
    }
    guard let exponent else { return mantissa }
    return "\(mantissa) × 10\(FormattedNumber.superscript(exponent))"
  }

  /// LaTeX math-mode body (without the `$`): `3.2\times10^{-5}`, `0.032`, `\mathrm{NaN}`, `\infty`.
  public var latexMath: String {
    if let special {
      switch special {
      case .nan: return "\\mathrm{NaN}"
      case .plusInfinity: return "\\infty"
      case .minusInfinity: return "-\\infty"
      }
    }
    guard let exponent else { return mantissa }
    return "\(mantissa)\\times10^{\(exponent)}"
  }

  /// HTML: `3.2 × 10<sup>-5</sup>`.
  public var html: String {
    if special != nil { return plain }
    guard let exponent else { return mantissa }
    return "\(mantissa) × 10<sup>\(exponent)</sup>"
  }

  /// `-5` → `⁻⁵`.
  static func superscript(_ n: Int) -> String {
    let map: [Character: Character] = [
      "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶",
      "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻",
    ]
    return String(String(n).map { map[$0] ?? $0 })
  }
}
