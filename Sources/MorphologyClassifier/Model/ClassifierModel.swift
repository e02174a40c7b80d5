// galmorph — MorphologyClassifier
//
// A trained classifier: network + preprocessing + decision rule + provenance, as one value.
import Foundation
import GalmorphSupport
import NeuralNet
import TensorCore

/// A trained elliptical/spiral classifier.
///
/// The network ends in two logits `(z_elliptical, z_spiral)` trained with softmax cross-entropy (Net B of
/// bench/RESULTS.md); a 1-logit network (sigmoid/BCE) is accepted too. The spiral probability is
/// `p = σ((z₁ − z₀) / T)` (= softmax for T = 1; for one logit, `σ(z / T)`), with `T` the optional temperature
/// (Guo et al. 2017). `predicted_class` is spiral when `p ≥ threshold` (default 0.5).
///
/// Files: see `ClassifierModel+File.swift` (one HDF5 file; SHA-256 of its bytes is the model hash).
public final class ClassifierModel {
  /// The network (weights included). Not thread-safe: one model per task.
  public let network: Sequential
  public var recipe: PreprocessingRecipe
  /// Class names by output index: `["elliptical", "spiral"]`.
  public var classNames: [String]
  /// Decision threshold on p_spiral.
  public var threshold: Double
  /// Temperature for calibrated probabilities; nil = 1.
  public var temperature: Double?
  /// How the model was trained (tool version, seed, data checksums, command line).
  public var provenance: Provenance?
  /// Free-form training summary (epochs, validation metrics), stored as JSON.
  public var trainingSummary: [String: String]

  public init(network: Sequential, recipe: PreprocessingRecipe, classNames: [String] = ["elliptical", "spiral"],
              threshold: Double = 0.5, temperature: Double? = nil, provenance: Provenance? = nil,
              trainingSummary: [String: String] = [:]) {
    self.network = network; self.recipe = recipe; self.classNames = classNames; self.threshold = threshold
    self.temperature = temperature; self.provenance = provenance; self.trainingSummary = trainingSummary
  }

  /// The default network: Net B (64×64×3 → 2 logits, 767,426 parameters) adapted to `recipe`'s input size.
  public static func defaultArchitecture(inputSize: Int = 64, channels: Int = 3) -> Architecture {
    var a = ReferenceNetworks.netB
    a.inputShape = [inputSize, inputSize, channels]
    return a
  }

  /// Number of network outputs (1 or 2).
  public var outputWidth: Int { network.outputShape.reduce(1, *) }

  /// The "spiral-minus-elliptical" logit of each example of a batch of raw network outputs.
  public func spiralLogits(outputs: [Float]) -> [Double] {
    let w = outputWidth
    return stride(from: 0, to: outputs.count, by: w).map { i in
      w == 1 ? Double(outputs[i]) : Double(outputs[i + 1]) - Double(outputs[i])
    }
  }

  /// Spiral probabilities for a preprocessed batch `[N, S, S, C]` (values HWC per example).
  public func spiralLogits(batch values: [Float], count n: Int) throws -> [Double] {
    let s = recipe.inputSize
    let x = Tensor(shape: [n, s, s, recipe.channels], values: values)
    let y = try network.predict(x, batchSize: max(1, min(n, 128)))
    return spiralLogits(outputs: y.values)
  }

  /// p_spiral from a spiral logit, with the model's temperature.
  public func probability(logit z: Double) -> Double {
    let t = temperature ?? 1
    return 1 / (1 + exp(-z / t))
  }
}
