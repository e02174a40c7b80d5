// galmorph — NeuralNet

import Foundation
import TensorCore

/// Batch normalisation over the channel (last) axis of NHWC data (Ioffe & Szegedy 2015).
///
/// Training: `y = γ·(x − μ_B)/√(σ²_B + ε) + β` with the batch mean and biased variance over N·H·W; the running
/// statistics follow `r ← (1 − m)·r + m·batch` with momentum m = 0.1 and the *unbiased* variance (PyTorch's
/// convention; Keras uses 0.99 = 1 − m). Inference uses the running statistics. ε = 1e-5 (PyTorch default).
/// Parameters: "gamma", "beta" (trainable), "running_mean", "running_var" (persisted, not trainable).
/// Reductions accumulate in Double, sequentially per channel (deterministic).
public final class BatchNorm: Layer {
  public let name: String
  public let inputShape: [Int]
  public var outputShape: [Int] { inputShape }
  public var kind: String { "batch_norm" }
  public let momentum: Float
  public let epsilon: Float
  public let gamma, beta, runningMean, runningVar: Parameter
  public var parameters: [Parameter] { [gamma, beta, runningMean, runningVar] }
  private let out = FloatBuffer(), grad = FloatBuffer(), xhat = FloatBuffer()
  private let mean = FloatBuffer(), invStd = FloatBuffer()
  private var lastMode = Mode.inference

  public init(name: String, inputShape: [Int], momentum: Float = 0.1, epsilon: Float = 1e-5) {
    self.name = name; self.inputShape = inputShape; self.momentum = momentum; self.epsilon = epsilon
    let c = inputShape.last ?? 1
    gamma = Parameter(name: "gamma", shape: [c])
    beta = Parameter(name: "beta", shape: [c])
    runningMean = Parameter(name: "running_mean", shape: [c], trainable: false)
    runningVar = Parameter(name: "running_var", shape: [c], trainable: false)
    gamma.value.fill(1, count: c)
    runningVar.value.fill(1, count: c)
  }

  private var channels: Int { inputShape.last ?? 1 }

  public func forward(_ x: UnsafePointer<Float>, batch: Int, mode: Mode) -> UnsafePointer<Float> {
    let c = channels, rows = batch * inputSize / c
    let y = out.reserve(rows * c), xh = xhat.reserve(rows * c)
    let mu = mean.reserve(c), inv = invStd.reserve(c)
    lastMode = mode
    if mode == .training {
      var s = [Double](repeating: 0, count: c), s2 = [Double](repeating: 0, count: c)
      for r in 0..<rows { for j in 0..<c { s[j] += Double(x[r * c + j]) } }
      for j in 0..<c { s[j] /= Double(rows) }
      for r in 0..<rows { for j in 0..<c { let d = Double(x[r * c + j]) - s[j]; s2[j] += d * d } }
      for j in 0..<c {
        let v = s2[j] / Double(rows)
        mu[j] = Float(s[j]); inv[j] = Float(1 / (v + Double(epsilon)).squareRoot())
        let unbiased = rows > 1 ? s2[j] / Double(rows - 1) : v
        runningMean.value.pointer[j] = (1 - momentum) * runningMean.value.pointer[j] + momentum * Float(s[j])
        runningVar.value.pointer[j] = (1 - momentum) * runningVar.value.pointer[j] + momentum * Float(unbiased)
      }
    } else {
      for j in 0..<c {
        mu[j] = runningMean.value.pointer[j]; inv[j] = 1 / (runningVar.value.pointer[j] + epsilon).squareRoot()
      }
    }
    let g = gamma.value.pointer, b = beta.value.pointer
    parallelElements(rows * c) { range in
      for i in range {
        let j = i % c
        xh[i] = (x[i] - mu[j]) * inv[j]
        y[i] = g[j] * xh[i] + b[j]
      }
    }
    return UnsafePointer(y)
  }

  /// dγ = Σ dy·x̂, dβ = Σ dy; training: dx = γ·σ⁻¹·(dy − mean(dy) − x̂·mean(dy·x̂)); inference: dx = γ·σ⁻¹·dy.
  public func backward(_ dy: UnsafePointer<Float>, batch: Int, needInputGradient: Bool) -> UnsafePointer<Float>? {
    let c = channels, rows = batch * inputSize / c
    let xh = xhat.pointer, inv = invStd.pointer, g = gamma.value.pointer
    var sdy = [Double](repeating: 0, count: c), sdyx = [Double](repeating: 0, count: c)
    for r in 0..<rows {
      for j in 0..<c { let d = Double(dy[r * c + j]); sdy[j] += d; sdyx[j] += d * Double(xh[r * c + j]) }
    }
    for j in 0..<c { gamma.gradient.pointer[j] = Float(sdyx[j]); beta.gradient.pointer[j] = Float(sdy[j]) }
    guard needInputGradient else { return nil }
    let dx = grad.reserve(rows * c)
    let training = lastMode == .training
    let mdy = sdy.map { Float($0 / Double(rows)) }, mdyx = sdyx.map { Float($0 / Double(rows)) }
    mdy.withUnsafeBufferPointer { mdyP in
      mdyx.withUnsafeBufferPointer { mdyxP in
        let a = mdyP.baseAddress!, bb = mdyxP.baseAddress!
        parallelElements(rows * c) { range in
          for i in range {
            let j = i % c
            dx[i] = training ? g[j] * inv[j] * (dy[i] - a[j] - xh[i] * bb[j]) : g[j] * inv[j] * dy[i]
          }
        }
      }
    }
    return UnsafePointer(dx)
  }
}
