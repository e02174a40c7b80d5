// galmorph — AnisotropyAudit
//
// The verdict test of a split: the sky unit's statistic ranked among the control units'.

import SkyStatistics

/// Exact randomization test of one split: the sky unit's statistic T_sky against the M control units' T_m.
///
/// T of a unit is the mean over seeds of |D| on the split's test sides. Under H₀ (see `AuditDesign`) the sky unit
/// and the control units are exchangeable, so the rank of T_sky among the M + 1 values is uniform and
///
///     p = (1 + #{m : T_m ≥ T_sky}) / (M + 1)
///
/// satisfies P(p ≤ α) ≤ α for every α (ties count against the sky unit, which keeps it valid when D's are
/// discrete). The smallest attainable p is 1/(M + 1); adjusted over S splits (Holm or Bonferroni) S/(M + 1).
/// |D| because context may push D either way and its sign may change with the seed; the sign is reported
/// beside it. Reference: the Monte Carlo test of Barnard (1963) and Besag & Clifford (1989), here with exactly
/// exchangeable replicates rather than simulated ones; Phipson & Smyth (2010) for counting the observed unit.
public struct UnitRankTest: Codable, Sendable, Equatable {
  /// T of the sky unit (NaN when D is undefined).
  public var sky: Double
  /// T of every control unit, in unit order.
  public var controls: [Double]
  /// Control units whose T is at least the sky unit's (a NaN control counts, conservatively).
  public var atLeastAsLarge: Int
  public var pValue: Double
  /// 1/(M + 1).
  public var smallestP: Double

  enum CodingKeys: String, CodingKey {
    case sky, controls, atLeastAsLarge = "at_least_as_large", pValue = "p_value", smallestP = "smallest_p"
  }

  /// Whether a control unit's T counts against the sky unit's: T_m ≥ T_sky up to a relative 10⁻¹², or NaN.
  public static func counts(_ control: Double, against sky: Double) -> Bool {
    !(control < sky - 1e-12 * max(1, abs(sky)))
  }

  /// - Parameters:
  ///   - sky: T of the sky unit.
  ///   - controls: T of each control unit (at least one).
  public init(sky: Double, controls: [Double]) {
    precondition(!controls.isEmpty, "UnitRankTest needs at least one control unit")
    self.sky = sky
    self.controls = controls
    smallestP = 1 / Double(controls.count + 1)
    guard sky.isFinite else {
      atLeastAsLarge = controls.count
      pValue = 1
      return
    }
    atLeastAsLarge = controls.filter { UnitRankTest.counts($0, against: sky) }.count
    pValue = Double(1 + atLeastAsLarge) / Double(controls.count + 1)
  }
}

/// The seeds of the sky unit summarised: mean D with its Student-t interval and the sign test.
public struct SeedSummary: Codable, Sendable, Equatable {
  public var mean: Double
  /// Standard error s/√n (NaN for one seed).
  public var standardError: Double
  /// 95% interval x̄ ± t_{0.975, n−1}·s/√n ([NaN, NaN] for one seed).
  public var interval95: [Double]
  /// Seeds with D > 0, and seeds with D ≠ 0 (zeros are dropped, the usual convention of the sign test).
  public var positive: Int
  public var nonZero: Int
  /// Two-sided exact binomial sign test, p = ½, over the non-zero D's (1 when all are zero).
  public var signPValue: Double

  enum CodingKeys: String, CodingKey {
    case mean, standardError = "standard_error", interval95 = "interval_95", positive, nonZero = "non_zero"
    case signPValue = "sign_p_value"
  }

  public init(_ d: [Double]) {
    let (m, variance) = SampleMoments.meanAndVariance(d)
    mean = m
    standardError = (variance / Double(d.count)).squareRoot()
    if d.count >= 2 && standardError.isFinite {
      let t = StudentT.quantile(0.975, dof: Double(d.count - 1))
      interval95 = [m - t * standardError, m + t * standardError]
    } else {
      interval95 = [.nan, .nan]
    }
    let nz = d.filter { $0 != 0 && $0.isFinite }
    positive = nz.filter { $0 > 0 }.count
    nonZero = nz.count
    signPValue = nz.isEmpty ? 1 : ((try? BinomialTest.pValue(successes: positive, trials: nonZero, p: 0.5)) ?? 1)
  }
}
