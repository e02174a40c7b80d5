// galmorph — NeuralNet

import TensorCore

/// Fully connected layer: `Y[N, out] = X[N, in] · W[in, out] + b` (Keras kernel layout; PyTorch's `Linear.weight`
/// is `Wᵀ`). The input may have any per-example shape; it is read as a flat vector.
///
/// Backward: `dW = Xᵀ·dY` (split over output columns: no reduction needed), `db = Σ_n dY`, `dX = dY·Wᵀ` (split
/// over rows). Splits are fixed slices (``slices``, ≥ 8 rows or columns each) independent of the worker count, so
/// GEMM shapes — and results — do not depend on it.
public final class Dense: Layer {
  /// Fixed number of row (column) slices the GEMMs are cut into (default 8).
  static let slices = 8
  public let name: String
  public let inputShape: [Int]
  public let units: Int
  public var outputShape: [Int] { [units] }
  public var kind: String { "dense" }
  public let kernel: Parameter
  public let bias: Parameter?
  public var parameters: [Parameter] { bias.map { [kernel, $0] } ?? [kernel] }
  private let out = FloatBuffer(), grad = FloatBuffer()
  private var input: UnsafePointer<Float>?

  public init(name: String, inputShape: [Int], units: Int, useBias: Bool = true) {
    self.name = name; self.inputShape = inputShape; self.units = units
    kernel = Parameter(name: "kernel", shape: [inputShape.reduce(1, *), units])
    bias = useBias ? Parameter(name: "bias", shape: [units]) : nil
  }

  public func forward(_ x: UnsafePointer<Float>, batch: Int, mode: Mode) -> UnsafePointer<Float> {
    let fin = inputSize, fo = units
    let y = out.reserve(batch * fo)
    input = x
    let w = UnsafePointer(kernel.value.pointer), b = bias.map { UnsafePointer($0.value.pointer) }
    forEachFixedSlice(batch, slices: Self.slices, minPerSlice: 8) { _, _, r in
      let yc = y + r.lowerBound * fo
      if let b { for i in 0..<r.count { (yc + i * fo).update(from: b, count: fo) } }
      sgemm(m: r.count, n: fo, k: fin, a: x + r.lowerBound * fin, b: w, beta: b == nil ? 0 : 1, c: yc)
    }
    return UnsafePointer(y)
  }

  public func backward(_ dy: UnsafePointer<Float>, batch: Int, needInputGradient: Bool) -> UnsafePointer<Float>? {
    let fin = inputSize, fo = units
    let x = saved(input, name)
    let dw = kernel.gradient.pointer, db = bias?.gradient.pointer
    forEachFixedSlice(fo, slices: Self.slices, minPerSlice: 8) { _, _, c in
      sgemm(
        transA: true, m: fin, n: c.count, k: batch, a: x, lda: fin, b: dy + c.lowerBound, ldb: fo,
        c: dw + c.lowerBound, ldc: fo)
      if let db {
        for j in c { db[j] = 0 }
        for n in 0..<batch { let d = dy + n * fo; for j in c { db[j] += d[j] } }
      }
    }
    guard needInputGradient else { return nil }
    let dx = grad.reserve(batch * fin), w = UnsafePointer(kernel.value.pointer)
    forEachFixedSlice(batch, slices: Self.slices, minPerSlice: 8) { _, _, r in
      sgemm(transB: true, m: r.count, n: fin, k: fo, a: dy + r.lowerBound * fo, b: w, c: dx + r.lowerBound * fin)
    }
    return UnsafePointer(dx)
  }
}
