// galmorph — GalmorphSupport
//
// Outputs appear whole or not at all: write to a temporary name beside the target, then rename(2).

import Foundation

/// Writes files atomically: the content goes to `<name>.tmp-<pid>-<random>` in the destination's folder and is
/// renamed over the destination only when the writer returns without throwing. A killed process leaves at most a
/// stray temporary file, never a truncated output. `rename(2)` is atomic within one file system, which is why the
/// temporary file lives in the same folder.
public enum AtomicFile {
  /// The temporary path used for `destination` by this process.
  public static func temporaryURL(for destination: URL) -> URL {
    let tag = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
    return destination.deletingLastPathComponent()
      .appendingPathComponent(".\(destination.lastPathComponent).tmp-\(tag)")
  }

  /// Calls `write` with a temporary URL, then renames it to `destination`. Missing parent folders are created
  /// (``OutputLocation/prepareParent(of:)``, which names the path when that is impossible). On error the temporary
  /// file is removed and the destination is left untouched.
  @discardableResult
  public static func write<R>(to destination: URL, _ write: (URL) throws -> R) throws -> R {
    let fm = FileManager.default
    try OutputLocation.prepareParent(of: destination)
    let tmp = temporaryURL(for: destination)
    do {
      let result = try write(tmp)
      try commit(temporary: tmp, to: destination)
      return result
    } catch {
      try? fm.removeItem(at: tmp)
      throw error
    }
  }

  /// Writes `data` atomically to `destination`.
  public static func write(_ data: Data, to destination: URL) throws {
    try write(to: destination) { tmp in
      do { try data.write(to: tmp) } catch {
        throw SupportError.io(path: destination.path, reason: "write failed: \(FileErrorText.reason(error))")
      }
    }
  }

  /// Writes a UTF-8 string atomically to `destination`.
  public static func write(_ text: String, to destination: URL) throws { try write(Data(text.utf8), to: destination) }

  /// Renames a finished temporary file over `destination` (replacing it).
  public static func commit(temporary: URL, to destination: URL) throws {
    if rename(temporary.path, destination.path) != 0 {
      let reason = String(cString: strerror(errno))
      throw SupportError.io(
        path: destination.path, reason: "cannot rename \(temporary.lastPathComponent) into place: \(reason)")
    }
  }
}
