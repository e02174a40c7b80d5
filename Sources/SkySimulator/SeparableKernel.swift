// galmorph — SkySimulator
//
// A PSF kernel as a short sum of separable (outer-product) terms, for fast convolution.

/// K ≈ Σ_k λ_k v_k v_kᵀ: the symmetric kernel matrix (K[j][i] = K[i][j] for a circular PSF) expanded in its
/// eigenvectors of largest |λ|, found by power iteration with deflation. Terms are kept until |λ_k| < 3e-5·|λ₀|
/// (at most 8); for Moffat kernels with β ≥ 2.5 that is 4–6 terms, against (2R+1) rows for a direct 2-D
/// convolution, and the dropped remainder is ≲ 3e-5 of the kernel. Each term is applied as a horizontal then a
/// vertical 1-D pass (Golub & Van Loan, Matrix Computations, §8.2 for the power method).
struct SeparableKernel: Sendable {
  let radius: Int
  /// Terms (λ folded in as sqrt(|λ|) on both factors, the sign kept on the row factor).
  let rows: [[Float]]
  let columns: [[Float]]

  static let relativeCutoff = 3e-5
  static let maxTerms = 8

  init(radius: Int, weights: [Float]) {
    self.radius = radius
    let n = 2 * radius + 1
    var k = weights.map(Double.init)
    var rows: [[Float]] = [], columns: [[Float]] = []
    var first = 0.0
    for term in 0..<SeparableKernel.maxTerms {
      // Power iteration on the (deflated) matrix.
      var v = [Double](repeating: 0, count: n)
      for i in 0..<n { v[i] = 1 + 0.01 * Double((i * 7919 + term * 104_729) % 13) }
      var lambda = 0.0
      var w = [Double](repeating: 0, count: n)
      for _ in 0..<200 {
        var norm = 0.0
        // w = K v through buffer pointers (no per-element bounds checks: this product is most of a galaxy's PSF
        // set-up); the same sums in the same order as the indexed loop.
        k.withUnsafeBufferPointer { kp in
          v.withUnsafeBufferPointer { vp in
            w.withUnsafeMutableBufferPointer { wp in
              for i in 0..<n {
                var s = 0.0
                let row = i &* n
                for j in 0..<n { s += kp[row &+ j] * vp[j] }
                wp[i] = s
                norm += s * s
              }
            }
          }
        }
        norm = norm.squareRoot()
        if norm == 0 { break }
        var dot = 0.0
        for i in 0..<n { dot += v[i] * w[i] }
        let vNorm = v.reduce(0) { $0 + $1 * $1 }
        let newLambda = dot / vNorm
        for i in 0..<n { v[i] = w[i] / norm }
        if abs(newLambda - lambda) <= 1e-12 * abs(newLambda) {
          lambda = newLambda
          break
        }
        lambda = newLambda
      }
      if term == 0 { first = abs(lambda) }
      if lambda == 0 || abs(lambda) < SeparableKernel.relativeCutoff * first { break }
      let s = abs(lambda).squareRoot()
      rows.append(v.map { Float($0 * s * (lambda < 0 ? -1 : 1)) })
      columns.append(v.map { Float($0 * s) })
      for i in 0..<n { for j in 0..<n { k[i * n + j] -= lambda * v[i] * v[j] } }
    }
    // Safety net: if the expansion does not reproduce the kernel (e.g. power iteration stalled on a ± eigenvalue
    // pair), fall back to the exact row-by-row expansion K = Σ_j e_j K[j, :] (a direct 2-D convolution).
    var worst = 0.0, peak = 0.0
    for i in 0..<n {
      for j in 0..<n {
        var approx = 0.0
        for t in 0..<rows.count { approx += Double(rows[t][j]) * Double(columns[t][i]) }
        worst = max(worst, abs(approx - Double(weights[i * n + j])))
        peak = max(peak, abs(Double(weights[i * n + j])))
      }
    }
    if rows.isEmpty || worst > 1e-4 * peak {
      rows = (0..<n).map { i in Array(weights[(i * n)..<((i + 1) * n)]) }
      columns = (0..<n).map { i in (0..<n).map { $0 == i ? Float(1) : 0 } }
    }
    self.rows = rows
    self.columns = columns
  }

  /// Convolves the `size` × `size` interior of a `padded` × `padded` row-major image (interior offset `pad`, with
  /// `pad` ≥ `radius`) into `out`, using `scratch` (≥ (size + 2·radius) · size floats). Both 1-D passes keep
  /// 8-wide accumulators in registers (one unaligned load per 8 multiply-adds).
  func convolve(
    _ image: UnsafePointer<Float>, padded: Int, pad: Int, into out: UnsafeMutablePointer<Float>,
    size: Int, scratch: UnsafeMutablePointer<Float>
  ) {
    let n = 2 * radius + 1, offset = pad - radius
    let vectorEnd = size - size % 8
    out.update(repeating: 0, count: size * size)
    for t in 0..<rows.count {
      rows[t].withUnsafeBufferPointer { h in
        columns[t].withUnsafeBufferPointer { v in
          let tallRows = size + 2 * radius
          for y in 0..<tallRows {
            let src = image + (y + offset) * padded + offset
            let dst = scratch + y * size
            var x = 0
            while x < vectorEnd {
              var acc = SIMD8<Float>()
              for i in 0..<n { acc += h[i] * UnsafeRawPointer(src + x + i).loadUnaligned(as: SIMD8<Float>.self) }
              UnsafeMutableRawPointer(dst + x).storeBytes(of: acc, as: SIMD8<Float>.self)
              x += 8
            }
            while x < size {
              var acc: Float = 0
              for i in 0..<n { acc += h[i] * src[x + i] }
              dst[x] = acc
              x += 1
            }
          }
          for y in 0..<size {
            let dst = out + y * size
            var x = 0
            while x < vectorEnd {
              var acc = UnsafeRawPointer(dst + x).loadUnaligned(as: SIMD8<Float>.self)
              for j in 0..<n {
                acc += v[j] * UnsafeRawPointer(scratch + (y + j) * size + x).loadUnaligned(as: SIMD8<Float>.self)
              }
              UnsafeMutableRawPointer(dst + x).storeBytes(of: acc, as: SIMD8<Float>.self)
              x += 8
            }
            while x < size {
              var acc = dst[x]
              for j in 0..<n { acc += v[j] * scratch[(y + j) * size + x] }
              dst[x] = acc
              x += 1
            }
          }
        }
      }
    }
  }
}
