// galmorph — NeuralNet

import Foundation

/// Softmax cross-entropy on logits with probability (soft) targets, as `torch.nn.CrossEntropyLoss` with
/// class-probability targets:
///
/// `ℓ_n = −Σ_k t_nk · log softmax(z_n)_k = logΣexp(z_n) − Σ_k t_nk z_nk` (for Σ_k t_nk = 1),
/// `∂ℓ_n/∂z_nk = softmax(z_n)_k · Σ_j t_nj − t_nk`. Log-sum-exp is shifted by the row maximum.
public struct SoftmaxCrossEntropy: Loss, Sendable {
  public init() {}

  public func evaluate(
    logits: UnsafePointer<Float>, targets: UnsafePointer<Float>, weights: UnsafePointer<Float>?,
    batch: Int, width k: Int, gradient: UnsafeMutablePointer<Float>
  ) -> Float {
    var total = 0.0
    let scale = 1 / Float(batch)
    for n in 0..<batch {
      let z = logits + n * k, t = targets + n * k, g = gradient + n * k
      let w = weights?[n] ?? 1
      var m = -Float.infinity
      for j in 0..<k { m = max(m, z[j]) }
      var se = 0.0, tsum: Float = 0
      for j in 0..<k { se += Double(expf(z[j] - m)) }
      let lse = Double(m) + log(se)
      var l = 0.0
      for j in 0..<k { l -= Double(t[j]) * (Double(z[j]) - lse); tsum += t[j] }
      for j in 0..<k { g[j] = w * scale * (Float(exp(Double(z[j]) - lse)) * tsum - t[j]) }
      total += Double(w) * l
    }
    return Float(total / Double(batch))
  }

  /// One-hot targets `[labels.count, classes]` for integer labels (precondition: labels in `0..<classes`).
  public static func oneHot(_ labels: [Int], classes: Int) -> [Float] {
    var t = [Float](repeating: 0, count: labels.count * classes)
    for (n, y) in labels.enumerated() {
      precondition(y >= 0 && y < classes, "label \(y) outside 0..<\(classes)")
      t[n * classes + y] = 1
    }
    return t
  }
}
