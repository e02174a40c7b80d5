// galmorph — Plotting
//
// Tick labels: the shortest fixed-point form that tells the ticks apart; decades on log axes.

import Foundation

/// Formats tick labels in the spirit of matplotlib's `ScalarFormatter`: fixed-point with the fewest decimals that
/// represent every tick exactly to 1e-9 of the step (so 0.25-steps get two decimals), scientific notation
/// with the shortest mantissa per label (`2.5e5`, `1e6`) when the largest magnitude is ≥ 1e5 or < 1e-3, and a typographic minus sign (U+2212) as matplotlib
/// uses.
public enum TickFormatter {
  /// Labels for `ticks` (one per tick, in order).
  public static func labels(for ticks: [Double]) -> [String] {
    guard !ticks.isEmpty else { return [] }
    let maxAbs = ticks.map(abs).max() ?? 0
    let step = ticks.count > 1 ? abs(ticks[1] - ticks[0]) : max(maxAbs, 1)
    if maxAbs >= 1e5 || (maxAbs < 1e-3 && maxAbs > 0) {
      let exponent = floor(log10(maxAbs))
      let mantissaStep = step / pow(10, exponent)
      return ticks.map { t in
        if abs(t) < step * 1e-9 { return "0" }
        let e = Int(floor(log10(abs(t))))
        let m = t / pow(10, Double(e))
        let d = decimals(for: [m], step: mantissaStep / pow(10, Double(e) - exponent))
        return minus(String(format: "%.\(d)fe%d", m, e))
      }
    }
    let d = decimals(for: ticks, step: step)
    return ticks.map { t in
      let s = String(format: "%.\(d)f", abs(t) < step * 1e-9 ? 0 : t)
      return minus(s)
    }
  }

  /// The fewest decimals (0–10) that represent each tick to 1e-6 of the step.
  static func decimals(for ticks: [Double], step: Double) -> Int {
    let tol = max(abs(step) * 1e-6, 1e-15)
    for d in 0...10 {
      let f = pow(10, Double(d))
      if ticks.allSatisfy({ abs(($0 * f).rounded() / f - $0) <= tol }) { return d }
    }
    return 10
  }

  /// Replaces ASCII hyphen-minus by the minus sign U+2212.
  static func minus(_ s: String) -> String { s.replacingOccurrences(of: "-", with: "\u{2212}") }

  /// Decade ticks `10ᵏ` covering `[lo, hi]` (lo > 0) for a log axis, every `stride`-th decade so that at most
  /// `maxTicks` are shown (matplotlib `LogLocator(base=10, subs=(1,))` with `numticks`).
  public static func logTicks(from lo: Double, to hi: Double, maxTicks: Int = 9) -> [Double] {
    guard lo > 0, hi > lo else { return [] }
    let a = Int(floor(log10(lo) + 1e-12)), b = Int(ceil(log10(hi) - 1e-12))
    let decades = b - a + 1
    let stride = max(1, Int((Double(decades) / Double(max(1, maxTicks))).rounded(.up)))
    var out: [Double] = []
    var k = a
    while k <= b { out.append(pow(10, Double(k))); k += stride }
    return out
  }
}
