// galmorph — NeuralNet
//
// Pointwise activations: ReLU, LeakyReLU, Sigmoid.

import Foundation
import TensorCore

/// An elementwise activation `y = f(x)` with `dx = f'(x)·dy`.
///
/// - `relu`: max(0, x) (Nair & Hinton 2010); derivative 1 for x > 0, else 0.
/// - `leakyRelu(α)`: x for x > 0, αx otherwise (Maas et al. 2013; Keras default α = 0.3, PyTorch 0.01 — we take
///   α from the architecture, default 0.01).
/// - `sigmoid`: 1/(1+e^−x); derivative y(1−y).
public final class Activation: Layer {
  public enum Function: Sendable, Equatable {
    case relu, leakyRelu(alpha: Float), sigmoid
  }
  public let name: String
  public let function: Function
  public let inputShape: [Int]
  public var outputShape: [Int] { inputShape }
  public var kind: String {
    switch function {
    case .relu: "relu"
    case .leakyRelu: "leaky_relu"
    case .sigmoid: "sigmoid"
    }
  }
  /// Set by ``Sequential`` for a ReLU whose input was already rectified by a fused convolution: forward returns
  /// its input unchanged (backward is the same, since max(0, y) > 0 ⇔ y > 0).
  public var inputAlreadyRectified = false
  /// Set by ``Sequential`` when this ReLU's input is already rectified and the next layer (a ``MaxPool2D`` with
  /// ``MaxPool2D/masksRectifiedInput``) applies the ReLU's gradient mask itself: backward returns its gradient as is.
  public var gradientMaskedByNext = false
  private let out = FloatBuffer(), grad = FloatBuffer()
  private var input: UnsafePointer<Float>?

  public init(name: String, function: Function, inputShape: [Int]) {
    self.name = name; self.function = function; self.inputShape = inputShape
  }

  public func forward(_ x: UnsafePointer<Float>, batch: Int, mode: Mode) -> UnsafePointer<Float> {
    input = x
    if inputAlreadyRectified && function == .relu { return x }
    let n = batch * inputSize
    let y = out.reserve(n)
    let f = function
    // One loop per function outside the switch, so each is a tight, vectorisable loop.
    switch f {
    case .relu: parallelElements(n) { r in Vectorized.relu(x + r.lowerBound, y + r.lowerBound, count: r.count) }
    case let .leakyRelu(a): parallelElements(n) { r in for i in r { y[i] = x[i] > 0 ? x[i] : a * x[i] } }
    case .sigmoid: parallelElements(n) { r in for i in r { y[i] = 1 / (1 + expf(-x[i])) } }
    }
    return UnsafePointer(y)
  }

  public func backward(_ dy: UnsafePointer<Float>, batch: Int, needInputGradient: Bool) -> UnsafePointer<Float>? {
    guard needInputGradient else { return nil }
    if gradientMaskedByNext && inputAlreadyRectified && function == .relu { return dy }
    let n = batch * inputSize
    let dx = grad.reserve(n), x = saved(input, name), y = out.pointer
    let f = function
    switch f {
    case .relu:
      parallelElements(n) { r in
        let o = r.lowerBound
        Vectorized.reluBackward(x + o, dy + o, dx + o, count: r.count)
      }
    case let .leakyRelu(a):
      parallelElements(n) { r in
        let o = r.lowerBound
        Vectorized.reluBackward(x + o, dy + o, dx + o, count: r.count, slope: a)
      }
    case .sigmoid: parallelElements(n) { r in for i in r { dx[i] = dy[i] * y[i] * (1 - y[i]) } }
    }
    return UnsafePointer(dx)
  }
}
