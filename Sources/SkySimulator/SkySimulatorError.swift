// galmorph — SkySimulator
//
// The one error type of the simulator: bad configurations and malformed context expressions.

/// Errors raised by `SkySimulator` for invalid configurations (never for programmer errors, which trap).
/// Messages name the offending setting and say what would be accepted.
public enum SkySimulatorError: Error, CustomStringConvertible, Equatable {
  /// A context expression could not be parsed. `position` is the 0-based character offset of the problem.
  case invalidExpression(knob: String, expression: String, position: Int, reason: String)
  /// A configuration value is out of its allowed range.
  case invalidParameter(name: String, value: String, expected: String)
  /// A position list footprint was empty or held a non-finite coordinate.
  case invalidPositions(row: Int, reason: String)
  /// A context knob evaluated to a value outside its range at a galaxy's position.
  case invalidContextValue(
    knob: String, expression: String, galaxy: Int, ra: Double, dec: Double, value: Double,
    expected: String)
  /// A preset name was not recognised.
  case unknownPreset(name: String, available: [String])
  /// A footprint's text form (``Footprint/init(parsing:)``) cannot be read.
  case invalidFootprint(text: String, reason: String)

  public var description: String {
    switch self {
    case let .invalidExpression(knob, expression, position, reason):
      let caret = String(repeating: " ", count: max(0, position)) + "^"
      return
        "context expression for '\(knob)' is invalid at character \(position + 1): \(reason)\n  \(expression)\n  \(caret)\n"
        + "allowed: numbers, ra dec l b pi, + - * / ^, < <= > >= == !=, ( ), sin cos tan abs exp log sqrt min max"
    case let .invalidParameter(name, value, expected):
      return "simulation parameter '\(name)' = \(value) is invalid: expected \(expected)"
    case let .invalidPositions(row, reason):
      return "footprint position list, row \(row): \(reason); give finite ra in [0, 360) and dec in [-90, 90] degrees"
    case let .invalidContextValue(knob, expression, galaxy, ra, dec, value, expected):
      return "context knob '\(knob)' = \"\(expression)\" gives \(value) for galaxy \(galaxy) at ra \(ra), dec \(dec); "
        + "expected \(expected): change the expression (e.g. wrap it in max(...)/min(...))"
    case let .unknownPreset(name, available):
      return "unknown simulation preset '\(name)'; available: \(available.joined(separator: ", "))"
    case let .invalidFootprint(text, reason):
      return "footprint '\(text)': \(reason)"
    }
  }
}
