// galmorph — SkySimulator
//
// The regularized lower incomplete gamma function P(a, x), for Sérsic enclosed fluxes and b_n.

import Foundation

/// P(a, x) = γ(a, x) / Γ(a), by the power series for x < a + 1 and the Legendre continued fraction for Q = 1 − P
/// otherwise (evaluated with the modified Lentz method); relative accuracy ~1e-14.
/// Reference: Abramowitz & Stegun 6.5.29 and 6.5.31; Press et al., Numerical Recipes, §6.2.
enum IncompleteGamma {
  static func regularizedLower(_ a: Double, _ x: Double) -> Double {
    precondition(a > 0, "P(a, x) needs a > 0")
    if x <= 0 { return 0 }
    let logPrefactor = -x + a * log(x) - lgamma(a)
    if x < a + 1 {
      var term = 1 / a, sum = term, ap = a
      for _ in 0..<1000 {
        ap += 1
        term *= x / ap
        sum += term
        if abs(term) < abs(sum) * 1e-16 { break }
      }
      return min(1, sum * exp(logPrefactor))
    }
    let tiny = 1e-300
    var b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d
    for i in 1...1000 {
      let an = -Double(i) * (Double(i) - a)
      b += 2
      d = an * d + b
      if abs(d) < tiny { d = tiny }
      c = b + an / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      h *= delta
      if abs(delta - 1) < 1e-16 { break }
    }
    return max(0, 1 - exp(logPrefactor) * h)
  }
}
