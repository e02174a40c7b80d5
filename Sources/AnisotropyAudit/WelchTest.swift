// galmorph — AnisotropyAudit
//
// Welch's unequal-variance t-test, a parametric check on the seed permutation test.

import SkyStatistics

/// Welch's two-sample t-test of equal means (Welch 1947), two-sided:
///
///     t = (x̄ − ȳ) / √(s²ₓ/n + s²ᵧ/m),   ν = (s²ₓ/n + s²ᵧ/m)² / ((s²ₓ/n)²/(n−1) + (s²ᵧ/m)²/(m−1)),
///     p = I_{ν/(ν+t²)}(ν/2, ½)   (the regularised incomplete beta: P(|T_ν| ≥ |t|)).
///
/// Matches `scipy.stats.ttest_ind(x, y, equal_var=False)`. Needs at least two values per group; with zero variance
/// in both groups t, ν and p are NaN.
public struct WelchTest: Codable, Sendable, Equatable {
  public var t: Double
  public var degreesOfFreedom: Double
  public var pValue: Double

  enum CodingKeys: String, CodingKey { case t, degreesOfFreedom = "dof", pValue = "p_value" }

  public init(_ x: [Double], _ y: [Double]) {
    guard x.count >= 2, y.count >= 2 else { t = .nan; degreesOfFreedom = .nan; pValue = .nan; return }
    func moments(_ v: [Double]) -> (mean: Double, varianceOverN: Double, n: Double) {
      let (m, s2) = SampleMoments.meanAndVariance(v)
      return (m, s2 / Double(v.count), Double(v.count))
    }
    let a = moments(x), b = moments(y)
    let se2 = a.varianceOverN + b.varianceOverN
    guard se2 > 0 else { t = .nan; degreesOfFreedom = .nan; pValue = .nan; return }
    t = (a.mean - b.mean) / se2.squareRoot()
    degreesOfFreedom = se2 * se2 / (a.varianceOverN * a.varianceOverN / (a.n - 1) + b.varianceOverN * b.varianceOverN / (b.n - 1))
    pValue = SpecialFunctions.incompleteBeta(degreesOfFreedom / 2, 0.5, degreesOfFreedom / (degreesOfFreedom + t * t))
  }
}
