// galmorph — GalmorphSupport
//
// The Wilson score interval of a binomial proportion: the one implementation behind every Wilson interval.

/// The Wilson (1927) score interval of a binomial proportion k/n (JASA 22, 209): with p̂ = k/n and κ the standard
/// normal quantile of the level (κ = Φ⁻¹(1 − α/2)),
///
///     centre = (k + κ²/2)/(n + κ²),   half-width = κ√n/(n + κ²) · √(p̂(1 − p̂) + κ²/(4n)),
///
/// clipped to [0, 1]; [0, 1] for n = 0. Good coverage down to small n, unlike the Wald interval (Brown, Cai &
/// DasGupta 2001); astropy `binom_conf_interval(interval="wilson")`, scipy `binomtest(...).proportion_ci("wilson")`.
/// κ at any level comes from `SkyStatistics.Normal`; modules below it use `z95`.
public enum WilsonScore {
  /// κ of a two-sided 95 % interval, Φ⁻¹(0.975) correctly rounded (scipy `norm.ppf(0.975)`; `Normal.upperQuantile`
  /// gives it to two ulps).
  public static let z95 = 1.959963984540054

  /// The interval of `successes` out of `trials` (0 ≤ k ≤ n, not checked) at normal quantile `z` (default `z95`).
  public static func interval(successes k: Int, trials n: Int, z kappa: Double = z95) -> (lower: Double, upper: Double)
  {
    guard n > 0 else { return (0, 1) }
    let fk = Double(k), fn = Double(n)
    let k2 = kappa * kappa
    let p = fk / fn
    let mid = (fk + k2 / 2) / (fn + k2)
    let half = kappa * fn.squareRoot() / (fn + k2) * (p * (1 - p) + k2 / (4 * fn)).squareRoot()
    return (max(0, mid - half), min(1, mid + half))
  }
}
