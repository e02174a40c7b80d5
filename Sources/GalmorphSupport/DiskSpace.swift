// galmorph — GalmorphSupport
//
// Free space where outputs go: checked before long work, and named when a write fails for lack of it.

import Foundation

/// Free space on the file system that holds an output.
///
/// Long commands estimate what they will write and call ``require(_:at:for:)`` before any work, so a survey run
/// that cannot fit fails at once, naming the folder, the space needed and the space free. A disk that fills during
/// the run (another process writing) makes a write fail part-way; ``guarding(_:needed:_:)`` turns that failure into
/// the same message. Outputs are written under temporary names and renamed into place (``AtomicFile``), so the
/// failure leaves no truncated file under a final name, and commands with `--resume` continue from their progress
/// file once space is freed.
///
/// Free space is `statvfs`'s `f_bavail × f_frsize` (the blocks available to an unprivileged user) of the nearest
/// existing folder on the path.
public enum DiskSpace {
  /// Slack kept free beyond an estimate of `needed` bytes: 10 %, at most 64 MiB (estimates are approximate:
  /// compression, headers, file-system blocks).
  public static func margin(_ needed: Int64) -> Int64 { min(needed / 10, 64 << 20) }

  /// Bytes available at `url` (or its nearest existing ancestor); nil when the file system cannot say.
  public static func available(at url: URL) -> Int64? {
    var path = url.standardizedFileURL
    let fm = FileManager.default
    while !fm.fileExists(atPath: path.path) {
      let up = path.deletingLastPathComponent()
      if up.path == path.path { break }
      path = up
    }
    var info = statvfs()
    guard statvfs(path.path, &info) == 0 else { return nil }
    return Int64(info.f_bavail) * Int64(info.f_frsize)
  }

  /// Throws ``SupportError/noSpace(path:needed:available:what:failure:)`` when `needed` bytes (plus ``margin(_:)``) are not
  /// free at `url`; `what` names the output ("the annotated catalog").
  public static func require(_ needed: Int64, at url: URL, for what: String) throws {
    guard let free = available(at: url), free < needed + margin(needed) else { return }
    throw SupportError.noSpace(path: url.path, needed: needed, available: free, what: what, failure: nil)
  }

  /// ``require(_:at:for:)`` then ``guarding(_:needed:for:_:)`` with the same estimate, folder and description: the
  /// checks of a long command that knows up front what it will write.
  public static func reserving<R>(_ needed: Int64, at url: URL, for what: String, _ body: () throws -> R) throws -> R {
    try require(needed, at: url, for: what)
    return try guarding(url, needed: needed, for: what, body)
  }

  /// Runs `body`, which writes `what`; when it throws because the device is full, rethrows ``SupportError/noSpace(path:needed:available:what:failure:)``
  /// naming `url`, the estimate `needed` and the failed write. A failure is put down to a full device when the
  /// error says so (ENOSPC: "No space left on device", from Foundation, libhdf5's error stack or the C library), or
  /// when less than 1 MiB is left at `url` after the failure (cfitsio reports a failed write without the reason).
  public static func guarding<R>(
    _ url: URL, needed: Int64?, for what: String, _ body: () throws -> R
  ) throws -> R {
    do { return try body() } catch {
      if case SupportError.noSpace = error { throw error }
      if case SupportError.interrupted = error { throw error }
      let free = available(at: url) ?? 0
      guard isNoSpace(error) || free < 1 << 20 else { throw error }
      // The failure's first clause (libhdf5's error stack runs to a dozen lines), then the reason in words.
      var reason = String(FileErrorText.reason(error).split(separator: ";").first ?? "")
      if reason.count > 200 { reason = reason.prefix(200) + "…" }
      if !reason.lowercased().contains("write") { reason = "a write failed: " + reason }
      if isNoSpace(error) && !reason.lowercased().contains("no space left") { reason += ": no space left on device" }
      throw SupportError.noSpace(path: url.path, needed: needed, available: free, what: what, failure: reason)
    }
  }

  /// Whether `error` (or its text) reports ENOSPC.
  public static func isNoSpace(_ error: any Error) -> Bool {
    let ns = error as NSError
    if ns.domain == NSPOSIXErrorDomain, ns.code == Int(ENOSPC) { return true }
    if ns.domain == NSCocoaErrorDomain, ns.code == CocoaError.fileWriteOutOfSpace.rawValue { return true }
    if let u = ns.userInfo[NSUnderlyingErrorKey] as? NSError, u.domain == NSPOSIXErrorDomain, u.code == Int(ENOSPC) {
      return true
    }
    let text = "\(error)".lowercased()
    return text.contains("no space left") || text.contains("errno = 28") || text.contains("out of space")
  }

  /// Bytes held by the regular files under `url` (a file or a folder, searched recursively; 0 when missing): what a
  /// resumed run has already written and so no longer needs free.
  public static func bytes(under url: URL) -> Int64 {
    let fm = FileManager.default
    var isFolder: ObjCBool = false
    guard fm.fileExists(atPath: url.path, isDirectory: &isFolder) else { return 0 }
    func size(_ path: String) -> Int64 {
      guard let a = try? fm.attributesOfItem(atPath: path), a[.type] as? FileAttributeType == .typeRegular else {
        return 0
      }
      return a[.size] as? Int64 ?? 0
    }
    guard isFolder.boolValue else { return size(url.path) }
    let names = fm.enumerator(atPath: url.path)?.allObjects as? [String] ?? []
    return names.reduce(0) { $0 + size(url.appendingPathComponent($1).path) }
  }

  /// Bytes for people: "512 B", "12.3 kB", "4.1 MB", "2.05 GB" (powers of 1000).
  public static func text(_ bytes: Int64) -> String {
    let b = Double(bytes)
    switch bytes {
    case ..<1000: return "\(bytes) B"
    case ..<1_000_000: return String(format: "%.1f kB", b / 1e3)
    case ..<1_000_000_000: return String(format: "%.1f MB", b / 1e6)
    default: return String(format: "%.2f GB", b / 1e9)
    }
  }
}
