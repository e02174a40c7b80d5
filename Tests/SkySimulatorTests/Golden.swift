// galmorph — SkySimulatorTests
//
// The golden file written by Reference/gen_sim_golden.py, and helpers to render single, controlled galaxies.

import Foundation
import GalmorphSupport
import SkySimulator
import _GalmorphTestSupport

struct SimGolden: Decodable {
  struct Sersic: Decodable { let n, b: Double; let x, enclosed: [Double] }
  struct Pixels: Decodable {
    let n, re_px, q, pa, dx, dy, total: Double
    let pixels: [[Int]]
    let values: [Double]
  }
  struct StampFlux: Decodable { let n, re_px, q, pa, dx, dy, total, in_stamp: Double }
  struct Moffat: Decodable { let fwhm, beta, astropy_fwhm, gamma: Double; let radius: Int; let grid: [Double] }
  struct Expression: Decodable { let expression: String; let ra, dec, l, b, value: Double }
  struct Galactic: Decodable { let ra, dec, l, b: Double }
  let generator: String
  let sersic: [Sersic]
  let sersic_pixels: Pixels
  let disk_pixels: Pixels
  let stamp_flux: [StampFlux]
  let moffat: [Moffat]
  let expressions: [Expression]
  let galactic: [Galactic]

  static func load() throws -> SimGolden { try Reference.json(SimGolden.self, "sim_golden.json") }
}

/// A one-band simulator with no noise, no PSF, no jitter, no sky: images are the pixel-integrated profile.
func noiseFreeSimulator(stamp: Int = 64, psf: Bool = false, pixelScale: Double = 0.396) throws -> SkySimulator {
  var c = SimulationConfig()
  c.count = 1
  c.stampSize = stamp
  c.bands = [BandSpec(name: "r", extinctionCoefficient: 2.285, skyBackground: 0)]
  c.referenceBand = 0
  c.elliptical.colour = [0]
  c.spiral.bulgeColour = [0]
  c.spiral.diskColour = [0]
  c.stars.colour = [.constant(0)]
  c.observing.addNoise = false
  c.observing.applyPSF = psf
  c.observing.centreJitter = 0
  c.observing.pixelScale = pixelScale
  return try SkySimulator(config: c)
}

/// A truth record for a single Sérsic spheroid (elliptical) or a bare exponential disk, sizes in pixels.
func controlledTruth(
  _ sim: SkySimulator, disk: Bool, n: Double, rePixels: Double, q: Double, pa: Double,
  dx: Double, dy: Double, flux: Double
) throws -> GalaxyTruth {
  var t = try sim.truth(for: 0)
  let scale = sim.config.observing.pixelScale
  t.positionAngle = pa
  t.centreOffsetX = dx
  t.centreOffsetY = dy
  t.starCount = 0
  t.skyBackground = [0]
  if disk {
    t.galaxyClass = .spiral
    t.sersicIndex = 2
    t.spheroidHalfLightRadius = 0.5 * rePixels * scale
    t.spheroidAxisRatio = 1
    t.spheroidFlux = [0]
    t.diskFlux = [flux]
    t.diskHalfLightRadius = rePixels * scale
    t.diskAxisRatio = q
    t.armAmplitude = 0
    t.armPitch = 20
    t.armPhase = 0
  } else {
    t.galaxyClass = .elliptical
    t.sersicIndex = n
    t.spheroidHalfLightRadius = rePixels * scale
    t.spheroidAxisRatio = q
    t.spheroidFlux = [flux]
    t.diskFlux = [0]
    t.diskHalfLightRadius = nil
    t.diskAxisRatio = nil
    t.armAmplitude = nil
  }
  t.flux = [flux]
  return t
}
