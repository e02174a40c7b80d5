// galmorph — NeuralNet
//
// 2-D convolution, NHWC, as im2col + one SGEMM per chunk of images.

import GalmorphSupport
import TensorCore

/// 2-D convolution (cross-correlation, as in every DL framework) over NHWC input.
///
/// `y[n, oy, ox, co] = b[co] + Σ_{ky,kx,ci} x[n, oy·s + ky − pt, ox·s + kx − pl, ci] · W[ky, kx, ci, co]`
///
/// - Kernel layout `[kh, kw, Cin, Cout]` (TensorFlow "HWIO"): reshaped to `[kh·kw·Cin, Cout]` it is the right-hand
///   side of the GEMM `Y[N·Ho·Wo, Cout] = im2col(X)[N·Ho·Wo, kh·kw·Cin] × W`. PyTorch stores `[Cout, Cin, kh, kw]`.
/// - Padding "valid" (none) or "same" (TensorFlow rule, see ``ConvGeometry``).
/// - Work is split over ``Parallel/workers`` contiguous image slices; each worker runs im2col and a single-thread
///   SGEMM on chunks of its slice small enough (≤ ``columnBudget`` Floats) to stay in cache. The weight gradient
///   is a per-worker partial `im2colᵀ·dY` summed in worker order, so results are deterministic.
/// - im2col columns are recomputed in backward rather than stored, keeping memory at one chunk per worker.
public final class Conv2D: Layer {
  public let name: String
  public let inputShape: [Int]
  public let outputShape: [Int]
  public var kind: String { "conv2d" }
  public let geometry: ConvGeometry
  public let filters: Int
  public let kernel: Parameter
  public let bias: Parameter?
  public var parameters: [Parameter] { bias.map { [kernel, $0] } ?? [kernel] }
  /// When true, forward applies ReLU to each output chunk while it is in cache (set by ``Sequential`` when a
  /// `relu` layer follows; that layer then passes data through and still masks the gradient). Default false.
  public var fusedReLU = false
  /// Maximum Floats in one worker's im2col chunk (default 1 Mi = 4 MiB).
  public var columnBudget = 1 << 20

  var cols: [FloatBuffer] = []
  var weightGradParts: [FloatBuffer] = []
  var biasGradParts: [FloatBuffer] = []
  let out = FloatBuffer(), grad = FloatBuffer()
  var input: UnsafePointer<Float>?

  /// A convolution with `filters` output channels and a square `kernelSize` window.
  public init(name: String, inputShape: [Int], filters: Int, kernelSize: Int, stride: Int = 1, same: Bool,
              useBias: Bool = true) {
    precondition(inputShape.count == 3, "Conv2D needs [H, W, C] input")
    self.name = name
    self.inputShape = inputShape
    self.filters = filters
    geometry = ConvGeometry(inHeight: inputShape[0], inWidth: inputShape[1], channels: inputShape[2],
                            kernel: kernelSize, stride: stride, same: same)
    outputShape = [geometry.outHeight, geometry.outWidth, filters]
    kernel = Parameter(name: "kernel", shape: [kernelSize, kernelSize, inputShape[2], filters])
    bias = useBias ? Parameter(name: "bias", shape: [filters]) : nil
    for _ in 0..<Parallel.workers {
      cols.append(FloatBuffer()); weightGradParts.append(FloatBuffer()); biasGradParts.append(FloatBuffer())
    }
  }

  /// True when im2col is the identity (1×1 kernel, stride 1): the input itself is the column matrix.
  var isPointwise: Bool {
    geometry.kernelHeight == 1 && geometry.kernelWidth == 1 && geometry.strideX == 1 && geometry.strideY == 1
  }

  /// Images per im2col chunk.
  var chunkImages: Int { max(1, columnBudget / max(1, geometry.outPixels * geometry.patchSize)) }

  func workspace(_ w: Int) -> FloatBuffer {
    while cols.count <= w {
      cols.append(FloatBuffer()); weightGradParts.append(FloatBuffer()); biasGradParts.append(FloatBuffer())
    }
    return cols[w]
  }

  public func forward(_ x: UnsafePointer<Float>, batch: Int, mode: Mode) -> UnsafePointer<Float> {
    let g = geometry, k = g.patchSize, p = g.outPixels, co = filters
    let y = out.reserve(batch * p * co)
    input = x
    let w = UnsafePointer(kernel.value.pointer), b = bias.map { UnsafePointer($0.value.pointer) }
    let chunk = chunkImages, pointwise = isPointwise, relu = fusedReLU
    for wk in 0..<Parallel.partCount(batch) { _ = workspace(wk).reserve(pointwise ? 0 : min(chunk, batch) * p * k) }
    Parallel.forEachSlice(batch) { wk, range in
      let col = self.cols[wk].pointer
      var n0 = range.lowerBound
      while n0 < range.upperBound {
        let n = min(chunk, range.upperBound - n0)
        let rows = n * p
        let a: UnsafePointer<Float>
        if pointwise { a = x + n0 * g.inputSize } else {
          im2col(x + n0 * g.inputSize, images: n, geometry: g, col: col)
          a = UnsafePointer(col)
        }
        let yc = y + n0 * p * co
        if let b {
          for r in 0..<rows { (yc + r * co).update(from: b, count: co) }
          sgemm(m: rows, n: co, k: k, a: a, b: w, beta: 1, c: yc)
        } else {
          sgemm(m: rows, n: co, k: k, a: a, b: w, beta: 0, c: yc)
        }
        if relu { Vectorized.relu(yc, yc, count: rows * co) }
        n0 += n
      }
    }
    return UnsafePointer(y)
  }
}
