// galmorph — AnisotropyAudit
//
// Judging the sky-split context statistics against the control-split ones, across seeds.

import GalmorphSupport

/// The verdict test of the audit: are the sky-split D values (one per seed) larger than the control D values (models
/// trained on random, sky-independent halves with the same seeds and settings)?
///
/// The audit passes |D| with `greater: true`: context may push D either way, and with the deviations of the two
/// models in opposite directions its sign can change from seed to seed (seen on the context-dec preset), while |D|
/// of a sky pair still exceeds the control pairs'. Under the null the sky and control values are exchangeable, so
/// any statistic gives a valid permutation test.
///
/// The test is a two-sample permutation test of the difference of means, exact when the number of relabellings
/// C(n+m, n) is at most `exactLimit` (default 20,000; 5 + 5 seeds give 252) and Monte Carlo with `permutations`
/// draws otherwise. The p-value counts the observed assignment itself, p = #{|T_π| ≥ |T_obs|} / #{π} (exact) or
/// (1 + #{…}) / (1 + K) (Monte Carlo), so it is never zero (Phipson & Smyth 2010). With 5 + 5 seeds the smallest
/// attainable two-sided p is 2/252 ≈ 0.0079.
public struct SeedComparison: Codable, Sendable, Equatable {
  public var sky: [Double]
  public var control: [Double]
  public var meanSky: Double
  public var meanControl: Double
  public var difference: Double
  public var pValue: Double
  public var exact: Bool
  public var permutationsUsed: Int
  /// `two-sided` (|T_π| ≥ |T_obs|, the default) or `greater` (T_π ≥ T_obs: the sky values exceed the control ones).
  public var alternative: String?

  enum CodingKeys: String, CodingKey {
    case sky, control, meanSky = "mean_sky", meanControl = "mean_control", difference, pValue = "p_value", exact
    case permutationsUsed = "permutations", alternative
  }

  public init(sky: [Double], control: [Double], greater: Bool = false, exactLimit: Int = 20_000,
              permutations: Int = 10_000, seed: UInt64 = 0) {
    alternative = greater ? "greater" : "two-sided"
    self.sky = sky
    self.control = control
    let all = sky + control
    let n = sky.count, total = all.reduce(0, +)
    func meanDiff(_ sumFirst: Double) -> Double {
      sumFirst / Double(n) - (total - sumFirst) / Double(all.count - n)
    }
    meanSky = sky.reduce(0, +) / Double(max(n, 1))
    meanControl = control.reduce(0, +) / Double(max(control.count, 1))
    difference = meanSky - meanControl
    let observed = greater ? difference : abs(difference)
    let tolerance = 1e-12 * max(1, abs(observed))
    func statistic(_ sumFirst: Double) -> Double { greater ? meanDiff(sumFirst) : abs(meanDiff(sumFirst)) }
    let combos = SeedComparison.binomial(all.count, n)
    if combos <= Double(exactLimit) {
      var hits = 0, count = 0
      SeedComparison.forEachSubset(of: all.count, size: n) { subset in
        let s = subset.reduce(0.0) { $0 + all[$1] }
        count += 1
        if statistic(s) >= observed - tolerance { hits += 1 }
      }
      pValue = Double(hits) / Double(count)
      exact = true
      permutationsUsed = count
    } else {
      var rng = SeededGenerator(seed: seed)
      var idx = Array(all.indices), hits = 0
      for _ in 0..<permutations {
        rng.shuffle(&idx)
        let s = idx.prefix(n).reduce(0.0) { $0 + all[$1] }
        if statistic(s) >= observed - tolerance { hits += 1 }
      }
      pValue = Double(1 + hits) / Double(1 + permutations)
      exact = false
      permutationsUsed = permutations
    }
  }

  static func binomial(_ n: Int, _ k: Int) -> Double {
    var r = 1.0
    for i in 0..<k { r = r * Double(n - i) / Double(i + 1) }
    return r
  }

  /// Calls `body` with every `size`-subset of 0..<n in lexicographic order.
  static func forEachSubset(of n: Int, size k: Int, _ body: ([Int]) -> Void) {
    guard k <= n else { return }
    var c = Array(0..<k)
    while true {
      body(c)
      var i = k - 1
      while i >= 0 && c[i] == n - k + i { i -= 1 }
      if i < 0 { return }
      c[i] += 1
      for j in (i + 1)..<k { c[j] = c[j - 1] + 1 }
    }
  }
}
