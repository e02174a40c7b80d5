// galmorph — GalmorphSupport
//
// Sample quantiles: the one convention galmorph uses for bootstrap and percentile intervals.

/// Sample quantiles by linear interpolation between order statistics.
///
/// For ascending data x₀ ≤ … ≤ xₙ₋₁ and a probability q ∈ [0, 1], with h = q(n − 1):
///
///     Q(q) = x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋₊₁ − x⌊h⌋)
///
/// — numpy's default `quantile(method="linear")` (`percentile` likewise), R's default `quantile(type = 7)`:
/// Hyndman & Fan (1996), "Sample quantiles in statistical packages", Am. Stat. 50, 361, definition 7. Empty data
/// give NaN. Used for every percentile-bootstrap interval (`MetricIntervals`, `ContextStatistic`).
public enum Quantile {
  /// Q(q) of `sorted` (ascending; not checked), NaN when it is empty.
  public static func linear(_ sorted: [Double], _ q: Double) -> Double {
    precondition(q >= 0 && q <= 1, "Quantile.linear needs q in [0, 1]")
    guard !sorted.isEmpty else { return .nan }
    let h = q * Double(sorted.count - 1)
    let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
    return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
  }

  /// The central 95 % interval [Q(0.025), Q(0.975)] of `values` (any order), as a percentile bootstrap reports it
  /// (Efron & Tibshirani 1993, ch. 13); [NaN, NaN] when `values` is empty.
  public static func central95(_ values: [Double]) -> [Double] {
    let s = values.sorted()
    return [linear(s, 0.025), linear(s, 0.975)]
  }
}
