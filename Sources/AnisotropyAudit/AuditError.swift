// galmorph — AnisotropyAudit
//
// Errors of the audit: a bad plan, bad input, a run that cannot resume.

/// What can go wrong in an audit; every message says what to change.
public enum AuditError: Error, CustomStringConvertible, Equatable {
  /// The sample cannot give the requested training and test sets.
  case design(String)
  /// An input file or column is unusable.
  case input(path: String, reason: String)
  /// A `--resume` folder was written by a different audit.
  case resume(path: String, reason: String)

  public var description: String {
    switch self {
    case let .design(reason): return "audit design: \(reason)"
    case let .input(path, reason): return "\(path): \(reason)"
    case let .resume(path, reason): return "\(path): cannot resume: \(reason)"
    }
  }
}
