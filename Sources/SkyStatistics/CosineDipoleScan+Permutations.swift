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
    let group = 16
    let chunks = (k + group - 1) / group
    let n = self.n, ones = self.ones, binary = self.binary
    let xs = self.xs, ys = self.ys, zs = self.zs, values = self.values
    DispatchQueue.concurrentPerform(iterations: chunks) { c in
      let lo = c * group, hi = min(k, lo + group)
      if binary {
        Self.selectionSums(lo: lo, hi: hi, n: n, ones: ones, base: base, xs: xs, ys: ys, zs: zs, out: out)
      } else {
        for p in lo..<hi {
          var rng = SeededGenerator(stateFrom: base.stream(UInt64(p)))
          var v = values
          var i = n - 1
          while i > 0 { v.swapAt(i, rng.nextInt(below: i + 1)); i -= 1 }
          var sx = 0.0, sy = 0.0, sz = 0.0
          for j in 0..<n { sx += v[j] * xs[j]; sy += v[j] * ys[j]; sz += v[j] * zs[j] }
          out.p[3 * p] = sx; out.p[3 * p + 1] = sy; out.p[3 * p + 2] = sz
        }
      }
    }
    return out.array
  }

  static func selectionSums(
    lo: Int, hi: Int, n: Int, ones: Int, base: SeededGenerator,
    xs: [Double], ys: [Double], zs: [Double], out: SharedBuffer
  ) {
    // Lanes come in pairs (two relabelings interleaved in one loop for instruction-level parallelism); a lane
    // past `hi` is a dummy whose result is discarded.
    let lanes = (hi - lo + 1) / 2 * 2
    var rngs = (0..<lanes).map { SeededGenerator(stateFrom: base.stream(UInt64(lo + $0))) }
    var need = [UInt64](repeating: UInt64(ones), count: lanes)
    var acc = [SIMD4<Double>](repeating: .zero, count: 2 * lanes)
    var pts = [SIMD4<Double>](repeating: .zero, count: 0)
    let block = 2048
    let mask32: UInt64 = 0xFFFF_FFFF
    var start = 0
    while start < n {
      let end = min(n, start + block)
      pts.removeAll(keepingCapacity: true)
      for i in start..<end { pts.append(SIMD4(xs[i], ys[i], zs[i], 0)) }
      pts.withUnsafeBufferPointer { pp in
        for pair in stride(from: 0, to: lanes, by: 2) {
          var r0 = rngs[pair], r1 = rngs[pair + 1]
          var n0 = need[pair], n1 = need[pair + 1]
          var a0 = acc[2 * pair], a0b = acc[2 * pair + 1], a1 = acc[2 * pair + 2], a1b = acc[2 * pair + 3]
          var i = start
          // Wrapping index arithmetic (&+, &-): 0 ≤ start ≤ i < end ≤ n, so nothing can overflow, and the checks
          // cost this loop (the whole scan's time) ~15 % without -Ounchecked.
          while i &+ 1 < end {
            let u0 = r0.next(), u1 = r1.next()
            let left = UInt64(truncatingIfNeeded: n &- i)
            // position i is taken with probability need/left: t uniform in 0..<left, taken iff t < need
            let t00 = ((u0 & mask32) &* left) >> 32
            let s00 = (t00 &- n0) >> 63
            n0 &-= s00
            let t10 = ((u1 & mask32) &* left) >> 32
            let s10 = (t10 &- n1) >> 63
            n1 &-= s10
            let t01 = ((u0 >> 32) &* (left &- 1)) >> 32
            let s01 = (t01 &- n0) >> 63
            n0 &-= s01
            let t11 = ((u1 >> 32) &* (left &- 1)) >> 32
            let s11 = (t11 &- n1) >> 63
            n1 &-= s11
            let x0 = pp[i &- start], x1 = pp[i &+ 1 &- start]
            a0 += Double(s00) * x0; a0b += Double(s01) * x1
            a1 += Double(s10) * x0; a1b += Double(s11) * x1
            i &+= 2
          }
          if i < end {
            let left = UInt64(n - i)
            let t0 = ((r0.next() & mask32) &* left) >> 32, t1 = ((r1.next() & mask32) &* left) >> 32
            let s0 = (t0 &- n0) >> 63, s1 = (t1 &- n1) >> 63
            n0 &-= s0; n1 &-= s1
            a0 += Double(s0) * pp[i - start]; a1 += Double(s1) * pp[i - start]
          }
          rngs[pair] = r0; rngs[pair + 1] = r1
          need[pair] = n0; need[pair + 1] = n1
          acc[2 * pair] = a0; acc[2 * pair + 1] = a0b; acc[2 * pair + 2] = a1; acc[2 * pair + 3] = a1b
        }
      }
      start = end
    }
    for q in 0..<(hi - lo) {
      let t = acc[2 * q] + acc[2 * q + 1]
      out.p[3 * (lo + q)] = t[0]; out.p[3 * (lo + q) + 1] = t[1]; out.p[3 * (lo + q) + 2] = t[2]
    }
  }

  /// The cos-fit with a look-elsewhere-corrected p-value, and optionally its σ-map.
  ///
  /// T = Δχ²* (the best axis over the whole sphere, closed form) is computed for the data and for K relabelings;
  /// p = (1 + #{T_k ≥ T_obs}) / (1 + K) (Phipson & Smyth 2010: never 0, exact under exchangeability), and
  /// σ = Φ⁻¹(1 − p). If `grid` is given, the same relabelings are the random baseline of the σ-map: the first
  /// K′ = min(K, `mapPermutations`) of them. Relabeling k is drawn from its own stream of `seed`, so the map with K′
  /// equals the map of a scan with K = K′ and the same seed.
  /// Cost: O(N·K) for the relabelings (threaded) + O(axes·K′) for the map.
  /// - Parameters:
  ///   - permutations: K (default 1000: p resolves down to 1/1001).
  ///   - seed: fixes the relabelings.
  ///   - grid: the σ-map grid (nil: no map).
  ///   - mapPermutations: K′, the relabelings of the σ-map's baseline (default nil: all K).
  public func significance(
    permutations k: Int = 1000, seed: UInt64, grid: AxisGrid? = nil, mapPermutations: Int? = nil
  ) throws -> DipoleScanResult {
    guard k >= 1 else {
      throw SkyStatisticsError.invalidArgument(name: "permutations", value: "\(k)", expected: "at least 1")
    }
    if let m = mapPermutations, m < 1 {
      throw SkyStatisticsError.invalidArgument(name: "map permutations", value: "\(m)", expected: "at least 1")
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
    fit.sigma = Normal.significance(pValue: pValue)
    fit.pValueMethod = .labelPermutation
    fit.permutations = k
    fit.seed = seed
    var map: SigmaMap?
    if let grid {
      let used = min(k, mapPermutations ?? k)
      map = try sigmaMap(grid: grid, permutedB: used == k ? bts : Array(bts[0..<(3 * used)]), seed: seed)
    }
    return DipoleScanResult(fit: fit, map: map, permutationStatistics: stats)
  }
}
