// galmorph — SkySimulatorTests
//
// Sérsic b_n, enclosed light, pixel integrals and total flux against scipy (Reference/gen_sim_golden.py).

import Foundation
import SkySimulator
import Testing
import _GalmorphTestSupport

@Suite("Sérsic profiles and flux")
struct SersicRenderingTests {
  @Test("b_n and enclosed-light fractions match scipy gammaincinv / gammainc")
  func bnAndEnclosed() throws {
    let g = try SimGolden.load()
    for s in g.sersic {
      expectClose(SersicProfile.bn(s.n), s.b, rtol: 1e-10, "b_n for n = \(s.n)")
      let p = SersicProfile(n: s.n, halfLightRadius: 2.0)
      for (x, e) in zip(s.x, s.enclosed) {
        expectClose(p.enclosedFraction(within: 2.0 * x), e, rtol: 1e-9, atol: 1e-14, "L(<\(x) r_e)/L for n = \(s.n)")
      }
    }
  }

  @Test("pixel integrals of n = 4 and n = 1 profiles (no PSF, no noise) match scipy dblquad", arguments: [false, true])
  func pixelIntegrals(disk: Bool) throws {
    let g = try SimGolden.load()
    let c = disk ? g.disk_pixels : g.sersic_pixels
    let sim = try noiseFreeSimulator()
    let t = try controlledTruth(
      sim, disk: disk, n: c.n, rePixels: c.re_px, q: c.q, pa: c.pa, dx: c.dx, dy: c.dy,
      flux: c.total)
    let image = sim.renderImage(for: t)
    for (p, expected) in zip(c.pixels, c.values) {
      let value = Double(image[p[1] * 64 + p[0]])
      expectClose(value, expected, rtol: 1e-3, "pixel (x \(p[0]), y \(p[1])) of n = \(c.n)")
    }
  }

  @Test("total flux inside the stamp matches the analytic integral within 0.2% (cuspy n = 4 included)")
  func stampFlux() throws {
    let g = try SimGolden.load()
    let sim = try noiseFreeSimulator()
    for c in g.stamp_flux {
      let disk = c.n == 1
      let t = try controlledTruth(
        sim, disk: disk, n: c.n, rePixels: c.re_px, q: c.q, pa: c.pa, dx: c.dx, dy: c.dy,
        flux: c.total)
      let total = sim.renderImage(for: t).reduce(0.0) { $0 + Double($1) }
      expectClose(total, c.in_stamp, rtol: 2e-3, "flux in stamp for n = \(c.n), r_e = \(c.re_px) px, q = \(c.q)")
    }
  }

  @Test("PSF convolution conserves the flux of a galaxy well inside the stamp (noise-free, within 0.5%)")
  func convolvedFlux() throws {
    let sim = try noiseFreeSimulator(psf: true)
    for (n, disk) in [(1.0, true), (4.0, false)] {
      let t = try controlledTruth(sim, disk: disk, n: n, rePixels: 2, q: 0.7, pa: 33, dx: 0.2, dy: -0.3, flux: 5000)
      let total = sim.renderImage(for: t).reduce(0.0) { $0 + Double($1) }
      // Reference: the unconvolved in-stamp flux (light scattered across the stamp edge is ≪ 0.1% here).
      let raw = try noiseFreeSimulator(psf: false).renderImage(for: t).reduce(0.0) { $0 + Double($1) }
      expectClose(total, raw, rtol: 5e-3, "convolved vs unconvolved flux, n = \(n)")
      expectClose(total, 5000, rtol: n == 1 ? 5e-3 : 1.5e-2, "convolved flux vs requested, n = \(n)")
    }
  }

  @Test("spiral arms redistribute but do not change the disk flux")
  func armsConserveFlux() throws {
    let sim = try noiseFreeSimulator()
    var t = try controlledTruth(sim, disk: true, n: 1, rePixels: 6, q: 0.8, pa: 10, dx: 0, dy: 0, flux: 1000)
    let plain = sim.renderImage(for: t)
    t.armAmplitude = 0.8
    t.armPitch = 15
    let armed = sim.renderImage(for: t)
    let a = plain.reduce(0.0) { $0 + Double($1) }, b = armed.reduce(0.0) { $0 + Double($1) }
    expectClose(b, a, rtol: 2e-3, "disk flux with arms")
    let maxDiff = zip(plain, armed).map { abs($0 - $1) }.max() ?? 0
    #expect(maxDiff > 1, "arms should visibly change pixels (max difference \(maxDiff))")
  }
}
