// galmorph — HDF5IO
//
// An open HDF5 file. All libhdf5 calls go through `HDF5Library.locked`, so a file may be shared between tasks;
// calls are serialised process-wide (libhdf5 serial is not thread-safe).

import CHDF5
import Foundation
import GalmorphSupport

/// An open HDF5 file (read-only or read-write). Objects obtained from it (groups, datasets) keep it open.
///
/// Paths inside the file are absolute (`/group/dataset`) or relative to the root (`group/dataset`).
/// Files with a user block (MATLAB v7.3 `.mat`, 512 bytes) open like any other: libhdf5 finds the superblock.
///
/// Damaged files: truncation is caught when the file is opened (the superblock records the full length) and most
/// corruption surfaces as an `HDF5IOError`. Known limit: Debian's libhdf5 1.10.8 itself can crash on some corrupted
/// attribute messages (`H5A__close` after a failed decode; HDFGroup/hdf5 issues #2662, #1368, fixed upstream in
/// 1.14). In a local trial 6 of 400 random 16-byte corruptions of the shared sample files did so; nothing in the
/// Swift layer can catch that, so untrusted files should be inspected in a separate process.
public final class HDF5File: @unchecked Sendable {
  /// How a file is opened.
  public enum Mode: Sendable {
    case readOnly, readWrite
  }

  /// The file's location (for a file being created atomically: the final destination, not the temporary name).
  public let url: URL
  /// The mode the file was opened in.
  public let mode: Mode
  /// The file identifier; -1 once closed. Guarded by the HDF5 lock.
  private(set) var id: hid_t
  /// The root group, kept open for attribute access on the file.
  private(set) var rootID: hid_t

  /// Path used in error messages.
  public var displayPath: String { url.path }

  private init(url: URL, mode: Mode, id: hid_t) throws {
    self.url = url
    self.mode = mode
    self.id = id
    let root = HDF5Library.locked { H5Gopen2(id, "/", chdf5_p_default()) }
    guard root >= 0 else {
      let reason = HDF5Library.errorStack()
      HDF5Library.locked { _ = H5Fclose(id) }
      throw HDF5IOError.cannotOpen(file: url.path, reason: "root group unreadable: \(reason)")
    }
    self.rootID = root
  }

  /// Called with every existing file before it is opened (nil by default). The `galmorph` executable sets it to a
  /// check of the file in a child process (`GalmorphCommands.IsolatedHDF5Inspection`), because libhdf5 1.10 can
  /// crash on a corrupt file — a SIGSEGV no Swift code can catch — and a crash in the child becomes an error naming
  /// the file. Set it once, before any file is opened.
  nonisolated(unsafe) public static var openCheck: (@Sendable (URL) throws -> Void)?

  /// Opens an existing file. Throws `HDF5IOError.cannotOpen` for a missing, non-HDF5, truncated or corrupt file.
  public convenience init(url: URL, mode: Mode = .readOnly) throws {
    let path = url.path
    guard FileManager.default.fileExists(atPath: path) else {
      throw HDF5IOError.cannotOpen(file: path, reason: "no such file")
    }
    try Self.openCheck?(url)
    let id: hid_t = try HDF5Library.locked {
      let isHDF5 = H5Fis_hdf5(path)
      if isHDF5 == 0 {
        throw HDF5IOError.cannotOpen(
          file: path, reason: "not an HDF5 file (no HDF5 signature at offset 0, 512, 1024 ...)")
      }
      if isHDF5 < 0 { throw HDF5IOError.cannotOpen(file: path, reason: HDF5Library.errorStack()) }
      let flags = mode == .readOnly ? chdf5_f_acc_rdonly() : chdf5_f_acc_rdwr()
      let fid = H5Fopen(path, flags, chdf5_p_default())
      if fid < 0 { throw HDF5IOError.cannotOpen(file: path, reason: HDF5Library.errorStack()) }
      return fid
    }
    try self.init(url: url, mode: mode, id: id)
  }

