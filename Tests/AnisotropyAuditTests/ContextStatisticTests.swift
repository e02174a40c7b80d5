// galmorph — AnisotropyAuditTests

import SkyGeometry
import Testing
@testable import AnisotropyAudit
import _GalmorphTestSupport

struct AuditGolden: Decodable {
  struct RankCase: Decodable {
    let sky: [Double]; let controls: [[Double]]; let component_p: [Double]; let T: [Double]; let scales: [Double]
    let p_value: Double
  }
  struct SeedCase: Decodable {
    let d: [Double]; let mean: Double; let ci95: [Double]; let positive: Int; let nonzero: Int; let sign_p: Double
  }
  let D: Double
  let S: Double
  let fractions: [[Double]]
  let counts: [Int]
  let agreement: Double
  let analytic_se: Double
  let D_spirals: Double
  let D_ellipticals: Double
  let rank_cases: [RankCase]
  let seed_cases: [SeedCase]
}

/// The inputs of Reference/gen_audit_golden.py.
func goldenInputs() -> (a: [Int], b: [Int], sides: [SplitSide]) {
  let idx = 0..<500
  return (
    idx.map { ($0 * 13) % 7 < 3 ? 1 : 0 }, idx.map { ($0 * 29 + 3) % 9 < 4 ? 1 : 0 },
    idx.map { ($0 * 37) % 11 < 5 ? .b : .a }
  )
}

func goldenLabels() -> [Int] { (0..<500).map { ($0 * 17 + 1) % 5 < 2 ? 1 : 0 } }

@Suite("Context statistic")
struct ContextStatisticTests {
  @Test func matchesNumpy() throws {
    let g = try Reference.json(AuditGolden.self, "audit_golden.json")
    let (a, b, sides) = goldenInputs()
    let s = ContextStatistic(callsA: a, callsB: b, sides: sides, bootstrap: 2000, seed: 1)
    expectClose(s.d, g.D, rtol: 1e-12, atol: 1e-15, "D")
    expectClose(s.shift, g.S, rtol: 1e-12, atol: 1e-15, "S")
    #expect(s.shiftInterval95[0] < s.shift && s.shift < s.shiftInterval95[1])
    expectAllClose(s.fractions.flatMap { $0 }, g.fractions.flatMap { $0 }, rtol: 1e-12, "fractions")
    #expect(s.counts == g.counts)
    expectClose(s.agreement, g.agreement, rtol: 1e-12, "agreement")
    // Paired bootstrap SE vs the analytic SE of mean_A(z) − mean_B(z), z = a − b: agree to within the bootstrap's
    // own sampling error (≈ 1/√(2·2000) ≈ 1.6%, allow 8%).
    expectClose(s.bootstrapSE, g.analytic_se, rtol: 0.08, "bootstrap SE")
    #expect(s.interval95[0] < s.d && s.d < s.interval95[1])
  }

  @Test func perClassStatisticsMatchNumpy() throws {
    let g = try Reference.json(AuditGolden.self, "audit_golden.json")
    let (a, b, sides) = goldenInputs()
    let s = ContextStatistic(callsA: a, callsB: b, sides: sides, bootstrap: 0, labels: goldenLabels())
    expectClose(s.dSpirals ?? .nan, g.D_spirals, rtol: 1e-12, atol: 1e-15, "D spirals")
    expectClose(s.dEllipticals ?? .nan, g.D_ellipticals, rtol: 1e-12, atol: 1e-15, "D ellipticals")
    expectClose(ContextStatistic.d(callsA: a, callsB: b, sides: sides), g.D, rtol: 1e-12, atol: 1e-15, "D alone")
    let both = ContextStatistic.dAndShift(callsA: a, callsB: b, sides: sides)
    expectClose(both.d, g.D, rtol: 1e-12, atol: 1e-15, "D of dAndShift")
    expectClose(both.shift, g.S, rtol: 1e-12, atol: 1e-15, "S of dAndShift")
  }

  @Test func rankTestMatchesNumpy() throws {
    let g = try Reference.json(AuditGolden.self, "audit_golden.json")
    for c in g.rank_cases {
      let t = UnitRankTest(
        sky: UnitComponents(absD: c.sky[0], absS: c.sky[1]),
        controls: c.controls.map { UnitComponents(absD: $0[0], absS: $0[1]) })
      expectAllClose(t.componentP, c.component_p, rtol: 1e-12, "component rank p's for sky \(c.sky)")
      expectAllClose(t.scales, c.scales, rtol: 1e-12, "scales for sky \(c.sky)")
      expectAllClose([t.sky] + t.controls, c.T, rtol: 1e-12, "T for sky \(c.sky)")
      expectClose(t.pValue, c.p_value, rtol: 1e-12, "rank p for sky \(c.sky)")
      expectClose(t.smallestP, 1 / Double(c.controls.count + 1), rtol: 1e-12, "floor")
    }
  }

