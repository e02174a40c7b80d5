// galmorph — MorphologyClassifier
//
// Building a LabelledDataset from a CSV catalog of cutout paths or from an HDF5 image stack.
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
  static func resolve(_ given: String?, defaults: [String], header: [String], path: String, role: String) throws -> Int {
    if let given {
      guard let i = header.firstIndex(of: given) else {
        throw ClassifierError.invalidInput(path: path, reason: "no column '\(given)' (\(role)); columns: \(header.joined(separator: ", "))")
      }
      return i
    }
    let lower = header.map { $0.lowercased() }
    for d in defaults { if let i = lower.firstIndex(of: d) { return i } }
    throw ClassifierError.invalidInput(path: path,
      reason: "no \(role) column found (looked for \(defaults.joined(separator: ", "))); name it with the option for the \(role) column")
  }
}

extension LabelledDataset {
  /// Loads a CSV/TSV catalog: maps labels (``LabelMapping``; dropped rows are counted), reads every image (paths
  /// relative to the catalog's folder) and preprocesses it in parallel.
  ///
  /// Throws `ClassifierError.unknownLabels` (unmapped label values, listed), `.emptyCatalog` (no rows or no
  /// labelled rows), `.invalidInput` naming the image file and catalog row for a missing/unreadable image, and
  /// `.imageTooSmall` naming the image for a cutout smaller than the crop.
  public static func load(catalog url: URL, columns: CatalogColumns = .init(), mapping: LabelMapping = .init(),
                          recipe: PreprocessingRecipe) throws -> LabelledDataset {
    let path = url.path
    let reader = try CSVReader(url: url)
    let header = reader.header
    let iImage = try CatalogColumns.resolve(columns.image, defaults: CatalogColumns.defaultImageNames, header: header,
                                            path: path, role: "image")
    let iLabel = try CatalogColumns.resolve(columns.label, defaults: CatalogColumns.defaultLabelNames, header: header,
                                            path: path, role: "label")
    let iVote = try columns.voteFraction.map { try CatalogColumns.resolve($0, defaults: [], header: header, path: path, role: "vote fraction") }
    let iSplit = try columns.split.map { try CatalogColumns.resolve($0, defaults: [], header: header, path: path, role: "split") }
    var rows: [CSVRow] = []
    while let r = try reader.nextRow() { rows.append(r) }
    guard !rows.isEmpty else { throw ClassifierError.emptyCatalog(path: path, reason: "the catalog has a header but no data rows") }
    let (mapped, dropped) = try mapping.apply(rows.map { $0.fields[iLabel] }, source: path, column: header[iLabel])
    let keep = mapped.indices.filter { mapped[$0] != nil }
    guard !keep.isEmpty else {
      throw ClassifierError.emptyCatalog(path: path, reason: "no row has a spiral or elliptical label in column '\(header[iLabel])'")
    }
    let folder = url.deletingLastPathComponent()
    var targets: [Float] = [], splitFlags: [Bool] = []
    for i in keep {
      let y = mapped[i]!
      if let iVote {
        let raw = rows[i].fields[iVote]
        guard let f = Float(raw.trimmingCharacters(in: .whitespaces)), (0...1).contains(f) else {
          throw ClassifierError.invalidInput(path: path,
            reason: "line \(rows[i].line), column '\(header[iVote])': vote fraction '\(raw)' is not a number in [0, 1]")
        }
        targets.append(f)
      } else { targets.append(Float(y)) }
      if let iSplit {
        let v = rows[i].fields[iSplit].trimmingCharacters(in: .whitespaces).lowercased()
        splitFlags.append(["val", "validation", "valid", "test"].contains(v))
      }
    }
    let imageURLs: [URL] = keep.map { i in
      let p = rows[i].fields[iImage]
      return p.hasPrefix("/") ? URL(fileURLWithPath: p) : folder.appendingPathComponent(p)
    }
    let lines = keep.map { rows[$0].line }
    let imageColumn = header[iImage]
    let inputs = try preprocessAll(count: keep.count, recipe: recipe) { k in
      do { return try CutoutLoader.load(imageURLs[k], recipe: recipe) } catch let e as ClassifierError {
        if case .imageTooSmall = e { throw e }
        throw ClassifierError.invalidInput(path: imageURLs[k].path,
          reason: "\(e) (catalog \(path), line \(lines[k]), column '\(imageColumn)')")
      } catch {
        throw ClassifierError.invalidInput(path: imageURLs[k].path,
          reason: "unreadable image: \(error) (catalog \(path), line \(lines[k]), column '\(imageColumn)')")
      }
    }
    return LabelledDataset(recipe: recipe, inputs: inputs, labels: keep.map { mapped[$0]! }, targets: targets,
                           rows: keep, isValidation: iSplit == nil ? nil : splitFlags, source: path,
                           sourceSHA256: try Checksum.sha256(fileAt: url), droppedLabels: dropped)
  }

  /// Loads an HDF5 image stack `[N, H, W, C]` (dataset `images`) with labels in dataset `labels` (numbers or
  /// strings, mapped by `mapping`). Pixel values are multiplied by `scale` (1/255 for uint8 stacks), then
  /// preprocessed by `recipe` (crop, resize, standardise). Images are read in chunks of 256 rows.
  public static func load(imageStack url: URL, imagesPath: String = "images", labelsPath: String = "labels",
                          mapping: LabelMapping = .init(), scale: Float = 1, recipe: PreprocessingRecipe) throws -> LabelledDataset {
    let path = url.path
    let file = try HDF5File(url: url)
    defer { file.close() }
    let stack = try HDF5ImageStack(file: file, path: imagesPath)
    let ds = try file.dataset(labelsPath)
    let raw: [String] = ds.dataType.isNumeric ? try ds.read(as: Double.self).map { LabelMapping.canonical(String($0)) }
                                              : try ds.readStrings()
    guard raw.count == stack.count else {
      throw ClassifierError.invalidInput(path: path, reason: "dataset '\(labelsPath)' has \(raw.count) labels for \(stack.count) images in '\(imagesPath)'")
    }
    guard stack.count > 0 else { throw ClassifierError.emptyCatalog(path: path, reason: "image stack '\(imagesPath)' is empty") }
    let (mapped, dropped) = try mapping.apply(raw, source: path, column: labelsPath)
    let keep = mapped.indices.filter { mapped[$0] != nil }
    guard !keep.isEmpty else { throw ClassifierError.emptyCatalog(path: path, reason: "no spiral or elliptical labels in '\(labelsPath)'") }
    let size = recipe.inputSize * recipe.inputSize * recipe.channels
    var inputs = [Float](); inputs.reserveCapacity(keep.count * size)
    let h = stack.height, w = stack.width, c = stack.channels
    var start = 0
    while start < keep.count {
      let chunk = Array(keep[start..<min(keep.count, start + 256)])
      let values = try stack.batch(indices: chunk, scale: scale)
      let part = try preprocessAll(count: chunk.count, recipe: recipe) { k in
        let img = ImageBuffer(width: w, height: h, channels: c, pixels: Array(values[(k * h * w * c)..<((k + 1) * h * w * c)]))
        return try recipe.apply(img, source: "\(path) (\(imagesPath) row \(chunk[k]))")
      }
      inputs += part
      start += chunk.count
    }
    return LabelledDataset(recipe: recipe, inputs: inputs, labels: keep.map { mapped[$0]! }, rows: keep, source: path,
                           sourceSHA256: try Checksum.sha256(fileAt: url), droppedLabels: dropped)
  }
}
