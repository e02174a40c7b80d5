// galmorph — Attribution
//
// p_spiral and its gradient with respect to the network input, through the engine's backward pass.

import MorphologyClassifier
import NeuralNet

/// p_spiral of a model and ∂p_spiral/∂x for batches of preprocessed inputs (HWC per example).
///
/// With z the spiral logit (z₁ − z₀ for two outputs, z for one; the mean over an ensemble's networks) and T the
/// model's temperature, p = σ(z/T) and ∂p/∂x = p(1 − p)/T · ∂z/∂x, ∂z/∂x from one backward pass per network in
/// inference mode (no dropout; batch normalisation with its running statistics). Not thread-safe: the networks'
/// workspaces are reused.
public final class SpiralGradient {
  public let model: ClassifierModel
  /// Values per example (S·S·C).
  public let exampleSize: Int
  /// Largest batch passed to a network at once.
  public let chunk: Int

  public init(model: ClassifierModel, chunk: Int = 64) {
    self.model = model
    self.exampleSize = model.recipe.inputSize * model.recipe.inputSize * model.recipe.channels
    self.chunk = max(1, chunk)
  }

  /// p_spiral of each of the `x.count / exampleSize` examples (``ClassifierModel/spiralLogits(batch:count:)``).
  public func probabilities(_ x: [Float]) throws -> [Double] {
    try model.spiralLogits(batch: x, count: x.count / exampleSize).map { model.probability(logit: $0) }
  }

  /// p_spiral of each example and ∂p/∂x (same layout as `x`).
  public func gradients(_ x: [Float]) -> (p: [Double], gradient: [Float]) {
    let n = x.count / exampleSize, w = model.outputWidth
    let K = Double(model.ensembleSize)
    var z = [Double](repeating: 0, count: n)
    var g = [Float](repeating: 0, count: x.count)
    x.withUnsafeBufferPointer { xp in
      for start in stride(from: 0, to: n, by: chunk) {
        let m = min(chunk, n - start)
        let seed = [Float]((0..<m).flatMap { _ in w == 1 ? [Float(1 / K)] : [Float(-1 / K), Float(1 / K)] })
        for net in [model.network] + model.members {
          let y = net.forward(xp.baseAddress! + start * exampleSize, batch: m, mode: .inference)
          for k in 0..<m { z[start + k] += w == 1 ? Double(y[k]) : Double(y[2 * k + 1]) - Double(y[2 * k]) }
          let gx = seed.withUnsafeBufferPointer { net.backward($0.baseAddress!, batch: m, needInputGradient: true)! }
          for i in 0..<(m * exampleSize) { g[start * exampleSize + i] += gx[i] }
        }
      }
    }
    let t = model.temperature ?? 1
    var p = [Double](repeating: 0, count: n)
    for k in 0..<n {
      p[k] = model.probability(logit: z[k] / K)
      let scale = Float(p[k] * (1 - p[k]) / t)
      for i in 0..<exampleSize { g[k * exampleSize + i] *= scale }
    }
    return (p, g)
  }
}
