// galmorph — SkyStatistics

import Foundation

/// Tests on 2×2 (and r×c) contingency tables, e.g. label × sky side.
///
/// Table layout `[[a, b], [c, d]]`: rows are the groups (side A, side B), columns the outcome (label 1, label 0).
public enum ContingencyTests {
  /// Fisher's exact test on a 2×2 table (scipy `fisher_exact`): returns the sample odds ratio `ad/(bc)` (nil when
  /// undefined, 0/0) and the p-value. Two-sided sums the hypergeometric probabilities of all tables with the
  /// same margins that are no more likely than the observed one (relative tie tolerance 1e-7); greater/less are
  /// the tails of the top-left cell.
  public static func fisherExact(_ t: [[Int]], alternative: Alternative = .twoSided) throws -> (
    oddsRatio: Double?, pValue: Double
  ) {
    try check(t, rows: 2, cols: 2)
    let a = t[0][0], b = t[0][1], c = t[1][0], d = t[1][1]
    let odds: Double? = (b * c == 0 && a * d == 0) ? nil : (b * c == 0 ? .infinity : Double(a * d) / Double(b * c))
    let r1 = a + b, r2 = c + d, c1 = a + c, total = r1 + r2
    if r1 == 0 || r2 == 0 || c1 == 0 || c1 == total { return (odds, 1) }
    let xmin = max(0, c1 - r2), xmax = min(r1, c1)
    let lp = (xmin...xmax).map { Hypergeometric.logPMF($0, total: total, successes: r1, draws: c1) }
    let pmf = lp.map { exp($0) }
    let i = a - xmin
    var p: Double
    switch alternative {
    case .greater: p = pmf[i...].reduce(0, +)
    case .less: p = pmf[...i].reduce(0, +)
    case .twoSided:
      let threshold = pmf[i] * (1 + 1e-7)
      p = pmf.filter { $0 <= threshold }.reduce(0, +)
    }
    return (odds, min(1, p))
  }

  /// Pearson's χ² test of independence on an r×c table (scipy `chi2_contingency`): expected counts from the
  /// margins, dof = (r−1)(c−1). With `yatesCorrection` (scipy's default, only applied when dof = 1) each
  /// |observed − expected| is reduced by min(0.5, |o − e|) (Yates 1934).
  public static func chiSquare(_ t: [[Int]], yatesCorrection: Bool = true) throws -> (
    statistic: Double, pValue: Double, dof: Int
  ) {
    guard t.count >= 2, let cols = t.first?.count, cols >= 2 else {
      throw SkyStatisticsError.invalidArgument(name: "table", value: "\(t)", expected: "at least 2×2")
    }
    try check(t, rows: t.count, cols: cols)
    let rowSums = t.map { $0.reduce(0, +) }
    let colSums = (0..<cols).map { j in t.reduce(0) { $0 + $1[j] } }
    let total = Double(rowSums.reduce(0, +))
    guard rowSums.allSatisfy({ $0 > 0 }), colSums.allSatisfy({ $0 > 0 }) else {
      throw SkyStatisticsError.invalidArgument(
        name: "table", value: "\(t)",
        expected: "no empty row or column (an expected count would be zero)")
    }
    let dof = (t.count - 1) * (cols - 1)
    var stat = 0.0
    for i in t.indices {
      for j in 0..<cols {
        let e = Double(rowSums[i]) * Double(colSums[j]) / total
        var o = Double(t[i][j])
        if yatesCorrection && dof == 1 {
          let diff = e - o
          o += min(0.5, abs(diff)) * (diff > 0 ? 1 : (diff < 0 ? -1 : 0))
        }
        stat += (o - e) * (o - e) / e
      }
    }
    return (stat, ChiSquared.sf(stat, dof: dof), dof)
  }

  /// Two-proportion z test with pooled variance (statsmodels `proportions_ztest`):
  /// z = (p̂₁ − p̂₂)/√(p̄(1−p̄)(1/n₁ + 1/n₂)), p̄ = (k₁ + k₂)/(n₁ + n₂). `less` tests p₁ < p₂.
  public static func twoProportionZ(
    successes1 k1: Int, trials1 n1: Int, successes2 k2: Int, trials2 n2: Int,
    alternative: Alternative = .twoSided
  ) throws -> (z: Double, pValue: Double) {
    guard n1 > 0, n2 > 0, k1 >= 0, k2 >= 0, k1 <= n1, k2 <= n2 else {
      throw SkyStatisticsError.invalidArgument(
        name: "counts", value: "\(k1)/\(n1), \(k2)/\(n2)", expected: "0 <= k <= n, n > 0")
    }
    let p1 = Double(k1) / Double(n1), p2 = Double(k2) / Double(n2)
    let pool = Double(k1 + k2) / Double(n1 + n2)
    let se = (pool * (1 - pool) * (1 / Double(n1) + 1 / Double(n2))).squareRoot()
    guard se > 0 else { return (0, 1) }
    let z = (p1 - p2) / se
    switch alternative {
    case .twoSided: return (z, 2 * Normal.sf(abs(z)))
    case .greater: return (z, Normal.sf(z))
    case .less: return (z, Normal.cdf(z))
    }
  }

  static func check(_ t: [[Int]], rows: Int, cols: Int) throws {
    guard t.count == rows, t.allSatisfy({ $0.count == cols }), t.allSatisfy({ $0.allSatisfy { $0 >= 0 } }) else {
      throw SkyStatisticsError.invalidArgument(
        name: "table", value: "\(t)", expected: "\(rows)×\(cols) non-negative counts")
    }
  }
}
