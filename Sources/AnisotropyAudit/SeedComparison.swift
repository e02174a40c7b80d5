// galmorph — AnisotropyAudit
//
// Judging the sky-split context statistics against the control-split ones, across seeds.

import GalmorphSupport

/// The verdict test of the audit: are the sky-split D values (one per seed) larger than the control D values (models
/// trained on random, sky-independent halves with the same seeds and settings)?
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

  enum CodingKeys: String, CodingKey {
    case sky, control, meanSky = "mean_sky", meanControl = "mean_control", difference, pValue = "p_value", exact
    case permutationsUsed = "permutations"
  }

  public init(sky: [Double], control: [Double], exactLimit: Int = 20_000, permutations: Int = 10_000, seed: UInt64 = 0) {
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
    let observed = abs(difference)
    let tolerance = 1e-12 * max(1, observed)
    let combos = SeedComparison.binomial(all.count, n)
    if combos <= Double(exactLimit) {
      var hits = 0, count = 0
      SeedComparison.forEachSubset(of: all.count, size: n) { subset in
        let s = subset.reduce(0.0) { $0 + all[$1] }
        count += 1
        if abs(meanDiff(s)) >= observed - tolerance { hits += 1 }
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
        if abs(meanDiff(s)) >= observed - tolerance { hits += 1 }
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
