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
/// - The batch is cut into ``imageSlices`` contiguous image slices (default 8) that do not depend on the thread
///   count; ``Parallel`` workers take contiguous runs of slices. Per slice, im2col and a single-thread SGEMM run on
///   chunks small enough (≤ ``columnBudget`` Floats) to stay in cache. The weight and bias gradients are one
///   partial `im2colᵀ·dY` per slice, summed in slice order. Every GEMM shape and every summation order is thus
///   fixed by the batch size alone, so results are bit-identical for any number of workers (see the NeuralNet
///   documentation, "Determinism").
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
  /// Number of fixed image slices a batch is cut into (default 8; fewer when the batch is smaller). Independent of
  /// the worker count by design: it fixes the gradient summation order. Workers beyond this number idle here.
  public var imageSlices = 8

  /// How the convolution is computed. Both give the same convolution up to rounding; each is deterministic.
  public enum Algorithm: String, Sendable, CaseIterable {
    /// im2col + one SGEMM per chunk (any kernel, stride and padding).
    case im2col
    /// Winograd F(4×4, 3×3) (``Winograd``): 3×3 kernels at stride 1, forward and both gradients.
    case winograd
    /// Direct forward pass and weight gradient (``DirectConvolution``: ≤ 4 input channels, filters a multiple of
    /// 32); an input gradient, when asked for (not for a first layer), by im2col.
    case direct
  }

  /// The algorithm in use. Default, by measurement (`GalmorphBench cnn-profile`): ``Algorithm/direct`` where it
  /// applies (a first layer), ``Algorithm/winograd`` for 3×3 stride-1 layers with at least 8 input channels, else
  /// ``Algorithm/im2col``.
  public var algorithm: Algorithm {
    didSet {
      switch algorithm {
      case .im2col: break
      case .winograd: precondition(Winograd.applies(to: geometry), "Winograd needs a 3×3 kernel at stride 1")
      case .direct:
        precondition(
          DirectConvolution.applies(to: geometry, filters: filters),
          "direct convolution needs ≤ 4 input channels and a multiple of 32 filters")
      }
    }
  }

  /// The build of the C kernels the Winograd and direct algorithms use (nil, the default: ``KernelISA/selected``).
  public var kernelISA: KernelISA?

  var cols: [FloatBuffer] = []
  /// Winograd workspaces: a second buffer per worker, the transformed kernel, per-worker kernel-gradient
  /// accumulators in the transform domain, and zeros for padding.
  var winogradScratch: [FloatBuffer] = [], winogradGradient: [FloatBuffer] = []
  let winogradKernel = FloatBuffer(), zeros = FloatBuffer()
  var weightGradParts: [FloatBuffer] = []
  var biasGradParts: [FloatBuffer] = []
  let out = FloatBuffer(), grad = FloatBuffer()
  var input: UnsafePointer<Float>?

  /// A convolution with `filters` output channels and a square `kernelSize` window.
  public init(
    name: String, inputShape: [Int], filters: Int, kernelSize: Int, stride: Int = 1, same: Bool,
    useBias: Bool = true
  ) {
    precondition(inputShape.count == 3, "Conv2D needs [H, W, C] input")
    self.name = name
    self.inputShape = inputShape
    self.filters = filters
    geometry = ConvGeometry(
      inHeight: inputShape[0], inWidth: inputShape[1], channels: inputShape[2],
      kernel: kernelSize, stride: stride, same: same)
    outputShape = [geometry.outHeight, geometry.outWidth, filters]
    kernel = Parameter(name: "kernel", shape: [kernelSize, kernelSize, inputShape[2], filters])
    bias = useBias ? Parameter(name: "bias", shape: [filters]) : nil
    algorithm =
      DirectConvolution.applies(to: geometry, filters: filters)
      ? .direct : Winograd.applies(to: geometry) && inputShape[2] >= 8 ? .winograd : .im2col
  }

  /// True when im2col is the identity (1×1 kernel, stride 1): the input itself is the column matrix.
  var isPointwise: Bool {
    geometry.kernelHeight == 1 && geometry.kernelWidth == 1 && geometry.strideX == 1 && geometry.strideY == 1
  }

  /// Images per im2col chunk.
  var chunkImages: Int { max(1, columnBudget / max(1, geometry.outPixels * geometry.patchSize)) }

  /// im2col buffer of worker `w` holding at least `count` Floats (grown before the parallel loop, never inside).
  func reserveColumns(workers: Int, count: Int) {
    while cols.count < workers { cols.append(FloatBuffer()) }
    for w in 0..<workers { _ = cols[w].reserve(count) }
  }

  /// Number of image slices for `batch`.
  func sliceCount(_ batch: Int) -> Int { fixedSliceCount(batch, slices: imageSlices) }

  /// Runs `body(worker, slice, images)` for every fixed image slice of `0..<batch` (``forEachFixedSlice``).
  func forEachImageSlice(_ batch: Int, _ body: (_ worker: Int, _ slice: Int, _ images: Range<Int>) -> Void) {
    forEachFixedSlice(batch, slices: imageSlices, body)
  }

  /// Images per chunk for a batch of `batch` (never more than a slice): of im2col, or of Winograd.
  func chunk(for batch: Int, winograd: Bool = false) -> Int {
    min(winograd ? winogradChunkImages : chunkImages, (batch + sliceCount(batch) - 1) / sliceCount(batch))
  }

  public func forward(_ x: UnsafePointer<Float>, batch: Int, mode: Mode) -> UnsafePointer<Float> {
    let g = geometry, k = g.patchSize, p = g.outPixels, co = filters
    let y = out.reserve(batch * p * co)
    input = x
    switch algorithm {
    case .winograd:
      winogradForward(x, batch: batch, output: y)
      return UnsafePointer(y)
    case .direct:
      let b = bias.map { UnsafePointer($0.value.pointer) }, w = UnsafePointer(kernel.value.pointer), relu = fusedReLU
      forEachImageSlice(batch) { _, _, range in
        DirectConvolution.forward(
          x + range.lowerBound * g.inputSize, images: range.count, geometry: g, kernel: w, filters: co, bias: b,
          relu: relu, output: y + range.lowerBound * p * co, isa: self.kernelISA)
      }
      return UnsafePointer(y)
    case .im2col: break
    }
    let w = UnsafePointer(kernel.value.pointer), b = bias.map { UnsafePointer($0.value.pointer) }
    let chunk = chunk(for: batch), pointwise = isPointwise, relu = fusedReLU
    reserveColumns(workers: Parallel.partCount(sliceCount(batch)), count: pointwise ? 0 : chunk * p * k)
    forEachImageSlice(batch) { wk, _, range in
      let col = self.cols[wk].pointer
      var n0 = range.lowerBound
      while n0 < range.upperBound {
        let n = min(chunk, range.upperBound - n0)
        let rows = n * p
        let a: UnsafePointer<Float>
        if pointwise {
          a = x + n0 * g.inputSize
        } else {
          im2col(x + n0 * g.inputSize, images: n, geometry: g, col: col)
          a = UnsafePointer(col)
        }
        let yc = y + n0 * p * co
        sgemm(m: rows, n: co, k: k, a: a, b: w, beta: 0, c: yc)
        if b != nil || relu { Vectorized.biasActivation(yc, rows: rows, cols: co, bias: b, relu: relu) }
        n0 += n
      }
    }
    return UnsafePointer(y)
  }
}
