// galmorph — MorphologyClassifier
//
// Building a LabelledDataset from an HDF5 image stack (``ImageStackSchema``).
import Foundation
import GalmorphSupport
import HDF5IO

/// What the pixel sizes of a ``PreprocessingRecipe`` refer to when it is applied to an image stack.
public enum StackRecipeFrame: Sendable, Equatable {
  /// A model's recipe: `cropSize` is in pixels of the source cutouts. A stack made from a catalog (its stamps are
  /// crops of `crop_size` source pixels resized to the stored side) must have been made with this crop and side,
  /// else ``ClassifierError/modelMismatch(path:reason:)``: the galaxies would appear at another scale than the
  /// model was trained on. Other stacks get the whole recipe.
  case sourcePixels
  /// The recipe applies to the stored stamps as they are: `cropSize` ≤ the stored side, in stored pixels (the
  /// audit, which trains its own models on the stamps).
  case storedPixels
}

/// A change made to every stored stamp of an image stack after scaling and before the ``PreprocessingRecipe`` (crop,
/// resize, per-image standardisation): called with the stamp's stack position (index into `images`) and the scaled
/// stamp; returns a stamp of the same shape. The context probe removes the galaxies here, before any
/// standardisation: a per-image μ and σ taken with the galaxy in the stamp would carry its brightness into the
/// background.
public typealias StampTransform = @Sendable (_ stackPosition: Int, _ stamp: ImageBuffer) throws -> ImageBuffer

/// A labelled dataset read from an image stack, with the stack position (index into `images`) of each example:
/// the index that the stack's other per-image datasets (`ra`, `dec`, `id`, …) are read at.
public struct StackDataset: Sendable {
  public var data: LabelledDataset
  /// For each example of `data`, its index in the stack's `images`.
  public var imageIndices: [Int]
}

extension LabelledDataset {
  /// Loads an image stack (see ``loadStack(_:labelsDataset:mapping:scale:recipe:frame:)``) without the stack positions.
  public static func load(
    imageStack url: URL, labelsDataset: String? = nil, mapping: LabelMapping = .init(),
    scale: Float? = nil, recipe: PreprocessingRecipe,
    frame: StackRecipeFrame = .sourcePixels
  ) throws -> LabelledDataset {
    try loadStack(url, labelsDataset: labelsDataset, mapping: mapping, scale: scale, recipe: recipe, frame: frame).data
  }

  /// Loads an HDF5 image stack (``ImageStackSchema``): `images` `[N, H, W, C]` and the labels of the first label
  /// dataset present (`label`, the legacy `labels`, `binary_label`; or `labelsDataset`), mapped by `mapping`; rows
  /// whose label is dropped are left out. Pixel values are multiplied by `scale` (default: the stack's
  /// ``ImageStackPixels/scale``, 1/255 for uint8 display cutouts, 1 for float32 physical values), then
  /// changed by `transform` (none by default), then preprocessed by `recipe` as `frame` says (without its per-image
  /// standardisation when `standardize` is false). Images are read in chunks of 256 rows.
  ///
  /// The examples' ``rows`` are the stack's `row` dataset (source catalog rows) where present, else the stack
  /// positions; a stack made from a catalog also gives ``upstreamSHA256`` (its `source_sha256`), so a model's
  /// recorded test rows select the same galaxies.
  ///
  /// - Throws: `HDF5IOError.layout` naming the file and dataset for a missing label dataset or a per-image dataset
  ///   of the wrong shape; `ClassifierError.emptyCatalog` when no example is left; `.modelMismatch` (see `frame`).
  public static func loadStack(
    _ url: URL, labelsDataset: String? = nil, mapping: LabelMapping = .init(),
    scale: Float? = nil, recipe: PreprocessingRecipe,
    frame: StackRecipeFrame = .sourcePixels, transform: StampTransform? = nil, standardize: Bool = true
  ) throws -> StackDataset {
    let file = try HDF5File(url: url)
    defer { file.close() }
    return try loadStack(
      ImageStackFile(file: file), url: url, labelsDataset: labelsDataset, mapping: mapping, scale: scale,
      recipe: recipe, frame: frame, transform: transform, standardize: standardize)
  }

