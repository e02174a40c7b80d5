// galmorph — NeuralNet
//
// A stack of layers built from an Architecture, with forward, backward and a training step.

import GalmorphSupport
import TensorCore

/// A feed-forward network: layers applied in order to NHWC batches.
///
/// Build it from an ``Architecture`` and a seed (weights are drawn with `SeededGenerator(seed: seed).stream(i)` for
/// layer i, dropout masks with `.stream(1000 + i)`), then use ``forward(_:mode:)`` for inference and
/// ``trainStep(input:targets:weights:loss:optimizer:)`` for training. Each layer keeps its workspaces, so after
/// the first step at a batch size a training step allocates no new buffers. Not thread-safe: one model per task.
///
/// Deterministic: the same seed, data and batch size give bit-identical weights after any number of steps, for any
/// `Parallel.workers` (work is cut into fixed slices; see the NeuralNet documentation, "Determinism").
public final class Sequential {
  /// The description the model was built from.
  public let architecture: Architecture
  /// The layers, in order.
  public let layers: [any Layer]
  /// Per-channel input normalisation the model was trained with (metadata for persistence; see
  /// ``InputNormalization``). The engine does not apply it by itself.
  public var normalization: InputNormalization?
  /// Trainable parameters, in layer order (what optimizers update); fixed at construction.
  public let trainableParameters: [Parameter]
  private let lossGradient = FloatBuffer()

  /// Builds the layers, checking every shape; throws ``NeuralNetError/invalidArchitecture(layer:reason:)``.
  public init(architecture: Architecture, seed: UInt64 = 0) throws {
    self.architecture = architecture
    layers = try LayerFactory.build(architecture, seed: seed)
    trainableParameters = layers.flatMap(\.parameters).filter(\.trainable)
    Sequential.fuse(layers)
  }

  /// Fuses conv2d → relu pairs: the convolution rectifies its output in place, chunk by chunk, and the ReLU layer
  /// passes data through (its backward still masks the gradient). Saves a pass over the largest activations.
  /// When a max pooling follows such a ReLU, the pooling's backward applies the ReLU's mask (it routes each gradient
  /// to one input element and zeroes it where that element is ≤ 0) and the ReLU's backward passes the gradient
  /// through: the same numbers without a pass over the pre-pooling gradient.
  static func fuse(_ layers: [any Layer]) {
    for (k, (a, b)) in zip(layers, layers.dropFirst()).enumerated() {
      guard let conv = a as? Conv2D, let act = b as? Activation, act.function == .relu else { continue }
      conv.fusedReLU = true
      act.inputAlreadyRectified = true
      if k + 2 < layers.count, let pool = layers[k + 2] as? MaxPool2D {
        pool.masksRectifiedInput = true
        act.gradientMaskedByNext = true
      }
    }
  }

  /// Per-example input shape.
  public var inputShape: [Int] { architecture.inputShape }
  /// Per-example output shape.
  public var outputShape: [Int] { layers.last?.outputShape ?? architecture.inputShape }
  /// All parameters keyed by path "layer/name", in layer order.
  public var namedParameters: [(key: String, parameter: Parameter)] {
    layers.flatMap { l in l.parameters.map { (key: "\(l.name)/\($0.name)", parameter: $0) } }
  }
  /// Total number of parameter elements (trainable and persisted), as Keras/PyTorch count them.
  public var parameterCount: Int { namedParameters.reduce(0) { $0 + $1.parameter.count } }

  /// Checks an input batch's shape and returns its batch size.
  func batchSize(of x: Tensor) throws -> Int {
    guard x.rank == inputShape.count + 1, Array(x.shape.dropFirst()) == inputShape else {
      throw NeuralNetError.inputShape(expected: inputShape, got: x.shape)
    }
    return x.shape[0]
  }

  /// Runs the network on a batch `[N] + inputShape` and returns `[N] + outputShape` (allocates the result).
  public func forward(_ x: Tensor, mode: Mode = .inference) throws -> Tensor {
    let n = try batchSize(of: x)
    return x.values.withUnsafeBufferPointer { xp in
      let y = forward(xp.baseAddress!, batch: n, mode: mode)
      let count = n * outputShape.reduce(1, *)
      return Tensor(shape: [n] + outputShape, values: Array(UnsafeBufferPointer(start: y, count: count)))
    }
  }

  /// Pointer-level forward: returns a pointer into the last layer's workspace, valid until the next call.
  public func forward(_ x: UnsafePointer<Float>, batch: Int, mode: Mode) -> UnsafePointer<Float> {
    var h = x
    for l in layers { h = l.forward(h, batch: batch, mode: mode) }
    return h
  }

  /// Pointer-level backward from dLoss/dOutput; sets every parameter's gradient. Returns dLoss/dInput when
  /// `needInputGradient` (the first layer is otherwise spared its input gradient).
  @discardableResult
  public func backward(_ dy: UnsafePointer<Float>, batch: Int, needInputGradient: Bool = false) -> UnsafePointer<Float>?
  {
    var g: UnsafePointer<Float>? = dy
    for (i, l) in layers.enumerated().reversed() {
      guard let gi = g else { break }
      g = l.backward(gi, batch: batch, needInputGradient: i > 0 || needInputGradient)
    }
    return g
  }

  /// Forward in `mode`, loss, and backward: on return every parameter's ``Parameter/gradient`` holds
  /// dL/dθ for this batch. `targets` has the layout of the outputs `[N] + outputShape`; `weights` has N entries.
  /// Returns the loss.
  public func computeGradients(
    input: Tensor, targets: [Float], weights: [Float]? = nil, loss: any Loss,
    mode: Mode = .training
  ) throws -> Float {
    let n = try batchSize(of: input)
    let width = outputShape.reduce(1, *)
    guard targets.count == n * width else {
      throw NeuralNetError.labelCount(what: "targets", expected: n * width, got: targets.count)
    }
    if let weights, weights.count != n {
      throw NeuralNetError.labelCount(what: "weights", expected: n, got: weights.count)
    }
    let g = lossGradient.reserve(n * width)
    return input.values.withUnsafeBufferPointer { xp in
      targets.withUnsafeBufferPointer { tp in
        let y = forward(xp.baseAddress!, batch: n, mode: mode)
        let l: Float
        if let weights {
          l = weights.withUnsafeBufferPointer { wp in
            loss.evaluate(
              logits: y, targets: tp.baseAddress!, weights: wp.baseAddress!, batch: n, width: width, gradient: g)
          }
        } else {
          l = loss.evaluate(logits: y, targets: tp.baseAddress!, weights: nil, batch: n, width: width, gradient: g)
        }
        backward(g, batch: n)
        return l
      }
    }
  }

  /// One training step: forward (training mode), loss, backward, optimizer update. Returns the batch loss.
  @discardableResult
  public func trainStep(
    input: Tensor, targets: [Float], weights: [Float]? = nil, loss: any Loss,
    optimizer: any Optimizer
  ) throws -> Float {
    let l = try computeGradients(input: input, targets: targets, weights: weights, loss: loss, mode: .training)
    optimizer.step(trainableParameters)
    return l
  }
}
