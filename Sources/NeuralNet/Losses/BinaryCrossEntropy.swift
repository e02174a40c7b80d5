// galmorph — NeuralNet

import Foundation

/// Binary cross-entropy on logits, numerically stable form (as `torch.nn.BCEWithLogitsLoss`):
///
/// `ℓ(z, t) = max(z, 0) − z·t + log(1 + e^{−|z|})`, `∂ℓ/∂z = σ(z) − t`, for soft targets t ∈ [0, 1].
/// With `width` > 1 (multi-label) an example's loss is the mean over its outputs, so
/// `L = (1/N) Σ_n w_n (1/K) Σ_k ℓ(z_nk, t_nk)` — the same as PyTorch's mean over all N·K elements when w = 1.
public struct BinaryCrossEntropy: Loss, Sendable {
  public init() {}

  public func evaluate(
    logits: UnsafePointer<Float>, targets: UnsafePointer<Float>, weights: UnsafePointer<Float>?,
    batch: Int, width: Int, gradient: UnsafeMutablePointer<Float>
  ) -> Float {
    var total = 0.0
    let scale = 1 / Float(batch * width)
    for n in 0..<batch {
      let w = weights?[n] ?? 1
      var s = 0.0
      for k in 0..<width {
        let i = n * width + k
        let z = logits[i], t = targets[i]
        s += Double(max(z, 0) - z * t + log1pf(expf(-abs(z))))
        let sig = z >= 0 ? 1 / (1 + expf(-z)) : expf(z) / (1 + expf(z))
        gradient[i] = w * (sig - t) * scale
      }
      total += Double(w) * s
    }
    return Float(total / Double(batch * width))
  }
}
