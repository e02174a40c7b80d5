// galmorph — AnisotropyAudit
//
// The image stack an audit of a catalog works on: built from the catalog by the code `galmorph stack` uses
// (``ImageStackExport``), cached in the audit folder, and reused on resume only when the catalog and the settings
// are those it was built from.

import CatalogIO
import Foundation
import GalmorphSupport
import HDF5IO
import MorphologyClassifier

/// `<folder>/stack.h5`: the catalog's cutouts as an image stack (``ImageStackSchema``), written under a temporary
/// name and renamed. Its root attributes record the catalog's SHA-256 (`source_sha256`) and the settings it was built
/// with (`audit_stack_settings`, JSON), which a resumed audit compares before reusing it.
public enum AuditStackCache {
  /// File name of the cached stack inside the audit folder.
  public static let fileName = "stack.h5"
  /// Root attribute holding the ``Settings`` as JSON.
  public static let settingsAttribute = "audit_stack_settings"

  /// Everything that decides the content of the stack besides the catalog itself.
  public struct Settings: Codable, Sendable, Equatable {
    /// Image-path and label columns (nil = found by their usual names).
    public var imageColumn: String?, labelColumn: String?
    /// The label mapping (`--spiral`/`--elliptical`, or the default vocabulary).
    public var mapping: LabelMapping
    /// Identifier and position columns (nil = found by their usual names; no id dataset without `idColumn`).
    public var idColumn: String?, raColumn: String?, decColumn: String?
    /// Centre crop of the cutouts (their pixels) and the stored side, as `galmorph stack --crop-size --size`.
    public var cropSize: Int, size: Int

    public init(
      imageColumn: String?, labelColumn: String?, mapping: LabelMapping, idColumn: String?, raColumn: String?,
      decColumn: String?, cropSize: Int, size: Int
    ) {
      self.imageColumn = imageColumn; self.labelColumn = labelColumn; self.mapping = mapping; self.idColumn = idColumn
      self.raColumn = raColumn; self.decColumn = decColumn; self.cropSize = cropSize; self.size = size
    }

    func json() throws -> String { String(decoding: try JSONCoding.encoder().encode(self), as: UTF8.self) }
  }

  /// What ``prepare(catalog:settings:folder:resume:commandLine:)`` did.
  public enum Outcome: Sendable, Equatable {
    /// The stack was built (`count` galaxies; dropped label values counted).
    case built(count: Int, droppedLabels: [String: Int])
    /// A cached stack of the same catalog (same SHA-256) and settings was reused.
    case reused
  }

  /// The stack of `catalog` in `folder`. With `resume` and a cached stack, the cache is reused when the catalog's
  /// SHA-256 and the settings equal those recorded in it, and refused otherwise (the finished models of the folder
  /// were trained on it). Without `resume`, or without a cached stack, the stack is built (replacing any cache).
  ///
  /// - Throws: ``AuditError/resume(path:reason:)`` naming the cached stack and what changed; the errors of
  ///   ``ImageStackExport/write(catalog:columns:idColumn:positions:keepColumns:mapping:cropSize:size:channels:maxCount:seed:output:commandLine:extraAttributes:)``
  ///   for the catalog (file, row and column named).
  /// - Returns: the stack, what was done, and the catalog's SHA-256 (computed once, for the caller's provenance).
  public static func prepare(
    catalog: URL, settings: Settings, folder: URL, resume: Bool,
    commandLine: String? = nil
  ) throws -> (url: URL, outcome: Outcome, catalogSHA256: String) {
    let url = folder.appendingPathComponent(fileName)
    if resume && FileManager.default.fileExists(atPath: url.path) {
      return (url, .reused, try checkCache(url, catalog: catalog, settings: settings))
    }
    let summary = try ImageStackExport.write(
      catalog: catalog, columns: CatalogColumns(image: settings.imageColumn, label: settings.labelColumn),
      idColumn: settings.idColumn, positions: CatalogColumnSelection(ra: settings.raColumn, dec: settings.decColumn),
      mapping: settings.mapping, cropSize: settings.cropSize, size: settings.size, output: url,
      commandLine: commandLine,
      extraAttributes: [settingsAttribute: try settings.json()])
    return (url, .built(count: summary.count, droppedLabels: summary.droppedLabels), summary.catalogSHA256)
  }

  /// Throws unless the stack at `url` was built from `catalog` as it is now, with `settings`; returns the catalog's
  /// SHA-256.
  static func checkCache(_ url: URL, catalog: URL, settings: Settings) throws -> String {
    let file: HDF5File
    do { file = try HDF5File(url: url) } catch {
      throw AuditError.resume(
        path: url.path,
        reason: "the cached stack cannot be read (\(error)); remove it to rebuild it, or choose another --out")
    }
    defer { file.close() }
    let a = file.attributes
    let recorded =
      a.contains(ImageStackSchema.sourceSHA256Attribute) ? try a.string(ImageStackSchema.sourceSHA256Attribute) : nil
    let current = try Checksum.sha256(fileAt: catalog)
    guard recorded == current else {
      throw AuditError.resume(
        path: url.path,
        reason:
          "it was built from a catalog with SHA-256 \(recorded ?? "(none recorded)"), but \(catalog.path) now has \(current); "
          + "the finished models in this folder were trained on the cached stack: resume with the catalog it was built from, or audit the changed catalog into another --out"
      )
    }
    let stored = a.contains(settingsAttribute) ? try a.string(settingsAttribute) : nil
    let wanted = try settings.json()
    guard stored == wanted else {
      throw AuditError.resume(
        path: url.path,
        reason:
          "it was built with other stack settings (\(stored.map { $0.replacingOccurrences(of: "\n", with: " ") } ?? "none recorded")); "
          + "resume with the same --stack-crop-size, --stack-size, label and column options, or choose another --out")
    }
    return current
  }
}
