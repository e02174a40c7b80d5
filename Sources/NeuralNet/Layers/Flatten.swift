// galmorph — NeuralNet

import TensorCore

/// Reshapes each example to a vector. NHWC data is already contiguous in (h, w, c) order, so this copies nothing:
/// forward returns its input and backward its output gradient. (PyTorch's NCHW flatten orders (c, h, w); weights
/// of a following Dense layer must be permuted when exchanging models with it.)
public final class Flatten: Layer {
  public let name: String
  public let inputShape: [Int]
  public var outputShape: [Int] { [inputSize] }
  public var kind: String { "flatten" }

  public init(name: String, inputShape: [Int]) { self.name = name; self.inputShape = inputShape }

  public func forward(_ x: UnsafePointer<Float>, batch: Int, mode: Mode) -> UnsafePointer<Float> { x }

  public func backward(_ dy: UnsafePointer<Float>, batch: Int, needInputGradient: Bool) -> UnsafePointer<Float>? {
    needInputGradient ? dy : nil
  }
}
