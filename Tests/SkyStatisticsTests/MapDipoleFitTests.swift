// galmorph — SkyStatisticsTests

import Foundation
import SkyGeometry
import SkyStatistics
import Testing
import _GalmorphTestSupport

@Suite("Map dipole fit vs healpy.fit_dipole")
struct MapDipoleFitTests {
  @Test func matchesHealpyOnPartialSkyMap() throws {
    let g = try StatsGolden.load().fit_dipole
    let h = try HEALPix(nside: g.nside, ordering: .ring)
    let fit = try MapDipoleFit.fit(map: g.map, healpix: h)
    expectClose(try #require(fit.monopole), g.monopole, rtol: 1e-9, "monopole")
    expectAllClose(fit.dipoleVector, g.dipole, rtol: 1e-9, "dipole vector")
    #expect(fit.n == g.map.compactMap { $0 }.count)
    // the fitted dipole is within its own error of the generator's truth (0.03, -0.02, 0.05)
    let amp = (0.03 * 0.03 + 0.02 * 0.02 + 0.05 * 0.05).squareRoot()
    #expect(abs(fit.amplitude - amp) < 5 * fit.amplitudeErr)
    #expect(throws: SkyStatisticsError.self) { try MapDipoleFit.fit(map: Array(g.map.dropLast()), healpix: h) }
  }
}

@Suite("Bernoulli dipole likelihood vs scipy.optimize")
struct BernoulliGoldenTests {
  @Test func matchesScipyMaximumLikelihood() throws {
    for c in try StatsGolden.load().bernoulli_fit {
      let dirs = c.ra.indices.map { SkyDirection(raDegrees: c.ra[$0], decDegrees: c.dec[$0]) }
      let fit = try BernoulliDipoleFit.fit(directions: dirs, values: c.y)
      expectClose(try #require(fit.monopole), c.theta[0], rtol: 1e-6, "monopole")
      expectAllClose(fit.dipoleVector, Array(c.theta[1...]), rtol: 1e-4, atol: 1e-7, "dipole vector")
      expectClose(fit.statistic, c.lr, rtol: 1e-6, atol: 1e-8, "likelihood ratio")
      expectClose(try #require(fit.pValue), c.p, rtol: 1e-5, "p-value")
    }
  }
}