  @Test func seedSummaryUsesStudentTAndDropsZerosFromTheSignTest() throws {
    let g = try Reference.json(AuditGolden.self, "audit_golden.json")
    for c in g.seed_cases {
      let s = SeedSummary(c.d)
      expectClose(s.mean, c.mean, rtol: 1e-12, atol: 1e-15, "mean \(c.d)")
      expectAllClose(s.interval95, c.ci95, rtol: 1e-9, "t interval \(c.d)")
      #expect(s.positive == c.positive && s.nonZero == c.nonzero, "\(c.d)")
      expectClose(s.signPValue, c.sign_p, rtol: 1e-9, "sign p \(c.d)")
    }
    // One seed: no interval, and no "nan" anywhere downstream.
    #expect(SeedSummary([0.2]).interval95.allSatisfy { $0.isNaN })
  }

  /// With side-independent rates, f_M(S) = TPR_M·π_S + FPR_M·(1 − π_S), so D = (J_A − J_B)(π_A − π_B): a better
  /// model shows D ≠ 0 when the sides' true spiral fractions differ, while the per-class D's stay 0.
  @Test func aTrueFractionDifferenceFeedsDButNotThePerClassStatistics() {
    // Side A: 300 galaxies, 60% spirals; side B: 300, 20% spirals. Model A: TPR 0.9, FPR 0.1 (J = 0.8); model B:
    // TPR 0.7, FPR 0.3 (J = 0.4), identical on both sides.
    var a: [Int] = [], b: [Int] = [], sides: [SplitSide] = [], labels: [Int] = []
    for (side, spirals) in [(SplitSide.a, 180), (.b, 60)] {
      for i in 0..<300 {
        let y = i < spirals ? 1 : 0
        let k = y == 1 ? i : i - spirals, n = y == 1 ? spirals : 300 - spirals
        a.append(y == 1 ? (k < n * 9 / 10 ? 1 : 0) : (k < n / 10 ? 1 : 0))
        b.append(y == 1 ? (k < n * 7 / 10 ? 1 : 0) : (k < n * 3 / 10 ? 1 : 0))
        sides.append(side); labels.append(y)
      }
    }
    let s = ContextStatistic(callsA: a, callsB: b, sides: sides, bootstrap: 0, labels: labels)
    expectClose(s.d, (0.8 - 0.4) * (0.6 - 0.2), rtol: 1e-12, "D = (J_A − J_B)(π_A − π_B)")
    expectClose(s.dSpirals ?? .nan, 0, rtol: 0, atol: 1e-12, "D spirals")
    expectClose(s.dEllipticals ?? .nan, 0, rtol: 0, atol: 1e-12, "D ellipticals")
  }

  @Test func anEmptyTestSideMakesDUndefined() {
    let s = ContextStatistic(callsA: [1, 0, 1], callsB: [0, 0, 1], sides: [.a, .a, .a], bootstrap: 10)
    #expect(s.d.isNaN)
    let t = UnitRankTest(
      sky: UnitComponents(d: [s.d], shift: [s.shift]),
      controls: [UnitComponents(absD: 0.1, absS: 0.1), UnitComponents(absD: 0.2, absS: 0.0)])
    #expect(t.pValue == 1)
  }

  @Test func globalThresholdShiftCancels() {
    let (a, b, sides) = goldenInputs()
    // Model B calls 100 more galaxies spiral, spread evenly over both sides: D must not move by more than the
    // granularity of the fractions.
    var b2 = b
    var flipped = 0
    for i in b2.indices where b2[i] == 0 && i % 2 == 0 && flipped < 100 { b2[i] = 1; flipped += 1 }
    let s1 = ContextStatistic(callsA: a, callsB: b, sides: sides, bootstrap: 0)
    let s2 = ContextStatistic(callsA: a, callsB: b2, sides: sides, bootstrap: 0)
    #expect(abs(s2.d - s1.d) < 0.05)
    #expect(abs(s2.fractions[1][0] - s1.fractions[1][0]) > 0.1)
  }

  /// The rank test is exact: with M + 1 exchangeable units (here i.i.d. pairs of correlated normal |D|, |S|)
  /// P(p ≤ k/(M + 1)) = k/(M + 1).
  @Test func rankTestIsExactUnderExchangeability() throws {
    var rng = SeededGeneratorBox(seed: 99)
    var atFloor = 0, atFive = 0
    let trials = 4000
    for _ in 0..<trials {
      let v = (0..<20).map { _ -> UnitComponents in
        let x = rng.normal(), y = 0.6 * x + 0.8 * rng.normal()
        return UnitComponents(absD: abs(x), absS: abs(y))
      }
      let p = UnitRankTest(sky: v[0], controls: Array(v.dropFirst())).pValue
      if p <= 0.05 + 1e-12 { atFloor += 1 }
      if p <= 0.25 + 1e-12 { atFive += 1 }
    }
    let (lo, hi) = try clopperPearson99(atFloor, trials)
    #expect(lo <= 0.05 && 0.05 <= hi, "P(p ≤ 1/20) = \(atFloor)/\(trials)")
    let (lo5, hi5) = try clopperPearson99(atFive, trials)
    #expect(lo5 <= 0.25 && 0.25 <= hi5, "P(p ≤ 5/20) = \(atFive)/\(trials)")
  }
}

import GalmorphSupport
struct SeededGeneratorBox {
  var g: SeededGenerator
  init(seed: UInt64) { g = SeededGenerator(seed: seed) }
  mutating func normal() -> Double { g.nextNormal() }
}
