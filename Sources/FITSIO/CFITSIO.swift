// galmorph — FITSIO
//
// The one gate to cfitsio: a process-wide lock, status checks and error-stack collection.

import CCFITSIO
import Foundation

/// Internal access to cfitsio.
///
/// Debian's cfitsio 4.2 is built reentrant (`fits_is_reentrant() == 1`), which makes calls on *different*
/// `fitsfile` handles safe in parallel, but its error-message stack (`ffgmsg`) is shared by the whole process, so a
/// failure in one thread could report another thread's messages. Every cfitsio call in this module therefore runs
/// inside `CFITSIO.locked`, which also makes sharing one handle between threads safe. The lock is recursive so
/// helpers may nest. FITS I/O is never the hot loop here (decoding dominates), so the serialisation costs little.
enum CFITSIO {
  private static let lock = NSRecursiveLock()

  /// Runs `body` while holding the process-wide cfitsio lock.
  static func locked<R>(_ body: () throws -> R) rethrows -> R {
    lock.lock()
    defer { lock.unlock() }
    return try body()
  }

  /// cfitsio's short text for a status code (`ffgerr`, at most 30 characters).
  static func statusText(_ status: Int32) -> String {
    var buf = [CChar](repeating: 0, count: 32)
    ffgerr(status, &buf)
    return CFITSIO.string(buf)
  }

  /// Pops and returns cfitsio's error-message stack (`ffgmsg`), oldest first, condensed: blank and repeated lines
  /// are dropped, and at most `limit` messages are kept.
  static func drainMessages(limit: Int = 8) -> [String] {
    var out: [String] = []
    var buf = [CChar](repeating: 0, count: 96)
    while ffgmsg(&buf) != 0 {
      // Garbage input can put binary bytes into messages: keep printable ASCII only.
      let printable = CFITSIO.string(buf).unicodeScalars.map { $0.value >= 32 && $0.value < 127 ? Character($0) : "?" }
      let line = String(printable).trimmingCharacters(in: .whitespaces)
      if line.isEmpty || out.contains(line) { continue }
      out.append(line)
    }
    if out.count > limit { out = Array(out.prefix(limit - 1)) + ["… \(out.count - limit + 1) more"] }
    return out
  }

  /// Clears the error-message stack (before an operation whose messages we want to report alone).
  static func clearMessages() { ffcmsg() }

  /// The text of a NUL-terminated C buffer (invalid UTF-8 is replaced, so garbage headers cannot trap).
  static func string(_ buffer: [CChar]) -> String {
    let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// A mutable, NUL-terminated C copy of `s` for cfitsio's non-const `char*` parameters.
  static func cString(_ s: String) -> [CChar] { Array(s.utf8CString) }
}
