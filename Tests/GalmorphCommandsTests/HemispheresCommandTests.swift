// galmorph — GalmorphCommandsTests
//
// `galmorph hemispheres` on the bundled catalog against scipy/astropy/statsmodels (Reference/hemispheres_golden.json)
// and against SkyStatistics' ProportionSummary and HemisphereScan for the same inputs.

import Foundation
import GalmorphCommands
import GalmorphSupport
import Reports
import SkyGeometry
import SkyStatistics
import Testing
import _GalmorphTestSupport

/// `Reference/hemispheres_golden.json` (gen_hemispheres_golden.py).
struct HemispheresGolden: Decodable {
  struct Split: Decodable {
    var split: String
    var na: Int, ka: Int, nb: Int, kb: Int
    var wilson_a: [Double], wilson_b: [Double], jeffreys_a: [Double], jeffreys_b: [Double]
    var fisher: Double, chi2: Double, chi2_yates: Double, z: Double, z_p: Double, binomial: Double
    var fisher_holm: Double, chi2_holm: Double, chi2_yates_holm: Double, z_p_holm: Double, binomial_holm: Double
  }
  var n: Int
  var positives: Int
  var splits: [Split]
}

@Suite("galmorph hemispheres")
struct HemispheresCommandTests {
  @Test("per-split table equals scipy/astropy/statsmodels and ProportionSummary; Holm across splits; scan p")
  func bundledCatalogSplits() throws {
    let text = try runGalmorph([
      "hemispheres", "--catalog", bundledCatalog.path, "--label-column", "gz1_flag",
      "--positive", "spiral", "--split", "ra:70,250", "--split", "dec:15",
      "--scan-permutations", "200", "--seed", "3", "--confidence", "0.682689492137086", "--json",
    ])
    let report = try JSONCoding.decoder().decode(HemispheresReport.self, from: Data(text.utf8))
    let golden = try Reference.json(HemispheresGolden.self, "hemispheres_golden.json")
    #expect(report.n == golden.n && report.nPositive == golden.positives && report.adjustment == "holm")
    #expect(report.splits.count == 2)
    let sample = try bundledSpiralSample()
    for (row, g) in zip(report.splits, golden.splits) {
      #expect(row.split == g.split)
      #expect(row.sideA.n == g.na && row.sideA.positives == g.ka && row.sideB.n == g.nb && row.sideB.positives == g.kb)
      expectAllClose(row.sideA.wilson, g.wilson_a, rtol: 1e-9, "Wilson A \(g.split)")
      expectAllClose(row.sideB.wilson, g.wilson_b, rtol: 1e-9, "Wilson B \(g.split)")
      expectAllClose(row.sideA.jeffreys, g.jeffreys_a, rtol: 1e-7, "Jeffreys A \(g.split)")
      expectAllClose(row.sideB.jeffreys, g.jeffreys_b, rtol: 1e-7, "Jeffreys B \(g.split)")
      expectClose(row.pValues.fisher, g.fisher, rtol: 1e-6, "Fisher \(g.split)")
      expectClose(row.pValues.chi2, g.chi2, rtol: 1e-6, "chi2 \(g.split)")
      expectClose(row.pValues.chi2Yates, g.chi2_yates, rtol: 1e-6, "chi2 Yates \(g.split)")
      expectClose(row.zStatistic, g.z, rtol: 1e-9, "z \(g.split)")
      expectClose(row.pValues.z, g.z_p, rtol: 1e-6, "z p \(g.split)")
      expectClose(row.pValues.binomial, g.binomial, rtol: 1e-6, "binomial \(g.split)")
      expectClose(row.adjusted.fisher, g.fisher_holm, rtol: 1e-6, "Holm Fisher \(g.split)")
      expectClose(row.adjusted.chi2, g.chi2_holm, rtol: 1e-6, "Holm chi2 \(g.split)")
      expectClose(row.adjusted.chi2Yates, g.chi2_yates_holm, rtol: 1e-6, "Holm chi2 Yates \(g.split)")
      expectClose(row.adjusted.z, g.z_p_holm, rtol: 1e-6, "Holm z \(g.split)")
      expectClose(row.adjusted.binomial, g.binomial_holm, rtol: 1e-6, "Holm binomial \(g.split)")

      // Exactly the library's summary for the same split and labels.
      let summary = try ProportionSummary(
        split: try SkySplit(parsing: g.split), directions: sample.directions,
        labels: sample.labels, confidenceLevel: 0.682689492137086)
      #expect(row.pValues.binomial == summary.binomialP)
      #expect(row.sideA.n == summary.a.n && row.sideA.positives == summary.a.positives)
      #expect(row.sideA.fraction == summary.a.fraction && row.sideB.fraction == summary.b.fraction)
      #expect(row.sideA.wilson == [summary.a.wilson.lower, summary.a.wilson.upper])
      #expect(row.sideB.jeffreys == [summary.b.jeffreys.lower, summary.b.jeffreys.upper])
      #expect(row.pValues.fisher == summary.fisherP && row.pValues.chi2 == summary.chiSquareP)
      #expect(row.pValues.chi2Yates == summary.chiSquareYatesP && row.pValues.z == summary.zP)
      #expect(row.difference == summary.difference)
    }
    let scan = try #require(report.scan)
    let library = try HemisphereScan.run(
      directions: sample.directions, labels: sample.labels, axisNside: 4,
      permutations: 200, seed: 3)
    #expect(scan.pValue == library.pValue && scan.bestZ == library.bestZ && scan.axes == 192)
    #expect(scan.pValue < 0.01)  // the positive control: 1/201 when no relabeling beats the data
  }

  @Test("text tables and the bonferroni / bh adjustments")
  func textAndAdjustments() throws {
    let args = [
      "hemispheres", "--catalog", bundledCatalog.path, "--label-column", "gz1_flag", "--positive",
      "spiral", "--split", "ra:70,250", "--split", "dec:15", "--split", "dec:0", "--scan-permutations", "0",
    ]
    let text = try runGalmorph(args)
    #expect(text.contains("split ra:70,250") && text.contains("Fisher exact") && text.contains("holm-adjusted"))
    #expect(text.contains("22894") && text.contains("4587"))
    for (option, method) in [("bonferroni", PValueAdjustment.bonferroni), ("bh", .benjaminiHochberg)] {
      let json = try runGalmorph(args + ["--adjust", option, "--json"])
      let report = try JSONCoding.decoder().decode(HemispheresReport.self, from: Data(json.utf8))
      #expect(report.scan == nil)
      let raw = report.splits.map(\.pValues.fisher)
      #expect(report.splits.map(\.adjusted.fisher) == method.adjust(raw))
    }
  }
}
