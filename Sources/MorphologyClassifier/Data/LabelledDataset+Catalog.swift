// galmorph — MorphologyClassifier
//
// Building a LabelledDataset from a catalog of cutout paths (CSV/TSV, FITS table, HDF5) or from an HDF5 image stack.
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
  /// Loads a catalog (CSV/TSV(.gz), FITS binary table or HDF5, see ``CatalogText``): maps labels
  /// (``LabelMapping``; dropped rows are counted), reads every image (paths relative to the catalog's folder) and
  /// preprocesses it in parallel.
  ///
  /// Throws `ClassifierError.unknownLabels` (unmapped label values, listed), `.emptyCatalog` (no rows or no
  /// labelled rows), `.invalidInput` naming the image file and catalog line/row for a missing/unreadable image, and
  /// `.imageTooSmall` naming the image for a cutout smaller than the crop.
  public static func load(catalog url: URL, columns: CatalogColumns = .init(), mapping: LabelMapping = .init(),
                          recipe: PreprocessingRecipe) throws -> LabelledDataset {
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
          throw ClassifierError.invalidInput(path: path,
            reason: "\(at), column '\(name)': vote fraction '\(raw)' is not a number in [0, 1]")
        }
        targets.append(f)
      } else { targets.append(Float(y)) }
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
        throw ClassifierError.invalidInput(path: imageURLs[k].path, reason: "unreadable image: \(error) (\(table.location(keep[k])))")
      }
    }
    return LabelledDataset(recipe: recipe, inputs: inputs, labels: keep.map { table.mapped[$0]! }, targets: targets,
                           rows: keep, isValidation: columns.split == nil ? nil : splitFlags, source: path,
                           sourceSHA256: table.sha256, droppedLabels: table.dropped)
  }

  /// Label datasets looked for in an image stack, in order.
  public static let defaultLabelDatasets = ["labels", "label"]

  /// Loads an HDF5 image stack `[N, H, W, C]` (dataset `images`) with labels in dataset `labels` (numbers or
  /// strings, mapped by `mapping`). Pixel values are multiplied by `scale` (1/255 for uint8 stacks), then
  /// preprocessed by `recipe` (crop, resize, standardise). Images are read in chunks of 256 rows.
  ///
  /// A stack written by ``ImageStackExport`` (root attribute `galmorph_image_stack`) is already cropped and
  /// resized: when its `crop_size` equals `recipe.cropSize` and its image side equals `recipe.inputSize`, only the
  /// standardisation is applied; another crop size is refused (`modelMismatch`), since the galaxies would appear
  /// at another scale than the model was trained on. Its `row` dataset (source catalog rows) becomes ``rows`` and
  /// its `source_sha256` ``upstreamSHA256``, so a model's recorded test rows select the same galaxies.
  ///
  /// `labelsPath` nil: the first of ``defaultLabelDatasets`` the file has (`labels` from `galmorph stack`, `label` from
  /// `galmorph simulate`).
  public static func load(imageStack url: URL, imagesPath: String = "images", labelsPath: String? = nil,
                          mapping: LabelMapping = .init(), scale: Float = 1, recipe: PreprocessingRecipe) throws -> LabelledDataset {
    let path = url.path
    let file = try HDF5File(url: url)
    defer { file.close() }
    let stack = try HDF5ImageStack(file: file, path: imagesPath)
    guard let labelsPath = labelsPath ?? defaultLabelDatasets.first(where: { file.exists($0) }) else {
      throw ClassifierError.invalidInput(path: path,
        reason: "no label dataset: looked for \(defaultLabelDatasets.map { "'\($0)'" }.joined(separator: " and "))")
    }
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
    let info = try StackInfo(file: file, stack: stack, path: path, recipe: recipe)
    let apply = info.preprocessed ? PreprocessingRecipe(cropSize: stack.width, inputSize: stack.width, channels: recipe.channels,
                                                         fitsStretch: .none) : recipe
    let size = recipe.inputSize * recipe.inputSize * recipe.channels
    var inputs = [Float](); inputs.reserveCapacity(keep.count * size)
    let h = stack.height, w = stack.width, c = stack.channels
    var start = 0
    while start < keep.count {
      let chunk = Array(keep[start..<min(keep.count, start + 256)])
      let values = try stack.batch(indices: chunk, scale: scale)
      let part = try preprocessAll(count: chunk.count, recipe: recipe) { k in
        let img = ImageBuffer(width: w, height: h, channels: c, pixels: Array(values[(k * h * w * c)..<((k + 1) * h * w * c)]))
        return try apply.apply(img, source: "\(path) (\(imagesPath) row \(chunk[k]))")
      }
      inputs += part
      start += chunk.count
    }
    var data = LabelledDataset(recipe: recipe, inputs: inputs, labels: keep.map { mapped[$0]! },
                               rows: info.sourceRows.map { r in keep.map { r[$0] } } ?? keep, source: path,
                               sourceSHA256: try Checksum.sha256(fileAt: url), droppedLabels: dropped)
    data.upstreamSHA256 = info.sourceSHA256
    return data
  }
}

/// What an ``ImageStackExport`` stack says about itself.
struct StackInfo {
  /// True when the stack holds crops already resized for `recipe`.
  var preprocessed = false
  var sourceRows: [Int]?
  var sourceSHA256: String?

  init(file: HDF5File, stack: HDF5ImageStack, path: String, recipe: PreprocessingRecipe) throws {
    let a = file.attributes
    guard a.contains(ImageStackExport.markerAttribute) else { return }
    if a.contains("crop_size"), let crop = Int(try a.string("crop_size")) {
      guard crop == recipe.cropSize, stack.width == recipe.inputSize, stack.height == recipe.inputSize else {
        throw ClassifierError.modelMismatch(path: path, reason:
          "the stack holds \(crop)-px crops resized to \(stack.width)×\(stack.height), but the model expects \(recipe.cropSize)-px crops at \(recipe.inputSize)×\(recipe.inputSize); export the stack again with `galmorph stack --crop-size \(recipe.cropSize) --size \(recipe.inputSize)`")
      }
      preprocessed = true
    }
    if file.exists("row") { sourceRows = try file.dataset("row").read(as: Int64.self).map { Int($0) } }
    if a.contains("source_sha256") { sourceSHA256 = try a.string("source_sha256") }
  }
}
