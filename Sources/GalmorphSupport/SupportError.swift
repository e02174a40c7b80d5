// galmorph — GalmorphSupport

/// Errors raised by the shared support code (files, provenance). Messages name the file and what to do.
public enum SupportError: Error, CustomStringConvertible, Equatable {
  /// A file could not be read or written.
  case io(path: String, reason: String)
  /// A value given by the user is out of range or malformed.
  case invalidValue(name: String, value: String, expected: String)

  public var description: String {
    switch self {
    case let .io(path, reason): return "\(path): \(reason)"
    case let .invalidValue(name, value, expected): return "invalid \(name) '\(value)': expected \(expected)"
    }
  }
}
