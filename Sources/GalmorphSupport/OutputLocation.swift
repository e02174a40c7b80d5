// galmorph — GalmorphSupport
//
// Where outputs go: folders are created when missing; an impossible location is an error naming the path.

import Foundation

/// Prepares the folders outputs are written into. Every command that writes files calls this for each output
/// before doing any work (so a bad location fails at once, not after hours of training), and ``AtomicFile`` calls
/// it again before writing.
public enum OutputLocation {
  /// Makes sure `folder` exists as a writable folder, creating it and any missing parents.
  ///
  /// - Throws: ``SupportError/io(path:reason:)`` naming `folder` and what is wrong: a part of the path that is a
  ///   file, a folder that cannot be created (e.g. permission denied, read-only file system), or an existing folder
  ///   that is not writable.
  /// - Returns: the outermost folder this call created (`folder` or one of its parents), nil when `folder` existed;
  ///   hand it to ``removeIfEmpty(_:)`` when the command ends, so a run refused before writing anything (no space,
  ///   a bad option found late) leaves no empty folder behind.
  @discardableResult
  public static func prepareFolder(_ folder: URL) throws -> URL? {
    let folder = folder.standardizedFileURL
    let created = outermostMissing(folder)
    if let problem = ensureFolder(folder) {
      throw SupportError.io(path: folder.path, reason: problem.text(folder: nil))
    }
    return created
  }

  /// Removes `created` (from ``prepareFolder(_:)``) when no file lies anywhere under it — only empty folders; a
  /// folder holding any output, even a partial one kept for `--resume`, stays. Nothing happens for nil.
  public static func removeIfEmpty(_ created: URL?) {
    guard let created else { return }
    let fm = FileManager.default
    guard let walker = fm.enumerator(at: created, includingPropertiesForKeys: [.isDirectoryKey], options: []) else {
      return
    }
    for case let url as URL in walker {
      guard (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true else { return }
    }
    try? fm.removeItem(at: created)
  }

  /// The outermost missing folder on the way to `folder` (nil when `folder` exists).
  static func outermostMissing(_ folder: URL) -> URL? {
    let fm = FileManager.default
    var missing: URL?
    var current = folder
    while !fm.fileExists(atPath: current.path) {
      missing = current
      let up = current.deletingLastPathComponent()
      if up.path == current.path { break }
      current = up
    }
    return missing
  }

  /// Makes sure the folder that will hold the file `file` exists (see ``prepareFolder(_:)``), and that `file`
  /// itself is not an existing folder.
  ///
  /// - Throws: ``SupportError/io(path:reason:)`` naming `file`, and its folder when that is the problem.
  public static func prepareParent(of file: URL) throws {
    let file = file.standardizedFileURL
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), isDirectory.boolValue {
      throw SupportError.io(path: file.path, reason: "is a folder; give a file name for this output")
    }
    let folder = file.deletingLastPathComponent()
    if let problem = ensureFolder(folder) {
      throw SupportError.io(path: file.path, reason: "cannot write here: " + problem.text(folder: folder.path))
    }
  }

  /// ``prepareParent(of:)`` for a path as typed on the command line.
  public static func prepareParent(ofPath path: String) throws { try prepareParent(of: URL(fileURLWithPath: path)) }

  /// What stops a folder from holding outputs.
  enum Problem {
    case isFile, ancestorIsFile(String), notWritable, cannotCreate(String)

    /// The reason, naming the folder when `folder` is given (messages about a file in it).
    func text(folder: String?) -> String {
      let subject = folder.map { "the folder \($0)" } ?? "this folder"
      switch self {
      case .isFile:
        return (folder.map { "\($0) is" } ?? "it is") + " a file, not a folder; choose another output location"
      case let .ancestorIsFile(path): return "cannot create \(subject): \(path) is a file, not a folder"
      case .notWritable: return "\(subject) is not writable (permission denied)"
      case let .cannotCreate(reason): return "cannot create \(subject): \(reason)"
      }
    }
  }

  /// Creates `folder` and its missing parents; nil when it exists (or now exists) as a writable folder.
  static func ensureFolder(_ folder: URL) -> Problem? {
    let fm = FileManager.default
    var isDirectory: ObjCBool = false
    if fm.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else { return .isFile }
      return fm.isWritableFile(atPath: folder.path) ? nil : .notWritable
    }
    // The nearest existing ancestor decides: a file there can never hold a folder.
    let ancestor = (outermostMissing(folder) ?? folder).deletingLastPathComponent()
    if fm.fileExists(atPath: ancestor.path, isDirectory: &isDirectory), !isDirectory.boolValue {
      return .ancestorIsFile(ancestor.path)
    }
    do { try fm.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
      // Another process may have created it meanwhile.
      if fm.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue { return nil }
      return .cannotCreate(FileErrorText.reason(error))
    }
    return nil
  }
}
