// galmorph — SkyStatistics

/// Errors raised by SkyStatistics for bad input (counts, probabilities, labels, fit failures).
public enum SkyStatisticsError: Error, CustomStringConvertible, Equatable, Sendable {
  /// An argument is out of range (e.g. successes > trials, a probability outside [0, 1]).
  case invalidArgument(name: String, value: String, expected: String)
  /// Input arrays disagree in length.
  case lengthMismatch(what: String, expected: Int, got: Int)
  /// A value in the data is unusable (`row` is the 0-based index).
  case invalidValue(name: String, row: Int, value: Double, expected: String)
  /// A fit could not be carried out (degenerate geometry, no variation in labels, ...).
  case fitFailed(method: String, reason: String)
  /// A catalog holds no usable sample (no rows, no labelled row, text labels without a positive class).
  case unusableCatalog(path: String, reason: String)

  public var description: String {
    switch self {
    case let .invalidArgument(name, value, expected):
      return "invalid \(name) \(value): expected \(expected)"
    case let .lengthMismatch(what, expected, got):
      return "\(what): expected \(expected) values, got \(got); pass one value per direction"
    case let .invalidValue(name, row, value, expected):
      return "invalid \(name) \(value) at row \(row): expected \(expected); fix or drop that row"
    case let .fitFailed(method, reason):
      return "\(method) fit failed: \(reason)"
    case let .unusableCatalog(path, reason):
      return "\(path): \(reason)"
    }
  }
}
