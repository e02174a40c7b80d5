// galmorph — SkyStatistics

import Foundation
import GalmorphSupport

extension CosineDipoleScan {
  /// Label-weighted sums b_k = Σᵢ y_{π_k(i)} xᵢ for K random relabelings π_k of the fixed positions.
  ///
  /// Permutation k draws from `SeededGenerator(seed: seed).stream(k)`, so results do not depend on the number of
  /// threads. Binary labels: a random permutation of n₁ ones and N − n₁ zeros is a uniformly random n₁-subset,
  /// drawn by sequential selection sampling (Knuth, TAOCP vol. 2, §3.4.2, Algorithm S: position i is selected with
  /// probability (still needed)/(positions left), decided with 32 random bits, i.e. to within 2⁻³² per decision);
  /// permutations are processed 8 at a time over cache-sized blocks of positions. Other values: a Fisher–Yates
  /// shuffle per permutation. Returns 3K values (x, y, z of each b_k).
  func permutedSums(count k: Int, seed: UInt64) -> [Double] {
    let out = SharedBuffer(count: 3 * k)
    let base = SeededGenerator(seed: seed)
    let group = 8
    let chunks = (k + group - 1) / group
    let n = self.n, ones = self.ones, binary = self.binary
    let xs = self.xs, ys = self.ys, zs = self.zs, values = self.values
    DispatchQueue.concurrentPerform(iterations: chunks) { c in
      let lo = c * group, hi = min(k, lo + group)
      if binary {
        Self.selectionSums(lo: lo, hi: hi, n: n, ones: ones, base: base, xs: xs, ys: ys, zs: zs, out: out)
      } else {
        for p in lo..<hi {
          var rng = FastRandom(base.stream(UInt64(p)))
          var v = values
          var i = n - 1
          while i > 0 { v.swapAt(i, rng.below(i + 1)); i -= 1 }
          var sx = 0.0, sy = 0.0, sz = 0.0
          for j in 0..<n { sx += v[j] * xs[j]; sy += v[j] * ys[j]; sz += v[j] * zs[j] }
          out.p[3 * p] = sx; out.p[3 * p + 1] = sy; out.p[3 * p + 2] = sz
        }
      }
    }
    return out.array
  }

  static func selectionSums(lo: Int, hi: Int, n: Int, ones: Int, base: SeededGenerator,
                            xs: [Double], ys: [Double], zs: [Double], out: SharedBuffer) {
    let count = hi - lo
    var rngs = (lo..<hi).map { FastRandom(base.stream(UInt64($0))) }
    var need = [Int](repeating: ones, count: count)
    var acc = [Double](repeating: 0, count: 3 * count)
    let block = 2048
    xs.withUnsafeBufferPointer { xp in
      ys.withUnsafeBufferPointer { yp in
        zs.withUnsafeBufferPointer { zp in
          var start = 0
          while start < n {
            let end = min(n, start + block)
            for q in 0..<count {
              var r = rngs[q]
              var nd = UInt64(need[q])
              var sx = 0.0, sy = 0.0, sz = 0.0
              var i = start
              while i + 1 < end {
                let u = r.next()
                let left0 = UInt64(n - i)
                let t0 = ((u & 0xFFFF_FFFF) &* left0) >> 32
                let f0: Double = t0 < nd ? 1 : 0
                nd -= t0 < nd ? 1 : 0
                sx += f0 * xp[i]; sy += f0 * yp[i]; sz += f0 * zp[i]
                let t1 = ((u >> 32) &* (left0 - 1)) >> 32
                let f1: Double = t1 < nd ? 1 : 0
                nd -= t1 < nd ? 1 : 0
                sx += f1 * xp[i + 1]; sy += f1 * yp[i + 1]; sz += f1 * zp[i + 1]
                i += 2
              }
              if i < end {
                let t0 = ((r.next() & 0xFFFF_FFFF) &* UInt64(n - i)) >> 32
                let f0: Double = t0 < nd ? 1 : 0
                nd -= t0 < nd ? 1 : 0
                sx += f0 * xp[i]; sy += f0 * yp[i]; sz += f0 * zp[i]
              }
              rngs[q] = r
              need[q] = Int(nd)
              acc[3 * q] += sx; acc[3 * q + 1] += sy; acc[3 * q + 2] += sz
            }
            start = end
          }
        }
      }
    }
    for q in 0..<count {
      out.p[3 * (lo + q)] = acc[3 * q]; out.p[3 * (lo + q) + 1] = acc[3 * q + 1]; out.p[3 * (lo + q) + 2] = acc[3 * q + 2]
    }
  }

  /// The cos-fit with a look-elsewhere-corrected p-value, and optionally its σ-map.
  ///
  /// T = Δχ²* (the best axis over the whole sphere, closed form) is computed for the data and for K relabelings;
  /// p = (1 + #{T_k ≥ T_obs}) / (1 + K) (Phipson & Smyth 2010: never 0, exact under exchangeability), and
  /// σ = Φ⁻¹(1 − p). If `grid` is given, the same K relabelings are the random baseline of the σ-map.
  /// Cost: O(N·K) for the relabelings (threaded) + O(axes·K) for the map.
  /// - Parameters:
  ///   - permutations: K (default 1000: p resolves down to 1/1001).
  ///   - seed: fixes the relabelings.
  ///   - grid: the σ-map grid (nil: no map).
  public func significance(permutations k: Int = 1000, seed: UInt64, grid: AxisGrid? = nil) throws -> DipoleScanResult {
    guard k >= 1 else {
      throw SkyStatisticsError.invalidArgument(name: "permutations", value: "\(k)", expected: "at least 1")
    }
    var fit = try bestFit()
    guard let inv = SmallMatrix.inverse(effectiveM) else {
      throw SkyStatisticsError.fitFailed(method: "cosine-fit", reason: "degenerate footprint")
    }
    let sums = permutedSums(count: k, seed: seed)
    var bts = [Double](repeating: 0, count: 3 * k)
    var stats = [Double](repeating: 0, count: k)
    var exceed = 0
    let tObs = fit.statistic
    for p in 0..<k {
      let bt = effectiveB([sums[3 * p], sums[3 * p + 1], sums[3 * p + 2]])
      bts[3 * p] = bt[0]; bts[3 * p + 1] = bt[1]; bts[3 * p + 2] = bt[2]
      stats[p] = Self.maxDelta(inv, bt)
      if stats[p] >= tObs * (1 - 1e-12) { exceed += 1 }
    }
    let pValue = Double(1 + exceed) / Double(1 + k)
    fit.pValue = pValue
    fit.sigma = Normal.upperQuantile(pValue)
    fit.pValueMethod = "label permutation, max over all axes (look-elsewhere corrected)"
    fit.permutations = k
    fit.seed = seed
    var map: SigmaMap?
    if let grid { map = try sigmaMap(grid: grid, permutedB: bts, seed: seed) }
    return DipoleScanResult(fit: fit, map: map, permutationStatistics: stats)
  }
}