  /// Creates (truncating) a file at `physical`, reporting it as `reported` in errors.
  private convenience init(creating physical: URL, reportedAs reported: URL) throws {
    let id: hid_t = try HDF5Library.locked {
      // The file lives under a private temporary name until it is renamed into place (see `create(at:_:)`), so
      // libhdf5's exclusive flock(2) on it protects nothing; it did, however, outlive the write in CI and make the
      // first reopen of the renamed file fail with "unable to lock the file" (EAGAIN). Readers keep their lock.
      // H5Pset_file_locking: libhdf5 >= 1.10.7 (Debian 12 ships 1.10.8).
      let fapl = H5Pcreate(chdf5_p_file_access())
      guard fapl >= 0 else {
        throw HDF5IOError.cannotOpen(file: reported.path, reason: "cannot create: \(HDF5Library.errorStack())")
      }
      defer { H5Pclose(fapl) }
      _ = H5Pset_file_locking(fapl, false, true)
      let fid = H5Fcreate(physical.path, chdf5_f_acc_trunc(), chdf5_p_default(), fapl)
      if fid < 0 {
        throw HDF5IOError.cannotOpen(file: reported.path, reason: "cannot create: \(HDF5Library.errorStack())")
      }
      return fid
    }
    try self.init(url: reported, mode: .readWrite, id: id)
  }

  /// Creates a new file atomically: `body` fills a file at a temporary name beside `url` (see `AtomicFile`),
  /// which is flushed, closed and renamed over `url` only when `body` returns without throwing. A failure or a
  /// kill leaves `url` untouched. Objects obtained in `body` must not be used after it returns.
  @discardableResult
  public static func create<R>(at url: URL, _ body: (HDF5File) throws -> R) throws -> R {
    let result = try AtomicFile.write(to: url) { temporary in
      let file = try HDF5File(creating: temporary, reportedAs: url)
      do {
        let result = try body(file)
        try file.flushAndClose()
        return result
      } catch {
        file.close()
        throw error
      }
    }
    created?(url)
    return result
  }

  /// Called with every file ``create(at:_:)`` wrote (nil by default): the `galmorph` executable records them, so
  /// that ``openCheck`` does not walk again what this process wrote itself.
  nonisolated(unsafe) public static var created: (@Sendable (URL) -> Void)?

  deinit { close() }

  /// Closes the file. Further use of the file or its objects throws. Calling it twice is harmless.
  public func close() {
    HDF5Library.locked {
      if rootID >= 0 { _ = H5Gclose(rootID); rootID = -1 }
      if id >= 0 { _ = H5Fclose(id); id = -1 }
      HDF5Library.clearErrors()
    }
  }

  /// Flushes all buffers to disk and closes; throws if libhdf5 reports a write error.
  public func flushAndClose() throws {
    try HDF5Library.locked {
      guard id >= 0 else { return }
      if H5Fflush(id, H5F_SCOPE_GLOBAL) < 0 {
        throw HDF5IOError.writeFailed(file: displayPath, path: "/", reason: HDF5Library.errorStack())
      }
      _ = H5Gclose(rootID); rootID = -1
      let status = H5Fclose(id)
      id = -1
      if status < 0 { throw HDF5IOError.writeFailed(file: displayPath, path: "/", reason: HDF5Library.errorStack()) }
    }
  }

  /// The file id, or an error if the file was closed (caller holds the lock).
  func openID(for path: String) throws -> hid_t {
    guard id >= 0 else {
      throw HDF5IOError.library(file: displayPath, path: path, call: "use", reason: "file is closed")
    }
    return id
  }

  /// Size in bytes of the user block before the HDF5 superblock (0 for most files, 512 for MATLAB v7.3).
  public func userBlockSize() throws -> Int {
    try HDF5Library.locked {
      let fid = try openID(for: "/")
      let plist = H5Fget_create_plist(fid)
      guard plist >= 0 else { throw error(path: "/", call: "H5Fget_create_plist") }
      defer { H5Pclose(plist) }
      var size: hsize_t = 0
      guard H5Pget_userblock(plist, &size) >= 0 else { throw error(path: "/", call: "H5Pget_userblock") }
      return Int(size)
    }
  }

  /// A `library` error for `call` on `path` with the condensed HDF5 error stack.
  func error(path: String, call: String) -> HDF5IOError {
    .library(file: displayPath, path: path, call: call, reason: HDF5Library.errorStack())
  }

  /// `/a/b` from `a/b`, `/a//b/`, `/a/b`; the root is `/`.
  static func normalize(_ path: String) -> String {
    let parts = path.split(separator: "/", omittingEmptySubsequences: true)
    return "/" + parts.joined(separator: "/")
  }
}
