// galmorph — SkyStatistics
//
// Does an annotation move with an observing condition? Binned means, a flatness χ², a weighted linear trend, and
// the same for the annotation minus the truth.

import GalmorphSupport

/// The imaging-systematics test of an annotation against one observing-condition column, as galaxy-clustering
/// surveys regress densities on survey-property maps (e.g. Ross et al. 2012 for BOSS; Rodríguez-Monroy et al. 2022
/// for DES).
///
/// The galaxies are cut into bins of the condition x (``ConditionBins/assign(values:bins:)``: equal-count, or one
/// per value for a column of few values). Per bin b with n_b galaxies, m_b = mean of y (y = 1/0 for a spiral call, or
/// p_spiral), with variance σ_b² = s²/n_b, s² the variance of y over all galaxies (the common variance under the null
/// of no trend; bins are disjoint, so the bin covariance is diagonal). Against flat:
/// χ² = Σ_b (m_b − m̄)²/σ_b² with m̄ = Σ m_b/σ_b² / Σ 1/σ_b², B − 1 degrees of freedom (p from ``ChiSquared``). The
/// trend is the weighted least-squares line m_b = a + β (x̃_b − x̄), x̃_b the bin's median of x, with σ(β) from the
/// weights, z = β/σ(β) and a two-sided normal p. With true labels t, the same test on d = y − t (the annotation's
/// error, per galaxy, so the truth's own trend and its covariance with y cancel) tells a classifier systematic from
/// a real trend of the population with the condition.
public struct ConditionTrend: Sendable, Codable, Equatable {
  public struct Bin: Sendable, Codable, Equatable {
    public var lower: Double, upper: Double, median: Double, count: Int
    public var mean: Double, error: Double
    /// With truth: the bin's mean truth and mean y − t with its error.
    public var truthMean: Double?, difference: Double?, differenceError: Double?
  }

  /// A flatness χ² and a linear trend of binned means.
  public struct Test: Sendable, Codable, Equatable {
    public var chiSquare: Double, dof: Int, pValue: Double
    public var slope: Double, slopeError: Double, slopeZ: Double, slopePValue: Double
  }

  public var bins: [Bin]
  /// The annotation against flat.
  public var annotation: Test
  /// The annotation minus the truth against zero trend (nil without truth).
  public var residual: Test?

  /// - Precondition: `x`, `y` (and `truth`) have one finite value per galaxy; `bins` ≥ 2.
  public static func fit(condition x: [Double], annotation y: [Double], truth: [Double]? = nil, bins: Int)
    -> ConditionTrend
  {
    precondition(x.count == y.count && truth.map { $0.count == y.count } != false, "ConditionTrend: lengths differ")
    let bin = ConditionBins.assign(values: x, bins: bins)
    let b = (bin.max() ?? 0) + 1
    let members = (0..<b).map { k in bin.indices.filter { bin[$0] == k } }
    let d = truth.map { t in zip(y, t).map { $0 - $1 } }
    let meanY = members.map { m in m.map { y[$0] }.reduce(0, +) / Double(m.count) }
    let medians = members.map { m in Quantile.linear(m.map { x[$0] }.sorted(), 0.5) }
    let counts = members.map { Double($0.count) }
    let annotation = test(means: meanY, counts: counts, variance: variance(y), at: medians)
    var residual: Test?
    var meanD: [Double]?
    if let d {
      meanD = members.map { m in m.map { d[$0] }.reduce(0, +) / Double(m.count) }
      residual = test(means: meanD!, counts: counts, variance: variance(d), at: medians)
    }
    let sy = variance(y), sd = d.map(variance)
    let out = (0..<b).map { k -> Bin in
      let xs = members[k].map { x[$0] }
      return Bin(
        lower: xs.min()!, upper: xs.max()!, median: medians[k], count: members[k].count, mean: meanY[k],
        error: (sy / counts[k]).squareRoot(),
        truthMean: truth.map { t in members[k].map { t[$0] }.reduce(0, +) / counts[k] }, difference: meanD?[k],
        differenceError: sd.map { ($0 / counts[k]).squareRoot() })
    }
    return ConditionTrend(bins: out, annotation: annotation, residual: residual)
  }

  /// Sample variance (n − 1).
  static func variance(_ v: [Double]) -> Double {
    let m = v.reduce(0, +) / Double(v.count)
    return v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(max(1, v.count - 1))
  }

  static func test(means m: [Double], counts n: [Double], variance s2: Double, at x: [Double]) -> Test {
    let w = n.map { $0 / max(s2, 1e-300) }  // 1/σ_b²
    let sw = w.reduce(0, +)
    let mbar = zip(w, m).map(*).reduce(0, +) / sw
    let chi = zip(w, m).map { $0 * ($1 - mbar) * ($1 - mbar) }.reduce(0, +)
    let xbar = zip(w, x).map(*).reduce(0, +) / sw
    let sxx = zip(w, x).map { $0 * ($1 - xbar) * ($1 - xbar) }.reduce(0, +)
    let sxy = (0..<m.count).map { w[$0] * (x[$0] - xbar) * (m[$0] - mbar) }.reduce(0, +)
    let slope = sxx > 0 ? sxy / sxx : .nan
    let err = sxx > 0 ? (1 / sxx).squareRoot() : .nan
    let z = slope / err
    return Test(
      chiSquare: chi, dof: m.count - 1, pValue: m.count > 1 ? ChiSquared.sf(chi, dof: m.count - 1) : .nan,
      slope: slope, slopeError: err, slopeZ: z, slopePValue: z.isFinite ? 2 * Normal.sf(abs(z)) : .nan)
  }
}
