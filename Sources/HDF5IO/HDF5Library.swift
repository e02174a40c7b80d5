// galmorph — HDF5IO
//
// libhdf5 (Debian's serial build) is not thread-safe: every call into it goes through `HDF5Library.locked`, one
// process-wide recursive lock. The lock is recursive because high-level operations (inspect, image batches) call
// lower-level ones that lock again.

import CHDF5
import Foundation

/// Process-wide access to libhdf5: the lock, one-time initialisation and the condensed error stack.
enum HDF5Library {
  private static let lock = NSRecursiveLock()

  /// Initialises libhdf5 once and switches off its automatic error printing to stderr; errors are reported through
  /// `HDF5IOError` with the stack condensed by `errorStack()` instead.
  ///
  /// `H5dont_atexit` first: libhdf5 1.10.8 otherwise closes every file still open in an exit handler, and a file
  /// whose close failed on a full disk (ENOSPC while flushing) makes that handler dereference a freed pointer
  /// (`H5F__close_cb` under `H5_term_library`), so a clear "device is full" error ended in a segfault. galmorph
  /// flushes and closes every file it writes before renaming it into place, so nothing is lost without the handler.
  private static let initialised: Bool = {
    _ = H5dont_atexit()
    _ = H5open()
    _ = H5Eset_auto2(chdf5_e_default(), nil, nil)
    return true
  }()

  /// Nesting depth of `locked` on the thread holding the lock (only touched while holding it).
  nonisolated(unsafe) private static var depth = 0

  /// Runs `body` holding the process-wide HDF5 lock (after initialising the library on first use). Debian builds
  /// libhdf5 with per-thread error stacks, so automatic error printing is switched off again for the calling
  /// thread on each outermost entry.
  static func locked<R>(_ body: () throws -> R) rethrows -> R {
    lock.lock()
    depth += 1
    defer {
      depth -= 1
      lock.unlock()
    }
    _ = initialised
    if depth == 1 { _ = H5Eset_auto2(chdf5_e_default(), nil, nil) }
    return try body()
  }

  /// The current HDF5 error stack of this thread condensed to one line ("function: message; ..."), innermost
  /// cause last, then cleared. Returns "unknown libhdf5 error" when the stack is empty.
  static func errorStack() -> String {
    locked {
      final class Collector { var lines: [String] = [] }
      let collector = Collector()
      let box = Unmanaged.passUnretained(collector).toOpaque()
      _ = H5Ewalk2(
        chdf5_e_default(), H5E_WALK_UPWARD,
        { _, desc, data in
          guard let desc, let data else { return 0 }
          let collector = Unmanaged<Collector>.fromOpaque(data).takeUnretainedValue()
          let function = desc.pointee.func_name.map { String(cString: $0) } ?? "?"
          let text = desc.pointee.desc.map { String(cString: $0) } ?? ""
          var minor = [CChar](repeating: 0, count: 256)
          var kind = H5E_MINOR
          let minorText =
            H5Eget_msg(desc.pointee.min_num, &kind, &minor, minor.count) > 0
            ? stringFromBuffer(minor) : ""
          var line = "\(function): \(text)"
          if !minorText.isEmpty && !text.lowercased().contains(minorText.lowercased()) { line += " (\(minorText))" }
          collector.lines.append(line)
          return 0
        }, box)
      _ = H5Eclear2(chdf5_e_default())
      // Upward walk lists the innermost call first; keep at most four distinct entries, outermost first.
      var seen = Set<String>()
      let lines = collector.lines.reversed().filter { seen.insert($0).inserted }
      if lines.isEmpty { return "unknown libhdf5 error" }
      let kept = lines.count > 4 ? [lines[0]] + lines.suffix(3) : lines
      return kept.joined(separator: "; ")
    }
  }

  /// Clears the error stack (after a failure that is handled, e.g. probing whether a link exists).
  static func clearErrors() { locked { _ = H5Eclear2(chdf5_e_default()) } }

  /// Whether libhdf5 can decode data compressed with filter `id` (deflate, shuffle, fletcher32, szip if built ...).
  static func filterAvailable(_ id: Int) -> Bool { locked { H5Zfilter_avail(H5Z_filter_t(id)) > 0 } }

  /// The libhdf5 version "major.minor.release".
  static var version: String {
    locked {
      var major: UInt32 = 0, minor: UInt32 = 0, release: UInt32 = 0
      _ = H5get_libversion(&major, &minor, &release)
      return "\(major).\(minor).\(release)"
    }
  }
}
