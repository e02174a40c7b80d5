// galmorph — SkyStatistics

import Foundation
import GalmorphSupport

/// Methods for a confidence interval on a binomial proportion k/n.
public enum IntervalMethod: String, Sendable, Hashable, Codable, CaseIterable {
  /// Wilson (1927) score interval: centre (k + κ²/2)/(n + κ²), half-width κ√n/(n + κ²)·√(p̂(1−p̂) + κ²/(4n)),
  /// κ = Φ⁻¹(1 − α/2) (`GalmorphSupport.WilsonScore`). Good coverage at all n; astropy
  /// `binom_conf_interval(interval="wilson")`.
  case wilson
  /// Jeffreys interval: quantiles α/2 and 1 − α/2 of Beta(k + ½, n − k + ½), with the lower limit 0 at k = 0 and the
  /// upper limit 1 at k = n (Brown, Cai & DasGupta 2001); astropy `interval="jeffreys"`.
  case jeffreys
  /// Clopper–Pearson (1934) "exact" interval: Beta(k, n−k+1) and Beta(k+1, n−k) quantiles; conservative.
  /// statsmodels `proportion_confint(method="beta")`.
  case clopperPearson = "clopper-pearson"
}

/// A confidence interval on a binomial proportion.
public struct BinomialInterval: Sendable, Hashable, Codable {
  public var lower: Double
  public var upper: Double
  public var method: IntervalMethod
  public var confidenceLevel: Double

  /// The interval for `successes` out of `trials` at `confidenceLevel` (default 0.682689492137086 = the 1σ
  /// Gaussian probability, as astropy's default, so error bars read as ±1σ).
  ///
  /// For n = 0 the interval is [0, 1].
  /// - Throws: `SkyStatisticsError.invalidArgument` if not 0 ≤ k ≤ n or the level is not in (0, 1).
  public init(
    successes k: Int, trials n: Int, confidenceLevel cl: Double = 0.682689492137086,
    method: IntervalMethod = .wilson
  ) throws {
    guard n >= 0, k >= 0, k <= n else {
      throw SkyStatisticsError.invalidArgument(name: "successes/trials", value: "\(k)/\(n)", expected: "0 <= k <= n")
    }
    guard cl > 0, cl < 1 else {
      throw SkyStatisticsError.invalidArgument(name: "confidence level", value: "\(cl)", expected: "a value in (0, 1)")
    }
    self.method = method
    self.confidenceLevel = cl
    if n == 0 { lower = 0; upper = 1; return }
    let alpha = 1 - cl, fk = Double(k), fn = Double(n)
    switch method {
    case .wilson:
      (lower, upper) = WilsonScore.interval(successes: k, trials: n, z: Normal.upperQuantile(alpha / 2))
    case .jeffreys:
      lower = k == 0 ? 0 : SpecialFunctions.inverseIncompleteBeta(fk + 0.5, fn - fk + 0.5, alpha / 2)
      upper = k == n ? 1 : SpecialFunctions.inverseIncompleteBeta(fk + 0.5, fn - fk + 0.5, 1 - alpha / 2)
    case .clopperPearson:
      lower = k == 0 ? 0 : SpecialFunctions.inverseIncompleteBeta(fk, fn - fk + 1, alpha / 2)
      upper = k == n ? 1 : SpecialFunctions.inverseIncompleteBeta(fk + 1, fn - fk, 1 - alpha / 2)
    }
  }
}
