// galmorph — GalmorphSupport
//
// All-or-nothing output folders: files are built in a hidden staging folder and renamed into place together.

import Foundation

/// Stages the files of one command run inside `<dir>/.galmorph-staging-<uuid>/` and moves them into `dir` only when
/// every one was written (`commit`). On any error before that, `discard` (also run by `deinit`) removes the staging
/// folder, so the output folder holds either all new files or none of them (each rename is atomic, rename(2)).
public final class OutputStaging {
  public let directory: URL
  public let staging: URL
  private var names: [String] = []
  private var committed = false

  public init(directory: URL) throws {
    self.directory = directory
    staging = directory.appendingPathComponent(".galmorph-staging-\(UUID().uuidString)")
    try OutputLocation.prepareFolder(directory)
    do { try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true) } catch {
      throw SupportError.io(
        path: directory.path, reason: "cannot create the output folder: \(FileErrorText.reason(error))")
    }
  }

  deinit { if !committed { discard() } }

  /// The staging path for `name`; the file will become `directory/name` on commit.
  public func url(_ name: String) -> URL {
    names.append(name)
    return staging.appendingPathComponent(name)
  }

  /// Writes `data` to the staged `name` (atomically within the staging folder).
  public func write(_ data: Data, name: String) throws { try AtomicFile.write(data, to: url(name)) }

  /// Moves every staged file into `directory` and removes the staging folder. A staged folder replaces a folder of
  /// the same name (e.g. a previous run's `cutouts/`), which rename(2) cannot do when that folder is not empty.
  public func commit() throws {
    let fm = FileManager.default
    for name in names {
      let staged = staging.appendingPathComponent(name), destination = directory.appendingPathComponent(name)
      var isFolder: ObjCBool = false
      guard fm.fileExists(atPath: staged.path, isDirectory: &isFolder) else { continue }
      if isFolder.boolValue && fm.fileExists(atPath: destination.path) { try? fm.removeItem(at: destination) }
      try AtomicFile.commit(temporary: staged, to: destination)
    }
    committed = true
    try? FileManager.default.removeItem(at: staging)
  }

  /// Removes the staging folder and everything in it.
  public func discard() { try? FileManager.default.removeItem(at: staging) }
}
