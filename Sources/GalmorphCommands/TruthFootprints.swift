// galmorph — GalmorphCommands
//
// Galaxy footprints from the simulator's truth, at the network's input resolution, for `explain` and `audit --probe`.

import ArgumentParser
import Attribution
import Foundation
import HDF5IO
import MorphologyClassifier
import SkySimulator

/// Which footprint the outside-galaxy share is measured against.
enum FootprintSource: String, Codable, CaseIterable, ExpressibleByArgument {
  /// `truth` for a stack written by `galmorph simulate`, else `segmentation`.
  case auto
  /// The simulator's noiseless galaxy above 2σ of the sky noise (``GalaxyFootprint/truthMask(model:sigma:threshold:)``).
  case truth
  /// The segmentation of the cutout (``GalaxyFootprint/mask(_:ring:threshold:)``).
  case segmentation

  /// The truth footprints this choice needs for `stack` (nil: segmentation).
  /// - Throws: `ValidationError` for `truth` on a stack without a simulation.
  func resolve(stack: URL?, recipe: PreprocessingRecipe) throws -> TruthFootprints? {
    guard self != .segmentation else { return nil }
    let truth = try stack.flatMap { try TruthFootprints(stack: $0, recipe: recipe) }
    if truth == nil && self == .truth {
      throw ValidationError(
        "--footprint truth needs an image stack written by `galmorph simulate` (its 'simulation' attribute, no 'row' dataset); \(stack?.path ?? "a catalog") has none"
      )
    }
    return truth
  }
}

/// Truth footprints of the stamps of a stack written by `galmorph simulate`: the galaxy's noiseless image
/// (``SimulatedStack/galaxyModel(position:)``) cropped and resized by the model's recipe (no standardisation), and
/// the sky noise of the band sum per input pixel, √(Σ_k σ_k²) / f for an area resize by f = crop / input size (the
/// mean of f² independent pixels).
struct TruthFootprints: Sendable {
  let stack: SimulatedStack
  let recipe: PreprocessingRecipe
  let path: String

  /// Nil when the stack at `url` was not written by `galmorph simulate`, or has a `row` dataset (its examples' rows
  /// would then not be stack positions).
  init?(stack url: URL, recipe: PreprocessingRecipe) throws {
    let file = try HDF5File(url: url)
    defer { file.close() }
    let stackFile = try ImageStackFile(file: file)
    guard !stackFile.has(ImageStackSchema.row), let s = try SimulatedStack(stack: stackFile, path: url.path) else {
      return nil
    }
    stack = s; self.recipe = recipe; path = url.path
  }

  /// The footprint of the stamp at stack position `position`, S × S at the recipe's input size.
  func mask(position: Int) throws -> [Bool] {
    let (h, w, c) = stack.simulator.imageShape
    let model = try recipe.apply(
      ImageBuffer(width: w, height: h, channels: c, pixels: try stack.galaxyModel(position: position)),
      source: "\(path) (images row \(position))", standardize: false)
    let f = Double(recipe.cropSize) / Double(recipe.inputSize)
    let sigma = (try stack.noiseSigma(position: position).map { $0 * $0 }.reduce(0, +)).squareRoot() / f
    return GalaxyFootprint.truthMask(
      model: InputImage(size: recipe.inputSize, channels: c, values: model.pixels), sigma: sigma)
  }
}
