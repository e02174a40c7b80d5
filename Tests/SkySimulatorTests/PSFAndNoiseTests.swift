// galmorph — SkySimulatorTests
//
// Moffat PSF against astropy, measured FWHM of a rendered point source, and the noise variance of empty sky.

import Foundation
import SkySimulator
import Testing
import _GalmorphTestSupport

@Suite("PSF and noise")
struct PSFAndNoiseTests {
  @Test("Moffat α from FWHM and the kernel shape match astropy Moffat2D")
  func moffatMatchesAstropy() throws {
    let g = try SimGolden.load()
    for m in g.moffat {
      let psf = MoffatPSF(fwhm: m.fwhm, beta: m.beta)
      expectClose(psf.alpha, m.gamma, rtol: 1e-12, "α for FWHM \(m.fwhm), β \(m.beta)")
      expectClose(m.astropy_fwhm, psf.fwhm, rtol: 1e-12, "astropy's FWHM of our α, β")
      let k = psf.kernel(enclosedFraction: 0.995, maxRadius: 24)
      let side = 2 * k.radius + 1, gs = 2 * m.radius + 1
      let centre = Double(k.weights[k.radius * side + k.radius])
      for dy in -m.radius...m.radius {
        for dx in -m.radius...m.radius where abs(dx) <= k.radius && abs(dy) <= k.radius {
          let ours = Double(k.weights[(k.radius + dy) * side + k.radius + dx]) / centre
          let theirs = m.grid[(m.radius + dy) * gs + m.radius + dx]
          expectClose(ours, theirs, rtol: 2e-6, "kernel (\(dx), \(dy)) for FWHM \(m.fwhm)")
        }
      }
      let total = k.weights.reduce(0.0) { $0 + Double($1) }
      expectClose(total, 1, rtol: 1e-5, "kernel normalisation")
    }
  }

  /// Half-maximum crossing along a row/column: interpolates ln I linearly in r² between the bracketing pixels.
  static func halfWidth(_ profile: [Double]) -> Double? {
    let half = profile[0] / 2
    for k in 1..<profile.count where profile[k] < half {
      let r0 = Double(k - 1), r1 = Double(k)
      let a = log(profile[k - 1]), b = log(profile[k])
      let r2 = r0 * r0 + (log(half) - a) / (b - a) * (r1 * r1 - r0 * r0)
      return r2.squareRoot()
    }
    return nil
  }

  @Test(
    "FWHM measured on a noise-free point source matches the requested value within 2%",
    arguments: [(0.8, 3.5), (0.6, 2.5), (1.0, 4.765)])
  func measuredFWHM(fwhmArcsec: Double, beta: Double) throws {
    var sim = try noiseFreeSimulator(psf: true, pixelScale: 0.1)
    var config = sim.config
    config.observing.psfBeta = beta
    sim = try SkySimulator(config: config)
    var t = try controlledTruth(sim, disk: false, n: 1, rePixels: 0.02, q: 1, pa: 0, dx: 0.5, dy: 0.5, flux: 1e4)
    t.psfFWHM = fwhmArcsec
    t.psfBeta = beta
    let image = sim.renderImage(for: t).map(Double.init)
    let row = (0..<20).map { image[32 * 64 + 32 + $0] }
    let column = (0..<20).map { image[(32 + $0) * 64 + 32] }
    let hx = try #require(PSFAndNoiseTests.halfWidth(row)), hy = try #require(PSFAndNoiseTests.halfWidth(column))
    let expected = fwhmArcsec / 0.1
    expectClose(2 * hx, expected, rtol: 0.02, "FWHM along x, β = \(beta)")
    expectClose(2 * hy, expected, rtol: 0.02, "FWHM along y, β = \(beta)")
    expectClose(image.reduce(0, +), 1e4, rtol: 6e-3, "point-source flux (truncated at 99.5% then renormalised)")
  }

  @Test(
    "empty-sky variance equals noiseScale² (sky/gain + readNoise²) within its sampling error",
    arguments: [(200.0, 2.0, 3.0, 1.5), (3.0, 1.0, 0.5, 1.0), (40.0, 4.7, 0.0, 2.0)])
  func skyNoise(sky: Double, gain: Double, readNoise: Double, scale: Double) throws {
    var c = try noiseFreeSimulator().config
    c.observing.addNoise = true
    c.observing.gain = gain
    c.observing.readNoise = readNoise
    let sim = try SkySimulator(config: c)
    var values: [Double] = []
    for index in 0..<4 {
      var t = try controlledTruth(sim, disk: false, n: 4, rePixels: 2, q: 1, pa: 0, dx: 0, dy: 0, flux: 0)
      t.index = index
      t.skyBackground = [sky]
      t.noiseScale = scale
      values += sim.renderImage(for: t).map(Double.init)
    }
    let n = Double(values.count)
    let mean = values.reduce(0, +) / n
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
    let expected = scale * scale * (sky / gain + readNoise * readNoise)
    // Sampling s.d. of a variance estimate ≈ σ² sqrt(2/N) (+ a small excess-kurtosis term for low counts): 5σ.
    expectClose(variance, expected, rtol: 5 * (2 / n).squareRoot() + 0.01, "variance for sky \(sky), gain \(gain)")
    #expect(abs(mean) < 5 * (expected / n).squareRoot(), "sky-subtracted mean \(mean) should be 0")
    if readNoise == 0 && scale == 1 {
      // Pure Poisson/gain: values sit on the lattice k/gain − sky.
      #expect(values.allSatisfy { abs((($0 + sky) * gain).rounded() - ($0 + sky) * gain) < 1e-3 })
    }
  }

  @Test("foreground stars appear where the star density is positive")
  func stars() throws {
    var c = try noiseFreeSimulator(psf: true).config
    c.stars.density = 40
    c.stars.magnitude = .constant(18)
    let sim = try SkySimulator(config: c)
    var t = try controlledTruth(sim, disk: false, n: 4, rePixels: 2, q: 1, pa: 0, dx: 0, dy: 0, flux: 0)
    t.starCount = 3
    let image = sim.renderImage(for: t)
    let total = image.reduce(0.0) { $0 + Double($1) }
    let perStar = pow(10, -0.4 * (18 - c.observing.zeroPoint))
    #expect(total > 1.5 * perStar && total <= 3.0 * perStar * 1.0001, "3 stars of \(perStar) ADU gave \(total)")
    let drawn = try (0..<50).map { try sim.truth(for: $0).starCount }
    let mean = Double(drawn.reduce(0, +)) / 50
    let side: Double = 64 * 0.396 / 60
    let expected: Double = 40 * side * side
    #expect(abs(mean - expected) < 5 * (expected / 50).squareRoot(), "mean star count \(mean) vs \(expected)")
  }
}
