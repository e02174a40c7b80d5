// galmorph — SkyStatistics

import Foundation
import RealModule

/// The standard normal distribution.
public enum Normal {
  /// Φ(x) = ½ erfc(−x/√2) (accurate in the lower tail down to ~1e-308).
  public static func cdf(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

  /// 1 − Φ(x) = ½ erfc(x/√2), computed directly (accurate in the upper tail).
  public static func sf(_ x: Double) -> Double { 0.5 * erfc(x / 2.0.squareRoot()) }

  /// Density φ(x).
  public static func pdf(_ x: Double) -> Double { exp(-0.5 * x * x) / (2 * Double.pi).squareRoot() }

  /// Φ⁻¹(p) (scipy `norm.ppf`), to full double precision: a start from Abramowitz & Stegun 26.2.23 refined by
  /// Newton steps on ln Φ(x) = ln p (ln Φ is concave, so Newton converges monotonically). For p > ½ it uses
  /// Φ⁻¹(p) = −Φ⁻¹(1 − p), where 1 − p is exact in floating point.
  public static func quantile(_ p: Double) -> Double {
    precondition(p >= 0 && p <= 1, "Normal.quantile needs p in [0, 1]")
    if p == 0 { return -.infinity }
    if p == 1 { return .infinity }
    if p == 0.5 { return 0 }
    return p > 0.5 ? -lowerQuantile(1 - p) : lowerQuantile(p)
  }

  /// Φ⁻¹(1 − q) for a small upper-tail probability q without forming 1 − q (scipy `norm.isf`). This is the
  /// Gaussian-equivalent one-sided significance σ of a p-value.
  public static func upperQuantile(_ q: Double) -> Double { -quantile(q) }

  /// The one-sided Gaussian-equivalent significance σ = Φ⁻¹(1 − p) of a p-value, kept finite for JSON output:
  /// p is clamped to [1e-300, 1 − 2⁻⁵³], so σ lies in about [−8.2, 37.0] (p = 1 maps to the lower end, a p-value
  /// that underflowed to 0 to the upper end).
  public static func significance(pValue p: Double) -> Double {
    upperQuantile(min(max(p, 1e-300), 1 - 0x1p-53))
  }

  static func lowerQuantile(_ p: Double) -> Double {
    var x: Double
    if p > 0.3 {
      x = (p - 0.5) * (2 * Double.pi).squareRoot()
    } else {
      let t = (-2 * log(p)).squareRoot()
      x =
        -(t - (2.515517 + 0.802853 * t + 0.010328 * t * t)
          / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t))
    }
    let lp = log(p)
    for _ in 0..<60 {
      let phi = cdf(x)
      let lphi = log(phi)
      let deriv = exp(-0.5 * x * x - 0.5 * log(2 * Double.pi) - lphi)
      let dx = (lphi - lp) / deriv
      x -= dx
      if abs(dx) <= 1e-15 * max(1, abs(x)) { break }
    }
    return x
  }
}

/// The binomial distribution B(n, p).
public enum Binomial {
  /// P(X = k), in log space (ln Γ), so it stays finite for large n.
  public static func pmf(_ k: Int, _ n: Int, _ p: Double) -> Double {
    if k < 0 || k > n { return 0 }
    if p == 0 { return k == 0 ? 1 : 0 }
    if p == 1 { return k == n ? 1 : 0 }
    let lc = SpecialFunctions.logChoose(n, k)
    return exp(lc + Double(k) * log(p) + Double(n - k) * log1p(-p))
  }

  /// P(X ≤ k) = I_{1−p}(n − k, k + 1).
  public static func cdf(_ k: Int, _ n: Int, _ p: Double) -> Double {
    if k < 0 { return 0 }
    if k >= n { return 1 }
    if p == 0 { return 1 }
    if p == 1 { return 0 }
    return SpecialFunctions.incompleteBeta(Double(n - k), Double(k + 1), 1 - p)
  }

  /// P(X > k) = I_p(k + 1, n − k), computed directly.
  public static func sf(_ k: Int, _ n: Int, _ p: Double) -> Double {
    if k < 0 { return 1 }
    if k >= n { return 0 }
    if p == 0 { return 0 }
    if p == 1 { return 1 }
    return SpecialFunctions.incompleteBeta(Double(k + 1), Double(n - k), p)
  }
}

/// Student's t distribution with ν degrees of freedom.
public enum StudentT {
  /// Two-sided tail P(|T| ≥ |t|) = I_{ν/(ν+t²)}(ν/2, ½).
  public static func twoSidedP(_ t: Double, dof: Double) -> Double {
    SpecialFunctions.incompleteBeta(dof / 2, 0.5, dof / (dof + t * t))
  }

  /// The p-quantile (scipy `t.ppf(p, ν)`): with x = I⁻¹_{2·min(p, 1−p)}(ν/2, ½), |t| = √(ν(1 − x)/x), signed by
  /// p − ½. `quantile(0.975, 4)` = 2.776 gives the 95% interval of a mean of 5 values, x̄ ± t·s/√n.
  public static func quantile(_ p: Double, dof: Double) -> Double {
    precondition(p > 0 && p < 1 && dof > 0, "StudentT.quantile needs p in (0, 1) and dof > 0")
    if p == 0.5 { return 0 }
    let x = SpecialFunctions.inverseIncompleteBeta(dof / 2, 0.5, 2 * min(p, 1 - p))
    let t = (dof * (1 - x) / x).squareRoot()
    return p > 0.5 ? t : -t
  }
}

/// The χ² distribution.
public enum ChiSquared {
  /// Survival function P(X > x) for `dof` degrees of freedom, Q(dof/2, x/2).
  public static func sf(_ x: Double, dof: Int) -> Double {
    precondition(dof > 0, "ChiSquared.sf needs dof > 0")
    return SpecialFunctions.gammaQ(Double(dof) / 2, x / 2)
  }
}

/// The hypergeometric distribution of the top-left cell of a 2×2 table with fixed margins.
enum Hypergeometric {
  /// P(X = x) drawing `draws` from `total` items of which `successes` are successes.
  static func logPMF(_ x: Int, total: Int, successes: Int, draws: Int) -> Double {
    SpecialFunctions.logChoose(successes, x) + SpecialFunctions.logChoose(total - successes, draws - x)
      - SpecialFunctions.logChoose(total, draws)
  }
}
