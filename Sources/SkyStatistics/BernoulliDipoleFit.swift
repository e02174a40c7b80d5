// galmorph — SkyStatistics

import Foundation
import SkyGeometry

/// Maximum-likelihood monopole + dipole of a binary label (Patel & Desmond 2024 style).
///
/// Model: P(yᵢ = 1) = m + d·xᵢ with the dipole vector d (amplitude |d|, direction d/|d|). The log-likelihood
/// ℓ = Σ yᵢ ln pᵢ + (1 − yᵢ) ln(1 − pᵢ) is maximised by Fisher scoring (IRLS): θ ← θ + I⁻¹∇ℓ with
/// I = Σ zᵢzᵢᵀ/(pᵢ(1 − pᵢ)), zᵢ = (1, xᵢ), starting from m = ȳ, d = 0. The constraint 0 < p < 1 is kept by step
/// halving: a step is accepted only if every pᵢ stays in [1e-9, 1 − 1e-9] and ℓ does not decrease. The covariance is
/// I⁻¹ at the optimum; the amplitude error is the delta-method √(d̂ᵀ C_dd d̂)/|d̂|. Significance: the likelihood
/// ratio 2(ℓ̂ − ℓ₀) against monopole only (ℓ₀ at m = ȳ) is χ²₃ under H₀ (Wilks), which already covers all
/// directions; ΔBIC = −2Δℓ + 3 ln N. Probabilities in [0, 1] are accepted as well (quasi-likelihood).
///
/// Reference: Patel, V. & Desmond, H. (2024), "No evidence for anisotropy in galaxy spin directions",
/// MNRAS 534, 1553 (arXiv:2404.06617); Wilks, S. S. (1938), Ann. Math. Stat. 9, 60.
public enum BernoulliDipoleFit {
  public static func fit(directions: [SkyDirection], values y: [Double], maxIterations: Int = 100) throws -> DipoleFit {
    let n = directions.count
    guard y.count == n else { throw SkyStatisticsError.lengthMismatch(what: "labels", expected: n, got: y.count) }
    if let bad = y.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
      throw SkyStatisticsError.invalidValue(
        name: "label", row: bad, value: y[bad], expected: "0, 1 or a probability in [0, 1]")
    }
    let ybar = y.reduce(0, +) / Double(max(1, n))
    guard n >= 5, ybar > 0, ybar < 1 else {
      throw SkyStatisticsError.fitFailed(
        method: "bernoulli-likelihood",
        reason: "needs at least 5 directions and both label values present")
    }
    let xs = directions.map { $0.x }, ys = directions.map { $0.y }, zs = directions.map { $0.z }
    let eps = 1e-9
    func logLikelihood(_ t: [Double]) -> Double? {
      var ll = 0.0
      for i in 0..<n {
        let p = t[0] + t[1] * xs[i] + t[2] * ys[i] + t[3] * zs[i]
        if !(p >= eps && p <= 1 - eps) { return nil }
        ll += y[i] * log(p) + (1 - y[i]) * log1p(-p)
      }
      return ll
    }
    let ll0 = Double(n) * (ybar * log(ybar) + (1 - ybar) * log1p(-ybar))
    var theta = [ybar, 0, 0, 0]
    var ll = logLikelihood(theta) ?? ll0
    var info = [[Double]](repeating: [0, 0, 0, 0], count: 4)
    var iterations = 0
    for it in 1...maxIterations {
      iterations = it
      var g = [0.0, 0, 0, 0]
      info = [[Double]](repeating: [0, 0, 0, 0], count: 4)
      var gs = SIMD4<Double>(repeating: 0)
      var i0 = SIMD4<Double>(repeating: 0), i1 = i0, i2 = i0, i3 = i0
      for i in 0..<n {
        let z = SIMD4<Double>(1, xs[i], ys[i], zs[i])
        let p = theta[0] + theta[1] * z[1] + theta[2] * z[2] + theta[3] * z[3]
        let w = 1 / (p * (1 - p))
        gs += ((y[i] - p) * w) * z
        let wz = w * z
        i0 += wz * z[0]; i1 += wz * z[1]; i2 += wz * z[2]; i3 += wz * z[3]
      }
      let rowsI = [i0, i1, i2, i3]
      for a in 0..<4 { g[a] = gs[a]; for b in 0..<4 { info[a][b] = rowsI[a][b] } }
      for a in 0..<4 { for b in 0..<a { info[a][b] = info[b][a] } }
      guard let inv = SmallMatrix.inverse(info) else {
        throw SkyStatisticsError.fitFailed(
          method: "bernoulli-likelihood", reason: "singular Fisher matrix (degenerate footprint)")
      }
      let step = SmallMatrix.multiply(inv, g)
      var alpha = 1.0
      var accepted = false
      for _ in 0..<60 {
        let trial = (0..<4).map { theta[$0] + alpha * step[$0] }
        if let lt = logLikelihood(trial), lt >= ll - 1e-12 * abs(ll) {
          theta = trial; ll = lt; accepted = true
          break
        }
        alpha /= 2
      }
      let size = step.map { abs($0) * alpha }.max() ?? 0
      if !accepted || size < 1e-12 { break }
    }
    guard let cov = SmallMatrix.inverse(info) else {
      throw SkyStatisticsError.fitFailed(
        method: "bernoulli-likelihood", reason: "singular Fisher matrix at the optimum")
    }
    let d = Array(theta[1...])
    let cdd = (1...3).map { r in (1...3).map { c in cov[r][c] } }
    let (axis, amp, ampErr, dirErr) = DipoleFit.axisSummary(d, cdd)
    let lr = max(0, 2 * (ll - ll0))
    let p = ChiSquared.sf(lr, dof: 3)
    return DipoleFit(
      n: n, method: .bernoulliLikelihood, model: .monopoleDipole, bestAxis: AxisCoordinates(axis),
      dipoleVector: d, amplitude: amp, amplitudeErr: ampErr, directionErrDegrees: dirErr,
      monopole: theta[0], monopoleErr: cov[0][0].squareRoot(), statistic: lr, pValue: p,
      sigma: Normal.significance(pValue: p), pValueMethod: .likelihoodRatio,
      permutations: nil, seed: nil, deltaBIC: -lr + 3 * log(Double(n)), covariance: cov,
      iterations: iterations)
  }

  /// Convenience for Bool labels.
  public static func fit(directions: [SkyDirection], labels: [Bool]) throws -> DipoleFit {
    try fit(directions: directions, values: labels.map { $0 ? 1 : 0 })
  }
}
