// galmorph — MorphologyClassifier
//
// Building a LabelledDataset from a catalog of cutout paths (CSV/TSV, FITS table, HDF5); image stacks are in
// LabelledDataset+ImageStack.swift.
import CatalogIO
import Foundation
import GalmorphSupport
import HDF5IO

/// Which catalog columns hold what.
public struct CatalogColumns: Sendable, Equatable {
  /// Column of image paths, relative to the catalog's folder (or absolute). nil = first of
  /// ``defaultImageNames`` present.
  public var image: String?
  /// Label column; nil = first of ``defaultLabelNames`` present.
  public var label: String?
  /// Optional vote-fraction column (P(spiral) ∈ [0, 1]) used as soft target.
  public var voteFraction: String?
  /// Optional split column: `val`/`validation`/`valid`/`test` mark validation rows, anything else trains.
  public var split: String?
  public static let defaultImageNames = ["file", "image", "path", "filename", "image_path", "cutout"]
  public static let defaultLabelNames = ["label", "binary_label", "class", "morphology"]
  public init(image: String? = nil, label: String? = nil, voteFraction: String? = nil, split: String? = nil) {
    self.image = image; self.label = label; self.voteFraction = voteFraction; self.split = split
  }

  /// Resolves a column name (given, or the first default present) to its index in `header`.
  static func resolve(_ given: String?, defaults: [String], header: [String], path: String, role: String) throws -> Int
  {
    if let given {
      guard let i = header.firstIndex(of: given) else {
        throw ClassifierError.invalidInput(
          path: path, reason: "no column '\(given)' (\(role)); columns: \(header.joined(separator: ", "))")
      }
      return i
    }
    let lower = header.map { $0.lowercased() }
    for d in defaults { if let i = lower.firstIndex(of: d) { return i } }
    throw ClassifierError.invalidInput(
      path: path,
      reason:
        "no \(role) column found (looked for \(defaults.joined(separator: ", "))); name it with the option for the \(role) column"
    )
  }
}

extension LabelledDataset {
  /// Loads a catalog (CSV/TSV(.gz), FITS binary table or HDF5, see ``CatalogText``): maps labels
  /// (``LabelMapping``; dropped rows are counted), reads every image (paths relative to the catalog's folder) and
  /// preprocesses it in parallel.
  ///
  /// Throws `ClassifierError.unknownLabels` (unmapped label values, listed), `.emptyCatalog` (no rows or no
  /// labelled rows), `.invalidInput` naming the image file and catalog line/row for a missing/unreadable image, and
  /// `.imageTooSmall` naming the image for a cutout smaller than the crop.
  public static func load(
    catalog url: URL, columns: CatalogColumns = .init(), mapping: LabelMapping = .init(),
    recipe: PreprocessingRecipe
  ) throws -> LabelledDataset {
    let path = url.path
    let extra = [columns.voteFraction, columns.split].compactMap { $0 }
    let table = try CatalogText.read(url, columns: columns, mapping: mapping, extra: extra)
    let keep = table.keep
    var targets: [Float] = [], splitFlags: [Bool] = []
    for i in keep {
      let y = table.mapped[i]!
      if let name = columns.voteFraction, let votes = table.extra[name] {
        let raw = votes[i]
        guard let f = Float(raw.trimmingCharacters(in: .whitespaces)), (0...1).contains(f) else {
          let at = table.lines.map { "line \($0[i])" } ?? "row \(i + 1)"
          throw ClassifierError.invalidInput(
            path: path,
            reason: "\(at), column '\(name)': vote fraction '\(raw)' is not a number in [0, 1]")
        }
        targets.append(f)
      } else {
        targets.append(Float(y))
      }
      if let name = columns.split, let flags = table.extra[name] {
        let v = flags[i].trimmingCharacters(in: .whitespaces).lowercased()
        splitFlags.append(["val", "validation", "valid", "test"].contains(v))
      }
    }
    let imageURLs = keep.map { table.imageURL($0) }
    let inputs = try preprocessAll(count: keep.count, recipe: recipe) { k in
      do { return try CutoutLoader.load(imageURLs[k], recipe: recipe) } catch let e as ClassifierError {
        if case .imageTooSmall = e { throw e }
        throw ClassifierError.invalidInput(path: imageURLs[k].path, reason: "\(e) (\(table.location(keep[k])))")
      } catch {
        throw ClassifierError.invalidInput(
          path: imageURLs[k].path, reason: "unreadable image: \(error) (\(table.location(keep[k])))")
      }
    }
    return LabelledDataset(
      recipe: recipe, inputs: inputs, labels: keep.map { table.mapped[$0]! }, targets: targets,
      rows: keep, isValidation: columns.split == nil ? nil : splitFlags, source: path,
      sourceSHA256: table.sha256, droppedLabels: table.dropped)
  }
}
