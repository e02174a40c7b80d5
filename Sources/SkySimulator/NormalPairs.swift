// galmorph — SkySimulator
//
// Standard normal deviates two at a time.

import Foundation
import GalmorphSupport

/// Marsaglia's polar method keeping both deviates of each accepted pair (one logarithm per two normals), for the
/// per-pixel read noise. Marsaglia & Bray 1964, SIAM Review 6, 260.
struct NormalPairs {
  private var spare = 0.0
  private var hasSpare = false

  mutating func next(using g: inout SeededGenerator) -> Double {
    if hasSpare {
      hasSpare = false
      return spare
    }
    while true {
      let u = 2 * g.nextUnit() - 1, v = 2 * g.nextUnit() - 1
      let s = u * u + v * v
      if s > 0 && s < 1 {
        let f = (-2 * log(s) / s).squareRoot()
        spare = v * f
        hasSpare = true
        return u * f
      }
    }
  }
}
