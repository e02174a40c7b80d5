// galmorph — NeuralNet
//
// The layer protocol: pointer-based forward/backward over preallocated workspaces.

import TensorCore

/// Whether a layer runs as in training (dropout active, batch statistics) or inference.
public enum Mode: Sendable, Equatable {
  case training, inference
}

/// A learnable (or persisted) array of a layer, with its gradient.
///
/// `value` and `gradient` are ``FloatBuffer``s of `count` elements laid out as documented by the owning layer
/// (e.g. a Conv2D kernel is `[kh, kw, Cin, Cout]`). Non-trainable parameters (BatchNorm running statistics) are
/// persisted but never touched by optimizers.
public final class Parameter {
  /// Name inside its layer, e.g. "kernel", "bias", "running_mean".
  public let name: String
  /// Shape of the array.
  public let shape: [Int]
  /// Number of elements.
  public let count: Int
  /// Current values.
  public let value: FloatBuffer
  /// dLoss/dvalue from the latest backward pass (overwritten, not accumulated).
  public let gradient: FloatBuffer
  /// Whether optimizers update it.
  public let trainable: Bool

  public init(name: String, shape: [Int], trainable: Bool = true) {
    self.name = name
    self.shape = shape
    count = shape.reduce(1, *)
    value = FloatBuffer(capacity: count)
    gradient = FloatBuffer(capacity: count)
    self.trainable = trainable
  }

  /// A copy of the values.
  public var values: [Float] { value.array(count: count) }

  /// Overwrites the values. Precondition: `values.count == count`.
  public func setValues(_ values: [Float]) {
    precondition(values.count == count, "Parameter \(name): \(values.count) values for \(count) elements")
    values.withUnsafeBufferPointer { value.pointer.update(from: $0.baseAddress!, count: count) }
  }
}

/// One layer of a ``Sequential`` network, NHWC throughout.
///
/// Contract: `forward` reads `batch` examples of ``inputShape`` at `x` and returns a pointer to `batch` examples
/// of ``outputShape`` (in the layer's own workspace, or `x` itself for layers that do not change data). The input
/// pointer must stay valid until `backward` has run. `backward` receives dLoss/dOutput, sets the gradients of the
/// layer's parameters for this batch and returns dLoss/dInput (nil when `needInputGradient` is false).
/// Workspaces grow on the first call at a batch size and are then reused, so a steady-state step allocates nothing.
public protocol Layer: AnyObject {
  /// Unique path component, e.g. "conv1".
  var name: String { get }
  /// The architecture keyword, e.g. "conv2d".
  var kind: String { get }
  /// Per-example input shape (NHWC without N, or [features]).
  var inputShape: [Int] { get }
  /// Per-example output shape.
  var outputShape: [Int] { get }
  /// Learnable and persisted arrays, in a fixed order.
  var parameters: [Parameter] { get }
  func forward(_ x: UnsafePointer<Float>, batch: Int, mode: Mode) -> UnsafePointer<Float>
  func backward(_ dy: UnsafePointer<Float>, batch: Int, needInputGradient: Bool) -> UnsafePointer<Float>?
}

extension Layer {
  public var parameters: [Parameter] { [] }
  /// Elements per input example.
  public var inputSize: Int { inputShape.reduce(1, *) }
  /// Elements per output example.
  public var outputSize: Int { outputShape.reduce(1, *) }
}
