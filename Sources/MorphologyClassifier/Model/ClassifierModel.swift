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
/// An **ensemble** holds K = 1 + `members.count` networks of one architecture (same preprocessing, trained with
/// different seeds on the same split; `Trainer.trainEnsemble`). Its spiral logit is the mean of the networks'
/// logits, `z = (1/K) Σ_k z_k`, and `p = σ(z / T)` with one temperature fitted on the ensemble's validation logits
/// (logit averaging; cf. Lakshminarayanan et al. 2017, who average probabilities — for calibrated members the two
/// agree to first order, and the mean logit keeps one temperature meaningful).
///
/// Files: see `ClassifierModel+File.swift` (one HDF5 file; SHA-256 of its bytes is the model hash).
public final class ClassifierModel {
  /// The network (weights included); the first member of an ensemble. Not thread-safe: one model per task.
  public let network: Sequential
  /// Further networks of an ensemble (empty for a single network), each with `network`'s architecture.
  public let members: [Sequential]
  /// Number of networks whose logits are averaged (1 + `members.count`).
  public var ensembleSize: Int { 1 + members.count }
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

  public init(
    network: Sequential, recipe: PreprocessingRecipe, classNames: [String] = ["elliptical", "spiral"],
    threshold: Double = 0.5, temperature: Double? = nil, provenance: Provenance? = nil,
    trainingSummary: [String: String] = [:], members: [Sequential] = []
  ) {
    precondition(
      members.allSatisfy { $0.architecture == network.architecture },
      "ClassifierModel: ensemble members must share the network's architecture")
    self.network = network; self.members = members; self.recipe = recipe; self.classNames = classNames
    self.threshold = threshold
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

  /// Spiral logits for a preprocessed batch `[N, S, S, C]` (values HWC per example); for an ensemble the mean
  /// over its networks.
  public func spiralLogits(batch values: [Float], count n: Int) throws -> [Double] {
    let s = recipe.inputSize
    let x = Tensor(shape: [n, s, s, recipe.channels], values: values)
    var sum = [Double](repeating: 0, count: n)
    for net in [network] + members {
      let z = spiralLogits(outputs: try net.predict(x, batchSize: max(1, min(n, 128))).values)
      for i in 0..<n { sum[i] += z[i] }
    }
    let k = Double(ensembleSize)
    return sum.map { $0 / k }
  }

  /// p_spiral from a spiral logit z: 1 / (1 + e^(−z/T)) at temperature T = `temperature` (default nil: the model's
  /// own ``temperature``, else 1; Guo et al. 2017).
  public func probability(logit z: Double, temperature t: Double? = nil) -> Double {
    let t = t ?? temperature ?? 1
    return 1 / (1 + exp(-z / t))
  }
}
