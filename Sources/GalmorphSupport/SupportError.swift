// galmorph — GalmorphSupport

import Foundation

/// Errors raised by the shared support code (files, provenance). Messages name the file and what to do.
public enum SupportError: Error, CustomStringConvertible, Equatable {
  /// A file could not be read or written.
  case io(path: String, reason: String)
  /// A value given by the user is out of range or malformed.
  case invalidValue(name: String, value: String, expected: String)
  /// A long command stopped at a safe point after SIGINT or SIGTERM (``Interruption``); `resume` says how to go on.
  case interrupted(signal: Int32, resume: String)
  /// Not enough free space where an output goes (``DiskSpace``): `needed` (an estimate of the whole output, nil
  /// when unknown) and `available` in bytes; `failure` is the failed write's reason when the device filled part-way.
  case noSpace(path: String, needed: Int64?, available: Int64, what: String, failure: String?)

  public var description: String {
    switch self {
    case let .io(path, reason): return "\(path): \(reason)"
    case let .invalidValue(name, value, expected): return "invalid \(name) '\(value)': expected \(expected)"
    case let .interrupted(signal, resume):
      return "interrupted by \(Interruption.name(of: signal)); finished work is saved, nothing partial is left under a "
        + "final name; \(resume)"
    case let .noSpace(path, needed, available, what, failure):
      let need = needed.map { "needs about \(DiskSpace.text($0))" + (failure == nil ? "" : " in all") } ?? ""
      let free = "\(DiskSpace.text(available)) free there"
      guard let failure else {
        return "\(path): not enough free space for \(what): \(need), \(free); free some space or choose another "
          + "output location"
      }
      return "\(path): the device is full: \(failure) (\(what)\(need.isEmpty ? "" : ": " + need); \(free) now); free "
        + "some space, then run the same command again (with --resume where the command has it)"

    }
  }
}
