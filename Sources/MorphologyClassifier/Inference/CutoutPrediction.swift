// galmorph — MorphologyClassifier
//
// Predictions for cutouts, with dihedral test-time augmentation.
import Foundation
import TensorCore

/// The prediction for one catalog row.
public struct CutoutPrediction: Sendable, Equatable {
  /// Why a row has no prediction (or `ok`).
  public enum Status: String, Sendable, Codable {
    case ok
    /// The image cell is empty.
    case noImagePath = "no_image_path"
    case missingImage = "missing_image"
    case unreadableImage = "unreadable_image"
    case imageTooSmall = "image_too_small"
  }
  /// Mean p_spiral over the test-time transforms (nil unless `status == .ok`).
  public var pSpiral: Double?
  /// Population standard deviation of p_spiral over the transforms (0 for one transform).
  public var pSpiralStd: Double?
  public var nTTA: Int
  public var status: Status
}

extension ClassifierModel {
  /// Predicts preprocessed inputs (`images[i]` of `inputSize`² × channels values). With `tta == 8` each input is
  /// evaluated under the eight dihedral transforms (Dieleman et al. 2015) and p_spiral is their mean, with their
  /// standard deviation as a spread; with `tta == 1` the input as is. p is taken at `temperature` (default nil: the
  /// model's own; see ``probability(logit:temperature:)``).
  public func predict(images: [ImageBuffer], tta: Int, temperature: Double? = nil) throws -> [(p: Double, std: Double)]
  {
    precondition(tta == 1 || tta == 8, "tta must be 1 or 8")
    guard !images.isEmpty else { return [] }
    let size = recipe.inputSize * recipe.inputSize * recipe.channels
    var values = [Float](); values.reserveCapacity(images.count * tta * size)
    for img in images { for k in 0..<tta { values += (k == 0 ? img : img.dihedral(k)).pixels } }
    let z = try spiralLogits(batch: values, count: images.count * tta)
    return (0..<images.count).map { i in
      let ps = (0..<tta).map { probability(logit: z[i * tta + $0], temperature: temperature) }
      let mean = ps.reduce(0, +) / Double(tta)
      let v = ps.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(tta)
      return (mean, v.squareRoot())
    }
  }
}
