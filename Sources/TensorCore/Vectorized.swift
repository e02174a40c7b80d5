// galmorph — TensorCore
//
// Explicit SIMD loops for the elementwise kernels the optimiser does not vectorise on its own (selects behind
// possibly aliasing pointers compile to scalar branches).

import CConvKernels

/// 8-lane SIMD kernels over raw Float pointers (SSE/AVX without needing a target-CPU flag: compare, select, max).
public enum Vectorized {
  @inline(__always) static func load(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
  }
  @inline(__always) static func store(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
  }

  /// `y[i] = max(x[i], 0)`.
  public static func relu(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count n: Int) {
    var i = 0
    let zero = SIMD8<Float>(repeating: 0)
    while i + 8 <= n { let v = load(x + i); store(v.replacing(with: zero, where: v .< zero), y + i); i += 8 }
    while i < n { y[i] = max(x[i], 0); i += 1 }
  }

  /// `dx[i] = x[i] > 0 ? dy[i] : slope·dy[i]` (slope 0 for ReLU, α for leaky ReLU).
  public static func reluBackward(
    _ x: UnsafePointer<Float>, _ dy: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>,
    count n: Int, slope: Float = 0
  ) {
    var i = 0
    let zero = SIMD8<Float>(repeating: 0)
    while i + 8 <= n {
      let g = load(dy + i)
      store((slope * g).replacing(with: g, where: load(x + i) .> zero), dx + i)
      i += 8
    }
    while i < n { dx[i] = x[i] > 0 ? dy[i] : slope * dy[i]; i += 1 }
  }

  /// Copies `n` floats (non-overlapping buffers) with 8-lane moves: cheaper than a `memmove` call for the short runs
  /// of im2col. A tail of n mod 8 floats (n ≥ 8) is one more 8-lane move ending at n, overlapping the previous one
  /// (the 15-float rows of a 5×5 kernel over 3 channels take two moves instead of one and seven scalar copies).
  @inline(__always)
  public static func copy(_ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>, count n: Int) {
    guard n >= 8 else {
      for i in 0..<n { dst[i] = src[i] }
      return
    }
    var i = 0
    while i + 8 <= n { store(load(src + i), dst + i); i += 8 }
    if i < n { store(load(src + n - 8), dst + n - 8) }
  }

  /// GEMM epilogue over a `[rows, cols]` block: `y[r, j] += bias[j]` (when given), then `max(·, 0)` when `relu`.
  public static func biasActivation(
    _ y: UnsafeMutablePointer<Float>, rows: Int, cols: Int,
    bias: UnsafePointer<Float>?, relu: Bool
  ) {
    let zero = SIMD8<Float>(repeating: 0)
    for r in 0..<rows {
      let row = y + r * cols
      var j = 0
      while j + 8 <= cols {
        var v = load(row + j)
        if let bias { v += load(bias + j) }
        if relu { v = v.replacing(with: zero, where: v .< zero) }
        store(v, row + j)
        j += 8
      }
      while j < cols {
        var v = row[j]
        if let bias { v += bias[j] }
        if relu { v = max(v, 0) }
        row[j] = v
        j += 1
      }
    }
  }

  /// Column sums `sum[j] += x[r, j]` over the rows of a row-major `rows × cols` matrix, rows in order (each column
  /// one sequential chain), with 64 columns at a time held in registers
  /// across all rows instead of a load and store of `sum` per row.
  public static func addRows(
    _ x: UnsafePointer<Float>, rows: Int, cols: Int, into sum: UnsafeMutablePointer<Float>, isa: KernelISA? = nil
  ) {
    gm_add_rows(x, rows, cols, sum, isa.cLevel)
  }

  /// `out[i] = b₀[i] + b₁[i] + … + b_{parts−1}[i]` over the first `parts` (≥ 1) buffers, added in that order (the
  /// bits of a copy and `parts − 1` element-wise additions) in one blocked pass over `out`.
  public static func sum(
    _ parts: Int, of buffers: [FloatBuffer], count: Int, into out: UnsafeMutablePointer<Float>, isa: KernelISA? = nil
  ) {
    precondition(parts >= 1 && parts <= buffers.count)
    withUnsafeTemporaryAllocation(of: UnsafePointer<Float>?.self, capacity: parts) { p in
      for i in 0..<parts { p[i] = UnsafePointer(buffers[i].pointer) }
      gm_sum_parts(p.baseAddress, parts, count, out, isa.cLevel)
    }
  }

}
