// galmorph — GalmorphSupport
//
// One writer per output: a second process writing the same output refuses instead of interleaving.

import Foundation

/// An advisory lock (`flock(2)`) on a small lock file beside an output, held while a command writes it.
///
/// A second galmorph process that would write the same output fails at once with a message naming the output and
/// the process holding it, instead of interleaving rows or overwriting models. The kernel releases the lock when the
/// process ends however it ends (SIGKILL included), so a stale lock file never blocks a later run or `--resume`.
/// An exclusive lock removes its file when released; a shared lock (tasks of one cluster audit, which write different
/// files of one folder) leaves it. Lock files: `.<name>.lock` beside a file output, `.galmorph.lock` in a folder.
public final class OutputLock {
  public let lockFile: URL
  private var fd: Int32
  private let exclusive: Bool

  /// Takes the lock on `lockFile` for `output` (the path named in the message): exclusive by default, or shared.
  public init(lockFile: URL, output: String, shared: Bool = false) throws {
    self.lockFile = lockFile
    exclusive = !shared
    try OutputLocation.prepareParent(of: lockFile)
    fd = open(lockFile.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      throw SupportError.io(
        path: output,
        reason: "cannot create the lock file \(lockFile.lastPathComponent): "
          + String(cString: strerror(errno)))
    }
    guard flock(fd, (shared ? LOCK_SH : LOCK_EX) | LOCK_NB) == 0 else {
      let busy = errno == EWOULDBLOCK
      let holder = Self.holder(fd)
      close(fd)
      fd = -1
      guard busy else {
        throw SupportError.io(
          path: output,
          reason: "cannot lock \(lockFile.lastPathComponent): "
            + String(cString: strerror(errno)))
      }
      throw SupportError.io(
        path: output,
        reason: "another galmorph process\(holder.map { " (pid \($0))" } ?? "") is writing this output; wait for it "
          + "to finish or choose another output (lock file \(lockFile.lastPathComponent))")
    }
    if exclusive {
      let pid = Data("\(getpid())\n".utf8)
      ftruncate(fd, 0)
      _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }
  }

  /// The lock for a file output: `.<name>.lock` in the file's folder.
  public static func file(_ output: URL) throws -> OutputLock {
    let lock = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).lock")
    return try OutputLock(lockFile: lock, output: output.path)
  }

  /// The lock for an output folder: `.galmorph.lock` in it (created when missing).
  public static func folder(_ folder: URL, shared: Bool = false) throws -> OutputLock {
    try OutputLock(
      lockFile: folder.appendingPathComponent(".galmorph.lock"), output: folder.path, shared: shared)
  }

  /// Releases the lock (also done by `deinit`).
  public func release() {
    guard fd >= 0 else { return }
    if exclusive { unlink(lockFile.path) }
    flock(fd, LOCK_UN)
    close(fd)
    fd = -1
  }

  deinit { release() }

  /// The pid written by the process holding the lock, if readable.
  private static func holder(_ fd: Int32) -> Int32? {
    var buffer = [UInt8](repeating: 0, count: 32)
    let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
    guard n > 0 else { return nil }
    return Int32(String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
  }
}
