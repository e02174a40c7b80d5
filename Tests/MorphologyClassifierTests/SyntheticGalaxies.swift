// galmorph — MorphologyClassifierTests
//
// Rendered toy "galaxies" for end-to-end tests: bright discs (class 0) and rings (class 1) with noise.
import Foundation
import GalmorphSupport
import ImageCodecs
@testable import MorphologyClassifier
import NeuralNet

enum SyntheticGalaxies {
  /// A `size`×`size`×3 image in [0, 1]: a filled Gaussian blob (label 0) or a ring (label 1), random centre
  /// jitter, radius and brightness, plus Gaussian noise.
  static func render(label: Int, size: Int, rng: inout SeededGenerator) -> ImageBuffer {
    var img = ImageBuffer(width: size, height: size, channels: 3)
    let c = Double(size) / 2 + (rng.nextUnit() - 0.5) * 2
    let r = Double(size) * (0.18 + 0.1 * rng.nextUnit())
    let amp = 0.5 + 0.4 * rng.nextUnit()
    for y in 0..<size {
      for x in 0..<size {
        let d = ((Double(y) - c) * (Double(y) - c) + (Double(x) - c) * (Double(x) - c)).squareRoot()
        let v = label == 0 ? amp * exp(-d * d / (2 * r * r * 0.5)) : amp * exp(-(d - r) * (d - r) / (2 * 1.5 * 1.5))
        for ch in 0..<3 { img[y, x, ch] = Float(min(1, max(0, v + 0.05 * rng.nextNormal()))) }
      }
    }
    return img
  }

  /// `n` preprocessed examples (alternating labels), standardised as the recipe does.
  static func dataset(n: Int, size: Int = 32, seed: UInt64 = 7) -> LabelledDataset {
    var rng = SeededGenerator(seed: seed)
    var x: [Float] = [], y: [Int] = []
    for i in 0..<n {
      let label = i % 2
      x += render(label: label, size: size, rng: &rng).standardized().pixels
      y.append(label)
    }
    return LabelledDataset(recipe: recipe(size), inputs: x, labels: y, source: "synthetic")
  }

  static func recipe(_ size: Int = 32) -> PreprocessingRecipe { PreprocessingRecipe(cropSize: size, inputSize: size) }

  /// A small CNN for 32×32×3 (two conv blocks, 2 logits, dropout so resume must restore its streams).
  static func architecture(_ size: Int = 32) -> Architecture {
    Architecture(
      inputShape: [size, size, 3],
      layers: [
        .conv2d(Conv2DSpec(filters: 8, kernel: 3, padding: .same)), .relu(NameSpec()), .maxPool2d(PoolSpec(pool: 2)),
        .conv2d(Conv2DSpec(filters: 16, kernel: 3, padding: .same)), .relu(NameSpec()), .maxPool2d(PoolSpec(pool: 2)),
        .flatten(NameSpec()), .dense(DenseSpec(units: 16)), .relu(NameSpec()), .dropout(DropoutSpec(rate: 0.25)),
        .dense(DenseSpec(units: 2)),
      ])
  }

  /// An untrained classifier for the toy images (seeded weights): the annotation tests compare formats and resumes,
  /// not accuracy.
  static func untrainedModel() throws -> ClassifierModel {
    ClassifierModel(network: try Sequential(architecture: architecture(), seed: 5), recipe: recipe())
  }

  static func config(epochs: Int, seed: UInt64 = 3) -> TrainingConfiguration {
    TrainingConfiguration(
      architecture: architecture(), recipe: recipe(), epochs: epochs, batchSize: 16,
      learningRate: 2e-3, schedule: .cosine, validationFraction: 0.25, patience: 0, seed: seed)
  }

  /// Writes `n` rendered cutouts as PNG files `img<i>.png` into `folder` and a catalog `catalog.csv` with columns
  /// id, file, label (elliptical/spiral). Returns the catalog URL.
  static func writeCatalog(n: Int, size: Int, folder: URL, missing: Set<Int> = [], seed: UInt64 = 11) throws -> URL {
    var rng = SeededGenerator(seed: seed)
    var text = "id,file,label\n"
    for i in 0..<n {
      let label = i % 2
      let img = render(label: label, size: size, rng: &rng)
      let name = "img\(i).png"
      if !missing.contains(i) {
        try PNGEncoder.write(
          img.pixels, width: size, height: size, channels: 3, to: folder.appendingPathComponent(name))
      }
      text += "\(i),\(name),\(label == 1 ? "spiral" : "elliptical")\n"
    }
    let url = folder.appendingPathComponent("catalog.csv")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url
  }
}