  /// ``loadStack(_:labelsDataset:mapping:scale:recipe:frame:)`` from a stack the caller has open (`url` is its file,
  /// for messages and its SHA-256), so that a caller reading other datasets of the stack opens it once.
  public static func loadStack(
    _ stackFile: ImageStackFile, url: URL, labelsDataset: String? = nil, mapping: LabelMapping = .init(),
    scale: Float? = nil, recipe: PreprocessingRecipe, frame: StackRecipeFrame = .sourcePixels,
    transform: StampTransform? = nil, standardize: Bool = true
  ) throws -> StackDataset {
    let path = url.path
    let stack = stackFile.images
    let labels = try stackFile.labels(dataset: labelsDataset)
    guard stack.count > 0 else {
      throw ClassifierError.emptyCatalog(path: path, reason: "image stack 'images' is empty")
    }
    let (mapped, dropped) = try mapping.apply(labels.values, source: path, column: labels.dataset)
    let keep = mapped.indices.filter { mapped[$0] != nil }
    guard !keep.isEmpty else {
      throw ClassifierError.emptyCatalog(path: path, reason: "no spiral or elliptical labels in '\(labels.dataset)'")
    }
    let inputs = try preprocessedImages(
      stackFile, path: path, indices: keep, scale: scale, recipe: recipe, frame: frame, transform: transform,
      standardize: standardize)
    let sourceRows = try stackFile.rows()
    var data = LabelledDataset(
      recipe: recipe, inputs: inputs, labels: keep.map { mapped[$0]! },
      rows: sourceRows.map { r in keep.map { r[$0] } } ?? keep, source: path,
      sourceSHA256: try Checksum.sha256(fileAt: url), droppedLabels: dropped)
    data.upstreamSHA256 = stackFile.isCatalogStack ? stackFile.sourceSHA256 : nil
    return StackDataset(data: data, imageIndices: keep)
  }

  /// The stack images at `indices` (stack positions), scaled (`scale`, default the stack's) and preprocessed by
  /// `recipe` in `frame` after `transform`, read in chunks of 256 rows; an image's error names the file and its row
  /// of `images`.
  static func preprocessedImages(
    _ stackFile: ImageStackFile, path: String, indices: [Int], scale: Float?, recipe: PreprocessingRecipe,
    frame: StackRecipeFrame, transform: StampTransform? = nil, standardize: Bool = true
  ) throws -> [Float] {
    let stack = stackFile.images
    let apply = try Self.stackRecipe(stackFile, path: path, recipe: recipe, frame: frame)
    let scale = scale ?? stackFile.pixels.scale
    let size = recipe.inputSize * recipe.inputSize * recipe.channels
    var inputs = [Float](); inputs.reserveCapacity(indices.count * size)
    let h = stack.height, w = stack.width, c = stack.channels
    var start = 0
    while start < indices.count {
      let chunk = Array(indices[start..<min(indices.count, start + 256)])
      let values = try stack.batch(indices: chunk, scale: scale)
      let part = try preprocessAll(count: chunk.count, recipe: recipe) { k in
        var img = ImageBuffer(
          width: w, height: h, channels: c, pixels: Array(values[(k * h * w * c)..<((k + 1) * h * w * c)]))
        if let transform {
          img = try transform(chunk[k], img)
          precondition(
            img.width == w && img.height == h && img.channels == c, "StampTransform changed the stamp's shape")
        }
        return try apply.apply(img, source: "\(path) (images row \(chunk[k]))", standardize: standardize)
      }
      inputs += part
      start += chunk.count
    }
    return inputs
  }

  /// Loads every image of an HDF5 image stack as unlabelled examples (``unlabelled`` all true; labels 0 as
  /// placeholders that no loss reads), for virtual adversarial training's smoothness term (`train --unlabelled`).
  /// The stack needs no label dataset.
  public static func loadUnlabelled(
    imageStack url: URL, recipe: PreprocessingRecipe, frame: StackRecipeFrame = .sourcePixels
  ) throws -> LabelledDataset {
    let file = try HDF5File(url: url)
    defer { file.close() }
    let stackFile = try ImageStackFile(file: file)
    let n = stackFile.images.count
    guard n > 0 else { throw ClassifierError.emptyCatalog(path: url.path, reason: "image stack 'images' is empty") }
    let all = Array(0..<n)
    let inputs = try preprocessedImages(
      stackFile, path: url.path, indices: all, scale: nil, recipe: recipe, frame: frame)
    var data = LabelledDataset(
      recipe: recipe, inputs: inputs, labels: [Int](repeating: 0, count: n), rows: try stackFile.rows() ?? all,
      source: url.path, sourceSHA256: try Checksum.sha256(fileAt: url))
    data.unlabelled = [Bool](repeating: true, count: n)
    return data
  }

  /// The recipe to apply to the stored stamps of `stack` for `recipe` in `frame` (see ``StackRecipeFrame``).
  static func stackRecipe(
    _ stack: ImageStackFile, path: String, recipe: PreprocessingRecipe,
    frame: StackRecipeFrame
  ) throws -> PreprocessingRecipe {
    let side = stack.images.width
    switch frame {
    case .storedPixels:
      return recipe
    case .sourcePixels:
      guard stack.isCatalogStack, let crop = stack.cropSize else { return recipe }
      guard crop == recipe.cropSize, side == recipe.inputSize, stack.images.height == recipe.inputSize else {
        throw ClassifierError.modelMismatch(
          path: path,
          reason:
            "the stack holds \(crop)-px crops resized to \(side)×\(stack.images.height), but the model expects \(recipe.cropSize)-px crops at \(recipe.inputSize)×\(recipe.inputSize); export the stack again with `galmorph stack --crop-size \(recipe.cropSize) --size \(recipe.inputSize)`"
        )
      }
      return PreprocessingRecipe(cropSize: side, inputSize: side, channels: recipe.channels, fitsStretch: .none)
    }
  }
}
