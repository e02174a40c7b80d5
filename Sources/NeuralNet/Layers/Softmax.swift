// galmorph — NeuralNet
//
// Softmax over the last axis.

import Foundation
import TensorCore

/// `y_k = exp(x_k − max x) / Σ_j exp(x_j − max x)` over the last axis (the max shift avoids overflow).
/// Backward: `dx_k = y_k (dy_k − Σ_j dy_j y_j)`. Use it for probabilities at inference; for training, feed logits
/// to ``SoftmaxCrossEntropy``, which fuses the two stably.
public final class Softmax: Layer {
  public let name: String
  public let inputShape: [Int]
  public var outputShape: [Int] { inputShape }
  public var kind: String { "softmax" }
  private let out = FloatBuffer(), grad = FloatBuffer()

  public init(name: String, inputShape: [Int]) { self.name = name; self.inputShape = inputShape }

  private var classes: Int { inputShape.last ?? 1 }

  public func forward(_ x: UnsafePointer<Float>, batch: Int, mode: Mode) -> UnsafePointer<Float> {
    let k = classes, rows = batch * inputSize / k
    let y = out.reserve(batch * inputSize)
    Parallel.forEachSlice(rows, minPerWorker: 256) { _, r in
      for row in r {
        let xi = x + row * k, yi = y + row * k
        var m = -Float.infinity
        for j in 0..<k { m = max(m, xi[j]) }
        var s: Float = 0
        for j in 0..<k { yi[j] = expf(xi[j] - m); s += yi[j] }
        let inv = 1 / s
        for j in 0..<k { yi[j] *= inv }
      }
    }
    return UnsafePointer(y)
  }

  public func backward(_ dy: UnsafePointer<Float>, batch: Int, needInputGradient: Bool) -> UnsafePointer<Float>? {
    guard needInputGradient else { return nil }
    let k = classes, rows = batch * inputSize / k
    let dx = grad.reserve(batch * inputSize), y = out.pointer
    Parallel.forEachSlice(rows, minPerWorker: 256) { _, r in
      for row in r {
        let o = row * k
        var s: Float = 0
        for j in 0..<k { s += dy[o + j] * y[o + j] }
        for j in 0..<k { dx[o + j] = y[o + j] * (dy[o + j] - s) }
      }
    }
    return UnsafePointer(dx)
  }
}
