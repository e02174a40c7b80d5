// galmorph — SkySimulator
//
// The Sérsic surface-brightness profile: b_n, normalisation and enclosed light.

import Foundation
import SkyStatistics

/// A Sérsic (1963) profile of index n, half-light (semi-major) radius r_e and axis ratio q, normalised to a
/// total flux L:
///
///   I(R) = I_e exp(−b_n [(R/r_e)^{1/n} − 1]),   R = sqrt(u² + (v/q)²)  (u, v along the major and minor axes),
///   L = 2π q n r_e² I_e e^{b_n} b_n^{−2n} Γ(2n),
///   L(<R) / L = P(2n, b_n (R/r_e)^{1/n})   (P the regularized lower incomplete gamma function),
///
/// with b_n the root of P(2n, b_n) = 1/2, so that half the light lies within r_e. n = 1 is an exponential disk
/// (b₁ ≈ 1.678), n = 4 de Vaucouleurs (b₄ ≈ 7.669). Reference: Graham & Driver 2005, PASA 22, 118, eqs. 1–4;
/// Ciotti & Bertin 1999, A&A 352, 447 for the asymptotic b_n used as the Newton start.
/// P and ln Γ come from `SkyStatistics.SpecialFunctions` (ln Γ through the thread-safe `lgamma_r`: galaxies are
/// rendered concurrently, and libm's `lgamma` writes the global `signgam`).
public struct SersicProfile: Sendable, Equatable {
  public let n: Double
  public let halfLightRadius: Double
  public let axisRatio: Double
  public let totalFlux: Double
  /// b_n.
  public let b: Double
  /// Surface brightness at R = r_e (flux per unit area in the units of `halfLightRadius`²).
  public let intensityAtHalfLight: Double

  public init(n: Double, halfLightRadius: Double, axisRatio: Double = 1, totalFlux: Double = 1) {
    precondition(n > 0 && halfLightRadius > 0 && axisRatio > 0, "Sérsic parameters must be positive")
    self.n = n
    self.halfLightRadius = halfLightRadius
    self.axisRatio = axisRatio
    self.totalFlux = totalFlux
    b = SersicProfile.bn(n)
    let logNorm =
      log(2 * Double.pi * axisRatio * n) + 2 * log(halfLightRadius) + b - 2 * n * log(b)
      + SpecialFunctions.logGamma(2 * n)
    intensityAtHalfLight = totalFlux * exp(-logNorm)
  }

  /// b_n from P(2n, b_n) = 1/2 by Newton's method from the Ciotti–Bertin expansion (converges to ~1e-13).
  public static func bn(_ n: Double) -> Double {
    let a = 2 * n
    var x = 2 * n - 1.0 / 3 + 4 / (405 * n) + 46 / (25515 * n * n) + 131 / (1_148_175 * n * n * n)
    if x <= 0 { x = 0.05 }
    for _ in 0..<50 {
      let f = SpecialFunctions.gammaP(a, x) - 0.5
      let df = exp(-x + (a - 1) * log(x) - SpecialFunctions.logGamma(a))
      let step = f / df
      var next = x - step
      if next <= 0 { next = x / 2 }
      if abs(next - x) < 1e-14 * x { return next }
      x = next
    }
    return x
  }

  /// I(R) at elliptical radius `R`.
  public func intensity(atEllipticalRadius r: Double) -> Double {
    intensityAtHalfLight * exp(-b * (pow(r / halfLightRadius, 1 / n) - 1))
  }

  /// Fraction of the total flux inside elliptical radius `R`.
  public func enclosedFraction(within r: Double) -> Double {
    SpecialFunctions.gammaP(2 * n, b * pow(max(r, 0) / halfLightRadius, 1 / n))
  }
}
