// galmorph — ReportsTests

import Foundation
import MorphologyClassifier
import Testing
import _GalmorphTestSupport
import Reports

@Suite("Binned fractions of the audit figures against healpy, astropy and scikit-learn")
struct SkyBinningTests {
  struct Golden: Decodable {
    struct Map: Decodable { var counts: [Int]; var fractions: [Double?] }
    struct Bins: Decodable {
      var centres: [Double]; var counts: [Int]; var fractions: [Double]; var lower: [Double]; var upper: [Double]
    }
    struct ROC: Decodable { var fpr: [Double]; var tpr: [Double]; var auc: Double }
    var generator: String
    var ra: [Double]
    var dec: [Double]
    var calls: [Int]
    var scores: [Double]
    var healpix: [String: Map]
    var bins: [String: Bins]
    var roc: ROC
  }

  static func golden() throws -> Golden { try Reference.json(Golden.self, "sky_binning.json") }

  @Test("fractions per HEALPix pixel equal healpy's (NSIDE 2 and 4; empty pixels are nil)", arguments: [2, 4])
  func healpix(nside: Int) throws {
    let g = try Self.golden()
    #expect(g.generator == "gen_sky_binning.py")
    let map = try #require(g.healpix[String(nside)])
    let got = try SkyBinning.healpixFractions(ra: g.ra, dec: g.dec, calls: g.calls, nside: nside)
    #expect(got.counts == map.counts)
    #expect(got.fractions.count == map.fractions.count)
    for (a, b) in zip(got.fractions, map.fractions) {
      #expect((a == nil) == (b == nil))
      if let a, let b { expectClose(a, b, rtol: 1e-12) }
    }
  }

  @Test("RA and Dec bins with 95% Wilson intervals equal astropy's", arguments: ["ra", "dec"])
  func bins(name: String) throws {
    let g = try Self.golden()
    let want = try #require(g.bins[name])
    let got = try SkyBinning.binnedFractions(
      coordinate: name == "ra" ? g.ra : g.dec, calls: g.calls,
      range: name == "ra" ? 0...360 : -90...90, bins: 12)
    #expect(got.counts == want.counts)
    expectAllClose(got.centres, want.centres, rtol: 1e-12)
    expectAllClose(got.fractions, want.fractions, rtol: 1e-12)
    expectAllClose(got.lower, want.lower, rtol: 1e-9, atol: 1e-12)
    expectAllClose(got.upper, want.upper, rtol: 1e-9, atol: 1e-12)
  }

  @Test("ROC points equal sklearn's roc_curve(drop_intermediate=False), ties included")
  func roc() throws {
    let g = try Self.golden()
    let got = BinaryMetrics.rocCurve(scores: g.scores, labels: g.calls)
    expectAllClose(got.map(\.fpr), g.roc.fpr, rtol: 1e-12)
    expectAllClose(got.map(\.tpr), g.roc.tpr, rtol: 1e-12)
  }

  @Test("automatic NSIDE: 2 for small samples, 8 only with ≥ 10 galaxies per NSIDE-8 pixel")
  func automaticNside() {
    #expect(SkyBinning.automaticNside(count: 180) == 2)
    #expect(SkyBinning.automaticNside(count: 1_919) == 2)
    #expect(SkyBinning.automaticNside(count: 1_920) == 4)
    #expect(SkyBinning.automaticNside(count: 7_680) == 8)
    #expect(SkyBinning.automaticNside(count: 1_000_000) == 8)
  }
}
