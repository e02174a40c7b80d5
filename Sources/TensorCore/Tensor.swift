// galmorph — TensorCore
//
// The value type exchanged at API boundaries: a contiguous Float32 array with a shape.

import GalmorphSupport

/// A dense, contiguous, row-major Float32 tensor.
///
/// Layout convention of galmorph: image batches are **NHWC** (`[batch, height, width, channels]`), so the last axis
/// (channels) varies fastest. With this layout a convolution's im2col matrix is `[N·H·W, k·k·Cin]` and the whole layer
/// is one GEMM against the `[k·k·Cin, Cout]` kernel (the layout TensorFlow/Keras uses; PyTorch's default is NCHW).
/// Flattening an NHWC activation therefore orders features as (h, w, c).
///
/// `Tensor` has value semantics (copy-on-write through its `[Float]` storage). The engine's hot loops work on
/// preallocated ``FloatBuffer`` workspaces instead; `Tensor` is for inputs and outputs.
public struct Tensor: Sendable, Equatable {
  /// The extent of each axis; `shape.reduce(1, *) == values.count`.
  public private(set) var shape: [Int]
  /// The elements in row-major order (last axis fastest).
  public var values: [Float]

  /// A tensor with the given shape and elements. Precondition: `values.count` equals the product of `shape`.
  public init(shape: [Int], values: [Float]) {
    precondition(shape.allSatisfy { $0 >= 0 }, "Tensor: negative extent in shape \(shape)")
    precondition(
      shape.reduce(1, *) == values.count,
      "Tensor: \(values.count) values do not fill shape \(shape)")
    self.shape = shape
    self.values = values
  }

  /// A tensor of the given shape filled with `value` (default 0).
  public init(shape: [Int], repeating value: Float = 0) {
    self.init(shape: shape, values: [Float](repeating: value, count: shape.reduce(1, *)))
  }

  /// A tensor whose elements are drawn i.i.d. from N(0, σ²) with the given generator.
  public init(normalShape shape: [Int], standardDeviation sigma: Float = 1, using generator: inout SeededGenerator) {
    let n = shape.reduce(1, *)
    var v = [Float](repeating: 0, count: n)
    for i in 0..<n { v[i] = Float(generator.nextNormal()) * sigma }
    self.init(shape: shape, values: v)
  }

  /// Number of elements.
  public var count: Int { values.count }
  /// Number of axes.
  public var rank: Int { shape.count }

  /// The same elements viewed with another shape of equal element count.
  public func reshaped(_ newShape: [Int]) -> Tensor {
    Tensor(shape: newShape, values: values)
  }

  /// The element at a multi-index (row-major). For tests and small tensors, not for hot loops.
  public subscript(_ index: Int...) -> Float {
    get { values[flatIndex(index)] }
    set { values[flatIndex(index)] = newValue }
  }

  private func flatIndex(_ index: [Int]) -> Int {
    precondition(index.count == shape.count, "Tensor: index \(index) has wrong rank for shape \(shape)")
    var flat = 0
    for (i, n) in zip(index, shape) {
      precondition(i >= 0 && i < n, "Tensor: index \(index) out of range for shape \(shape)")
      flat = flat * n + i
    }
    return flat
  }
}
