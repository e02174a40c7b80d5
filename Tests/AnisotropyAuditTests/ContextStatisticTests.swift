// galmorph — AnisotropyAuditTests

import SkyGeometry
import Testing
@testable import AnisotropyAudit
import _GalmorphTestSupport

struct AuditGolden: Decodable {
  struct Case: Decodable { let sky: [Double]; let control: [Double]; let p_value: Double; let n_perm: Int }
  let D: Double
  let fractions: [[Double]]
  let counts: [Int]
  let agreement: Double
  let analytic_se: Double
  let permutation_cases: [Case]
}

/// The inputs of Reference/gen_audit_golden.py.
func goldenInputs() -> (a: [Int], b: [Int], sides: [SplitSide]) {
  let idx = 0..<500
  return (idx.map { ($0 * 13) % 7 < 3 ? 1 : 0 }, idx.map { ($0 * 29 + 3) % 9 < 4 ? 1 : 0 },
          idx.map { ($0 * 37) % 11 < 5 ? .b : .a })
}

@Suite("Context statistic")
struct ContextStatisticTests {
  @Test func matchesNumpy() throws {
    let g = try Reference.json(AuditGolden.self, "audit_golden.json")
    let (a, b, sides) = goldenInputs()
    let s = ContextStatistic(callsA: a, callsB: b, sides: sides, bootstrap: 2000, seed: 1)
    expectClose(s.d, g.D, rtol: 1e-12, atol: 1e-15, "D")
    expectAllClose(s.fractions.flatMap { $0 }, g.fractions.flatMap { $0 }, rtol: 1e-12, "fractions")
    #expect(s.counts == g.counts)
    expectClose(s.agreement, g.agreement, rtol: 1e-12, "agreement")
    // Paired bootstrap SE vs the analytic SE of mean_A(z) − mean_B(z), z = a − b: agree to within the bootstrap's
    // own sampling error (≈ 1/√(2·2000) ≈ 1.6%, allow 8%).
    expectClose(s.bootstrapSE, g.analytic_se, rtol: 0.08, "bootstrap SE")
    #expect(s.interval95[0] < s.d && s.d < s.interval95[1])
  }

  @Test func oneSidedComparisonCountsOnlyLargerSkyMeans() {
    // The sky values are the three largest of seven: only the observed assignment reaches T_obs among C(7,3) = 35.
    let c = SeedComparison(sky: [0.3, 0.2, 0.25], control: [0.01, 0.02, 0.0, 0.03], greater: true)
    #expect(c.exact && c.permutationsUsed == 35)
    expectClose(c.pValue, 1.0 / 35, rtol: 1e-12, "one-sided p")
    // Reversed roles: every assignment has a mean difference ≥ the (most negative) observed one.
    expectClose(SeedComparison(sky: [0.01, 0.02, 0.0], control: [0.3, 0.2, 0.25, 0.03], greater: true).pValue, 1, rtol: 1e-12, "p")
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

  @Test func permutationTestMatchesBruteForce() throws {
    let g = try Reference.json(AuditGolden.self, "audit_golden.json")
    for c in g.permutation_cases {
      let r = SeedComparison(sky: c.sky, control: c.control)
      #expect(r.exact)
      #expect(r.permutationsUsed == c.n_perm)
      expectClose(r.pValue, c.p_value, rtol: 1e-12, "p for sky \(c.sky)")
    }
  }

  /// Under the null (sky and control D drawn from one distribution) the Monte Carlo permutation p-value is
  /// uniform: it rejects at α = 0.05 in about 5% of 400 simulated experiments.
  @Test func permutationTestIsCalibrated() {
    var rng = SeededGeneratorBox(seed: 99)
    var rejections = 0
    let trials = 400
    for _ in 0..<trials {
      let sky = (0..<5).map { _ in rng.normal() }, ctrl = (0..<5).map { _ in rng.normal() }
      if SeedComparison(sky: sky, control: ctrl).pValue <= 0.05 { rejections += 1 }
    }
    // Exact test with 252 relabellings: attainable size at 0.05 is ≤ 0.05; binomial 99.9% upper bound ≈ 0.085.
    #expect(rejections <= 34, "rejected \(rejections) of \(trials)")
    #expect(rejections >= 5, "rejected \(rejections) of \(trials): test far too conservative")
  }
}

import GalmorphSupport
struct SeededGeneratorBox {
  var g: SeededGenerator
  init(seed: UInt64) { g = SeededGenerator(seed: seed) }
  mutating func normal() -> Double { g.nextNormal() }
}
