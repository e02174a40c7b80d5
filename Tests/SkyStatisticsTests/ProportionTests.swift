// galmorph — SkyStatisticsTests

import Foundation
import GalmorphSupport
import SkyGeometry
import SkyStatistics
import Testing
import _GalmorphTestSupport

@Suite("Proportion tests vs scipy / astropy / statsmodels")
struct ProportionTests {
  let g: StatsGolden
  init() throws { g = try StatsGolden.load() }

  @Test func generatorIsNamed() { #expect(g.generator == "gen_stats_golden.py") }

  @Test func exactBinomialTest() throws {
    for c in g.binomtest {
      let two = try BinomialTest.pValue(successes: c.k, trials: c.n, p: c.p)
      let gr = try BinomialTest.pValue(successes: c.k, trials: c.n, p: c.p, alternative: .greater)
      let le = try BinomialTest.pValue(successes: c.k, trials: c.n, p: c.p, alternative: .less)
      expectClose(two, c.two_sided, rtol: goldenRtol, "binomtest two-sided \(c.k)/\(c.n) p=\(c.p)")
      expectClose(gr, c.greater, rtol: goldenRtol, "binomtest greater \(c.k)/\(c.n)")
      expectClose(le, c.less, rtol: goldenRtol, "binomtest less \(c.k)/\(c.n)")
    }
    #expect(throws: SkyStatisticsError.self) { try BinomialTest.pValue(successes: 5, trials: 3, p: 0.5) }
  }

  @Test func intervals() throws {
    for c in g.intervals {
      for (m, ref) in [
        (IntervalMethod.wilson, c.wilson), (.jeffreys, c.jeffreys), (.clopperPearson, c.clopper_pearson),
      ] {
        let iv = try BinomialInterval(successes: c.k, trials: c.n, confidenceLevel: c.cl, method: m)
        expectClose(iv.lower, ref[0], rtol: goldenRtol, atol: 1e-15, "\(m) lower \(c.k)/\(c.n) cl \(c.cl)")
        expectClose(iv.upper, ref[1], rtol: goldenRtol, atol: 1e-15, "\(m) upper \(c.k)/\(c.n) cl \(c.cl)")
      }
      let w = try BinomialInterval(successes: c.k, trials: c.n, confidenceLevel: c.cl, method: .wilson)
      expectClose(w.lower, c.wilson_statsmodels[0], rtol: goldenRtol, atol: 1e-15, "wilson vs statsmodels")
    }
  }

  /// The 95 % κ that modules below SkyStatistics use for Wilson intervals (MetricIntervals, scipy's
  /// `norm.ppf(0.975)`) is Normal's to 1e-15 (two ulps), so an accuracy interval equals
  /// `BinomialInterval(confidenceLevel: 0.95, method: .wilson)` of the same counts to 1e-15.
  @Test func wilsonZ95IsNormalQuantile() throws {
    #expect(abs(WilsonScore.z95 - Normal.upperQuantile(0.025)) <= 1e-15)
    let iv = try BinomialInterval(successes: 614, trials: 682, confidenceLevel: 0.95, method: .wilson)
    let w = WilsonScore.interval(successes: 614, trials: 682)
    #expect(abs(iv.lower - w.lower) <= 1e-15 && abs(iv.upper - w.upper) <= 1e-15)
  }

  @Test func fisherExact() throws {
    for c in g.fisher {
      let two = try ContingencyTests.fisherExact(c.table)
      expectClose(two.pValue, c.two_sided, rtol: goldenRtol, "fisher two-sided \(c.table)")
      expectClose(
        try ContingencyTests.fisherExact(c.table, alternative: .greater).pValue, c.greater, rtol: goldenRtol,
        "fisher greater \(c.table)")
      expectClose(
        try ContingencyTests.fisherExact(c.table, alternative: .less).pValue, c.less, rtol: goldenRtol,
        "fisher less \(c.table)")
      if let r = c.odds_ratio, let o = two.oddsRatio, r.isFinite { expectClose(o, r, rtol: 1e-12) }
    }
  }

  @Test func chiSquareContingency() throws {
    for c in g.chi2_contingency {
      let y = try ContingencyTests.chiSquare(c.table, yatesCorrection: true)
      let p = try ContingencyTests.chiSquare(c.table, yatesCorrection: false)
      #expect(y.dof == c.yates.dof)
      expectClose(y.statistic, c.yates.statistic, rtol: goldenRtol, atol: 1e-12, "yates stat \(c.table)")
      expectClose(y.pValue, c.yates.p, rtol: goldenRtol, "yates p \(c.table)")
      expectClose(p.statistic, c.plain.statistic, rtol: goldenRtol, "plain stat \(c.table)")
      expectClose(p.pValue, c.plain.p, rtol: goldenRtol, "plain p \(c.table)")
    }
  }

  @Test func twoProportionZ() throws {
    for c in g.two_proportion_z {
      let t = try ContingencyTests.twoProportionZ(successes1: c.c1, trials1: c.n1, successes2: c.c2, trials2: c.n2)
      let l = try ContingencyTests.twoProportionZ(
        successes1: c.c1, trials1: c.n1, successes2: c.c2, trials2: c.n2,
        alternative: .less)
      expectClose(t.z, c.z, rtol: goldenRtol)
      expectClose(t.pValue, c.two_sided, rtol: goldenRtol)
      expectClose(l.pValue, c.smaller, rtol: goldenRtol)
    }
  }

  @Test func mcNemar() throws {
    for c in g.mcnemar {
      let r = try BinomialTest.mcNemar(b: c.b, c: c.c)
      expectClose(r.exact, c.exact, rtol: goldenRtol, "mcnemar exact \(c.b),\(c.c)")
      expectClose(r.midP, c.mid_p, rtol: goldenRtol, "mcnemar mid-p \(c.b),\(c.c)")
    }
    // b = c: the mid-p is 1 (the cap comes after subtracting P(X = k)); the old formula gave 0.824 for b = c = 10.
    #expect(try BinomialTest.mcNemar(b: 10, c: 10).midP == 1)
  }

  @Test func studentTQuantilesAndTails() {
    for c in g.student_t {
      expectClose(StudentT.quantile(c.p, dof: c.dof), c.ppf, rtol: 1e-9, "t.ppf(\(c.p), \(c.dof))")
      expectClose(StudentT.twoSidedP(c.ppf, dof: c.dof), c.two_sided, rtol: 1e-9, "2·t.sf(\(c.ppf), \(c.dof))")
    }
  }

  @Test func normalDistribution() {
    let n = g.norm
    for i in n.x.indices {
      expectClose(Normal.cdf(n.x[i]), n.cdf[i], rtol: goldenRtol, atol: 1e-300, "cdf(\(n.x[i]))")
      expectClose(Normal.sf(n.x[i]), n.sf[i], rtol: goldenRtol, atol: 1e-300, "sf(\(n.x[i]))")
    }
    for i in n.p.indices {
      expectClose(Normal.quantile(n.p[i]), n.ppf[i], rtol: goldenRtol, atol: 1e-15, "ppf(\(n.p[i]))")
      expectClose(Normal.upperQuantile(n.p[i]), n.isf[i], rtol: goldenRtol, atol: 1e-15, "isf(\(n.p[i]))")
    }
  }

  @Test func specialFunctions() {
    for c in g.betainc {
      expectClose(SpecialFunctions.incompleteBeta(c.a, c.b, c.x), c.value, rtol: goldenRtol, "I_\(c.x)(\(c.a),\(c.b))")
      let inv = SpecialFunctions.inverseIncompleteBeta(c.a, c.b, c.value)
      expectClose(SpecialFunctions.incompleteBeta(c.a, c.b, inv), c.value, rtol: 1e-12)
    }
    for c in g.gammainc {
      expectClose(SpecialFunctions.gammaP(c.a, c.x), c.p, rtol: goldenRtol, "P(\(c.a),\(c.x))")
      expectClose(SpecialFunctions.gammaQ(c.a, c.x), c.q, rtol: goldenRtol, "Q(\(c.a),\(c.x))")
    }
    for c in g.chi2_sf {
      expectClose(ChiSquared.sf(c.x, dof: c.df), c.sf, rtol: goldenRtol, "chi2.sf(\(c.x), \(c.df))")
    }
  }

  @Test func multipleTesting() {
    let m = g.multipletests
    expectAllClose(PValueAdjustment.bonferroni.adjust(m.p), m.bonferroni, rtol: 1e-12)
    expectAllClose(PValueAdjustment.holm.adjust(m.p), m.holm, rtol: 1e-12)
    expectAllClose(PValueAdjustment.benjaminiHochberg.adjust(m.p), m.fdr_bh, rtol: 1e-12)
  }

  @Test func proportionSummaryCountsAddUp() throws {
    let dirs = (0..<400).map { SkyDirection(raDegrees: Double($0) * 0.9, decDegrees: Double($0 % 170) - 85) }
    let labels = dirs.map { $0.dec > 20 }
    let s = try ProportionSummary(split: try SkySplit(parsing: "dec:0"), directions: dirs, labels: labels)
    #expect(s.a.n + s.b.n == 400)
    #expect(s.b.positives == 0)
    #expect(s.fisherP < 1e-10)
    let json = try JSONEncoder().encode(s)
    #expect(String(decoding: json, as: UTF8.self).contains("\"fisherP\""))
  }
}
