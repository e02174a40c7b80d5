// galmorph — GalmorphCommands
//
// The image stack `galmorph audit` works on: `--images` as given, or `--catalog` stacked (and cached) into the
// output folder by ``AuditStackCache``.

import AnisotropyAudit
import Foundation
import GalmorphSupport
import HDF5IO
import MorphologyClassifier

extension AuditCommand {
  /// The stack to audit, the label mapping to read it with, and the catalog it was made from (with `--catalog`).
  struct Input {
    var stack: URL
    var mapping: LabelMapping
    var catalog: AuditPipeline.SourceCatalog?
  }

  /// Default `--stack-crop-size` and `--stack-size` (those of `galmorph stack`).
  static let defaultStackCropSize = 224, defaultStackSize = 64

  /// Side and channels of the stamps the audit will read: the `--images` stack's, or those `--catalog` is stacked to.
  func stampShape() throws -> (side: Int, channels: Int) {
    guard let images else { return (stackSize ?? Self.defaultStackSize, 3) }
    let url = try Self.stackURL(images)
    let file = try HDF5File(url: url)
    defer { file.close() }
    let stack = try ImageStackFile(file: file).images
    guard stack.height == stack.width else {
      throw CommandError.input(
        path: url.path, reason: "dataset 'images' has non-square stamps \(stack.height)×\(stack.width)")
    }
    return (stack.height, stack.channels)
  }

  /// The `--images` stack, or the `--catalog` stacked into `folder/stack.h5` (reused on `--resume` when the catalog's
  /// SHA-256 and the stack options are unchanged; see ``AuditStackCache``).
  func auditInput(folder: URL) throws -> Input {
    let mapping = try labels.mapping()
    guard let catalog else { return Input(stack: try Self.stackURL(images ?? ""), mapping: mapping) }
    let catalogURL = URL(fileURLWithPath: catalog)
    guard FileManager.default.fileExists(atPath: catalogURL.path) else {
      throw CommandError.input(path: catalog, reason: "no such catalog")
    }
    let settings = AuditStackCache.Settings(
      imageColumn: labels.imageColumn, labelColumn: labels.labelColumn, mapping: mapping, idColumn: columns.idColumn,
      raColumn: columns.raColumn, decColumn: columns.decColumn, cropSize: stackCropSize ?? Self.defaultStackCropSize,
      size: stackSize ?? Self.defaultStackSize)
    if !resume || !FileManager.default.fileExists(atPath: folder.appendingPathComponent(AuditStackCache.fileName).path)
    {
      log(
        "stacking \(catalog) (crop \(settings.cropSize) px, stored at \(settings.size) px) into \(folder.appendingPathComponent(AuditStackCache.fileName).path) …"
      )
    }
    let (url, outcome, catalogSHA256) = try AuditStackCache.prepare(
      catalog: catalogURL, settings: settings, folder: folder, resume: resume,
      commandLine: CommandLine.arguments.joined(separator: " "))
    switch outcome {
    case .reused:
      log("reusing the cached stack \(url.path) (same catalog SHA-256 and stack options)")
    case let .built(count, dropped):
      let list = StackColumnOptions.droppedText(dropped)
      log("stacked \(count) galaxies" + (list.isEmpty ? "" : "; dropped labels: \(list)"))
    }
    // The stack holds the classes as codes (1 = spiral, 0 = elliptical): the catalog's label mapping is already applied.
    return Input(
      stack: url, mapping: LabelMapping(),
      catalog: AuditPipeline.SourceCatalog(path: catalogURL.path, sha256: catalogSHA256))
  }

  /// What stacking `--catalog` into the folder writes (``ImageStackExport/estimatedBytes(catalog:size:maxCount:)``, as
  /// `galmorph stack` estimates); 0 without `--catalog` or when a resumed run reuses the cached stack.
  func stackSpaceNeeded(folder: URL) throws -> Int64 {
    guard let catalog else { return 0 }
    if resume && FileManager.default.fileExists(atPath: folder.appendingPathComponent(AuditStackCache.fileName).path) {
      return 0
    }
    return ImageStackExport.estimatedBytes(
      catalog: URL(fileURLWithPath: catalog), size: stackSize ?? Self.defaultStackSize
    ).bytes
  }

  /// `images` itself, or `images/cutouts.h5` when it is a folder.
  static func stackURL(_ images: String) throws -> URL {
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: images, isDirectory: &isDir) else {
      throw CommandError.input(path: images, reason: "no such file or folder")
    }
    let url = URL(fileURLWithPath: images)
    if !isDir.boolValue { return url }
    let inner = url.appendingPathComponent("cutouts.h5")
    guard FileManager.default.fileExists(atPath: inner.path) else {
      throw CommandError.input(path: images, reason: "folder without cutouts.h5; pass the HDF5 image stack itself")
    }
    return inner
  }
}
