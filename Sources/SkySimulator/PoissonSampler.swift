// galmorph — SkySimulator
//
// Exact Poisson deviates from a SeededGenerator.

import Foundation
import SkyStatistics
import GalmorphSupport

/// Poisson(λ) deviates: multiplication of uniforms (Knuth, TAOCP vol. 2, §3.4.1) for λ < 10, and the transformed
/// rejection method PTRS (Hörmann 1993, Insurance: Math. Econ. 12, 39) for λ ≥ 10, the same pair of algorithms
/// numpy uses. Both are exact; PTRS accepts ~90% of candidates without evaluating a logarithm.
enum PoissonSampler {
  static func sample(_ lambda: Double, using g: inout SeededGenerator) -> Double {
    if !(lambda > 0) { return 0 }
    if lambda < 10 {
      let limit = exp(-lambda)
      var k = 0.0, p = g.nextUnit()
      while p > limit {
        k += 1
        p *= g.nextUnit()
      }
      return k
    }
    let slam = lambda.squareRoot(), loglam = log(lambda)
    let b = 0.931 + 2.53 * slam
    let a = -0.059 + 0.02483 * b
    let invAlpha = 1.1239 + 1.1328 / (b - 3.4)
    let vr = 0.9277 - 3.6224 / (b - 2)
    while true {
      let u = g.nextUnit() - 0.5
      let v = g.nextUnit()
      let us = 0.5 - abs(u)
      let k = ((2 * a / us + b) * u + lambda + 0.43).rounded(.down)
      if us >= 0.07 && v <= vr { return k }
      if k < 0 || (us < 0.013 && v > us) { continue }
      let logAccept = -lambda + k * loglam - SpecialFunctions.logGamma(k + 1)
      if log(v) + log(invAlpha) - log(a / (us * us) + b) <= logAccept { return k }
    }
  }
}
