// galmorph — Plotting
//
// "Nice" tick placement: a port of matplotlib's MaxNLocator (the engine of its default AutoLocator).

import Foundation

/// Chooses at most `maxBins + 1` tick positions at multiples of a "nice" step (1, 2, 2.5 or 5 × 10ᵏ).
///
/// This is matplotlib's `MaxNLocator(nbins, steps=[1, 2, 2.5, 5, 10])` (`ticker.py`, `_raw_ticks`), i.e. its
/// default `AutoLocator`, reproduced operation by operation (Python floor-division semantics, the `scale_range`
/// offset for ranges far from zero, the `_Edge_integer` tolerance), so the same ranges give the same ticks.
/// Like matplotlib's `tick_values`, the result can include one tick just outside `[vmin, vmax]`; the axes drawing
/// keeps only those inside. With `nbins = "auto"` matplotlib takes `maxBins` from the axis length
/// (`autoBins(axisLength:vertical:)`).
public struct TickLocator: Sendable, Equatable {
  /// The maximum number of intervals between ticks (matplotlib `nbins`).
  public var maxBins: Int
  /// The acceptable step mantissas, starting at 1 and ending at 10 (matplotlib `steps`).
  public var steps: [Double]
  /// The minimum number of ticks inside the range (matplotlib `min_n_ticks`, default 2).
  public var minTicks: Int

  public init(maxBins: Int = 9, steps: [Double] = [1, 2, 2.5, 5, 10], minTicks: Int = 2) {
    precondition(maxBins >= 1, "maxBins must be ≥ 1")
    precondition(steps.first == 1 && steps.last == 10, "steps must start at 1 and end at 10")
    self.maxBins = maxBins; self.steps = steps; self.minTicks = minTicks
  }

  /// matplotlib's `nbins='auto'`: the axis length in points divided by 3× (x) or 2× (y) the 10 pt tick-label size,
  /// clipped to [1, 9] (`XAxis/YAxis.get_tick_space`).
  public static func autoBins(axisLength points: Double, vertical: Bool, fontSize: Double = 10) -> Int {
    let n = Int((points / (fontSize * (vertical ? 2 : 3))).rounded(.down))
    return max(1, min(9, n))
  }

  /// The tick positions for the view interval `[vmin, vmax]` (matplotlib `MaxNLocator.tick_values`).
  public func ticks(from vmin: Double, to vmax: Double) -> [Double] {
    let (lo, hi) = TickLocator.nonsingular(vmin, vmax, expander: 1e-13, tiny: 1e-14)
    return rawTicks(lo, hi)
  }

  private func rawTicks(_ vmin: Double, _ vmax: Double) -> [Double] {
    let nbins = Double(maxBins)
    let (scale, offset) = TickLocator.scaleRange(vmin, vmax, n: nbins)
    let lo = vmin - offset, hi = vmax - offset
    // _staircase: [0.1·steps[:-1], steps, 10·steps[1]]
    var extended = steps.dropLast().map { 0.1 * $0 }
    extended += steps
    extended.append(10 * steps[1])
    let scaled = extended.map { $0 * scale }
    let rawStep = (hi - lo) / nbins
    let istep = scaled.firstIndex(where: { $0 >= rawStep }) ?? (scaled.count - 1)
    var ticks: [Double] = []
    for step in scaled[0...istep].reversed() {
      let bestVmin = pyFloorDivide(lo, step) * step
      let low = edgeLE(lo - bestVmin, step: step, offset: offset)
      let high = edgeGE(hi - bestVmin, step: step, offset: offset)
      ticks = []
      var k = low
      while k < high + 1 { ticks.append(k * step + bestVmin); k += 1 }
      let inside = ticks.filter { $0 <= hi && $0 >= lo }.count
      if inside >= minTicks { break }
    }
    return ticks.map { $0 + offset }
  }

  // MARK: - matplotlib helpers

  /// matplotlib `transforms.nonsingular`: widens an empty or degenerate interval.
  static func nonsingular(_ a: Double, _ b: Double, expander: Double, tiny: Double) -> (Double, Double) {
    if !a.isFinite || !b.isFinite { return (-expander, expander) }
    var vmin = a, vmax = b
    let swapped = vmax < vmin
    if swapped { swap(&vmin, &vmax) }
    let maxabs = max(abs(vmin), abs(vmax))
    if maxabs < (1e6 / tiny) * Double.leastNormalMagnitude {
      vmin = -expander; vmax = expander
    } else if vmax - vmin <= maxabs * tiny {
      if vmax == 0 && vmin == 0 {
        vmin = -expander; vmax = expander
      } else {
        vmin -= expander * abs(vmin); vmax += expander * abs(vmax)
      }
    }
    return swapped ? (vmax, vmin) : (vmin, vmax)
  }

  /// matplotlib `ticker.scale_range`: the power of ten of the step and an offset for ranges far from zero.
  static func scaleRange(_ vmin: Double, _ vmax: Double, n: Double, threshold: Double = 100) -> (Double, Double) {
    let dv = abs(vmax - vmin)
    let meanv = (vmax + vmin) / 2
    var offset = 0.0
    if !(abs(meanv) / dv < threshold) {
      offset = pow(10, pyFloorDivide(log10(abs(meanv)), 1)) * (meanv < 0 ? -1 : 1)
    }
    let scale = pow(10, pyFloorDivide(log10(dv / n), 1))
    return (scale, offset)
  }

  private func closeTo(_ ms: Double, _ edge: Double, step: Double, offset: Double) -> Bool {
    var tol = 1e-10
    if abs(offset) > 0 {
      let digits = log10(abs(offset) / step)
      tol = min(0.4999, max(1e-10, pow(10, digits - 12)))
    }
    return abs(ms - edge) < tol
  }

  private func edgeLE(_ x: Double, step: Double, offset: Double) -> Double {
    let (d, m) = pyDivmod(x, step)
    return closeTo(m / step, 1, step: step, offset: offset) ? d + 1 : d
  }

  private func edgeGE(_ x: Double, step: Double, offset: Double) -> Double {
    let (d, m) = pyDivmod(x, step)
    return closeTo(m / step, 0, step: step, offset: offset) ? d : d + 1
  }
}

/// Python's float `divmod` (CPython `float_divmod`): floor quotient and a remainder with the divisor's sign.
func pyDivmod(_ vx: Double, _ wx: Double) -> (Double, Double) {
  var mod = fmod(vx, wx)
  var div = (vx - mod) / wx
  if mod != 0 {
    if (wx < 0) != (mod < 0) { mod += wx; div -= 1 }
  } else {
    mod = wx < 0 ? -0.0 : 0.0
  }
  var floordiv: Double
  if div != 0 {
    floordiv = floor(div)
    if div - floordiv > 0.5 { floordiv += 1 }
  } else {
    floordiv = (vx / wx) < 0 ? -0.0 : 0.0
  }
  return (floordiv, mod)
}

/// Python's float `//`.
func pyFloorDivide(_ a: Double, _ b: Double) -> Double { pyDivmod(a, b).0 }
