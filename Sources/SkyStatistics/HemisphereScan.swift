// galmorph — SkyStatistics

import Foundation
import GalmorphSupport
import SkyGeometry

/// The largest hemisphere difference of a binary label over many axes, with a look-elsewhere-corrected p-value.
///
/// For each axis a (HEALPix pixel centres, ring order), hemisphere A is {x : x·a ≥ 0}; the statistic is the pooled
/// two-proportion z of the label fraction in A vs its complement. T = maxₐ |z(a)|. The corrected p-value comes from
/// K relabelings of the fixed positions (each a uniformly random subset of n₁ positions, drawn from
/// `SeededGenerator(seed:).stream(k)`): p = (1 + #{T_k ≥ T_obs})/(1 + K), σ = Φ⁻¹(1 − p). The local (single-axis)
/// two-sided p of the best axis is also reported to show the size of the look-elsewhere effect.
/// Hemisphere memberships are bit sets, so each relabeling costs O(N·axes/64).
@dynamicMemberLookup
public struct HemisphereScanResult: Sendable, Codable {
  /// Galaxies scanned.
  public var n: Int
  /// Everything but the per-axis values (what `galmorph hemispheres` reports); its fields read through the result,
  /// e.g. `result.pValue`.
  public var summary: HemisphereScanSummary
  /// z of every axis in ring order (z > 0: higher fraction on the axis side).
  public var z: [Double]

  public subscript<T>(dynamicMember field: KeyPath<HemisphereScanSummary, T>) -> T { summary[keyPath: field] }
}

/// The all-axes hemisphere scan without its per-axis z array: the best axis (on the side of higher fraction), its
/// z, the fractions and the count on the axis side, the local and the look-elsewhere-corrected p. JSON keys in
/// snake_case.
public struct HemisphereScanSummary: Codable, Sendable, Equatable {
  public var axisNside: Int
  public var axes: Int
  public var bestAxis: AxisCoordinates
  public var bestZ: Double
  public var fractionA: Double
  public var fractionB: Double
  public var countA: Int
  public var localPValue: Double
  /// Look-elsewhere corrected by label permutations.
  public var pValue: Double
  public var sigma: Double
  public var permutations: Int
  public var seed: UInt64

  enum CodingKeys: String, CodingKey {
    case axisNside = "axis_nside", axes, bestAxis = "best_axis", bestZ = "best_z", fractionA = "fraction_a"
    case fractionB = "fraction_b", countA = "count_a", localPValue = "local_p_value", pValue = "p_value", sigma
    case permutations, seed
  }
}

public enum HemisphereScan {
  public static func run(
    directions: [SkyDirection], labels: [Bool], axisNside: Int = 4, permutations k: Int = 1000,
    seed: UInt64
  ) throws -> HemisphereScanResult {
    let n = directions.count
    guard labels.count == n else {
      throw SkyStatisticsError.lengthMismatch(what: "labels", expected: n, got: labels.count)
    }
    let n1 = labels.filter { $0 }.count
    guard n >= 2, n1 > 0, n1 < n, k >= 1 else {
      throw SkyStatisticsError.fitFailed(
        method: "hemisphere scan", reason: "needs both label values and permutations >= 1")
    }
    let axes = try HEALPix(nside: axisNside).centres()
    let words = (n + 63) / 64
    var memberBuild = [UInt64](repeating: 0, count: words * axes.count)
    var countBuild = [Int](repeating: 0, count: axes.count)
    for (a, axis) in axes.enumerated() {
      for (i, d) in directions.enumerated() where d.dot(axis) >= 0 {
        memberBuild[a * words + i >> 6] |= 1 << UInt64(i & 63)
        countBuild[a] += 1
      }
    }
    let member = memberBuild, countA = countBuild
    @Sendable func zScores(_ bits: [UInt64]) -> [Double] {
      (0..<axes.count).map { a in
        var k1 = 0
        for w in 0..<words { k1 += (member[a * words + w] & bits[w]).nonzeroBitCount }
        let na = countA[a], nb = n - na
        guard na > 0, nb > 0 else { return 0 }
        let pool = Double(n1) / Double(n)
        let se = (pool * (1 - pool) * (1 / Double(na) + 1 / Double(nb))).squareRoot()
        return (Double(k1) / Double(na) - Double(n1 - k1) / Double(nb)) / se
      }
    }
    var obsBits = [UInt64](repeating: 0, count: words)
    for i in 0..<n where labels[i] { obsBits[i >> 6] |= 1 << UInt64(i & 63) }
    let z = zScores(obsBits)
    var best = 0
    for a in z.indices where abs(z[a]) > abs(z[best]) { best = a }
    let tObs = abs(z[best])
    let stats = SharedBuffer(count: k)
    let base = SeededGenerator(seed: seed)
    DispatchQueue.concurrentPerform(iterations: k) { p in
      var rng = SeededGenerator(stateFrom: base.stream(UInt64(p)))
      var bits = [UInt64](repeating: 0, count: words)
      var need = n1
      for i in 0..<n where need > 0 {
        if rng.nextInt(below: n - i) < need { bits[i >> 6] |= 1 << UInt64(i & 63); need -= 1 }
      }
      stats.p[p] = zScores(bits).reduce(0) { max($0, abs($1)) }
    }
    let exceed = stats.array.filter { $0 >= tObs * (1 - 1e-12) }.count
    let pValue = Double(1 + exceed) / Double(1 + k)
    var axis = axes[best], zb = z[best]
    if zb < 0 { axis = axis.antipode; zb = -zb }
    var k1 = 0
    for (i, d) in directions.enumerated() where labels[i] && d.dot(axis) >= 0 { k1 += 1 }
    let naExact = directions.filter { $0.dot(axis) >= 0 }.count
    let summary = HemisphereScanSummary(
      axisNside: axisNside, axes: z.count, bestAxis: AxisCoordinates(axis), bestZ: zb,
      fractionA: Double(k1) / Double(max(1, naExact)),
      fractionB: Double(n1 - k1) / Double(max(1, n - naExact)), countA: naExact,
      localPValue: 2 * Normal.sf(zb), pValue: pValue, sigma: Normal.significance(pValue: pValue),
      permutations: k, seed: seed)
    return HemisphereScanResult(n: n, summary: summary, z: z)
  }
}
