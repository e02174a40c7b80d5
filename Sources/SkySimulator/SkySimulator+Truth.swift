// galmorph — SkySimulator
//
// Drawing one galaxy's parameters (its truth record) from its own random stream.

import Foundation
import GalmorphSupport

extension SkySimulator {
  /// Stamp area in arcmin².
  var stampAreaArcmin2: Double {
    let side = Double(config.stampSize) * config.observing.pixelScale / 60
    return side * side
  }

  /// The parameters of galaxy `index`, drawn from `SeededGenerator(seed).stream(index).stream(0)` (positions,
  /// class, structure, photometry) and `.stream(2)` (star count). Cheap: no pixels are rendered.
  /// - Throws: `SkySimulatorError.invalidContextValue` if a context expression leaves its range here.
  public func truth(for index: Int) throws -> GalaxyTruth {
    precondition(index >= 0, "galaxy index must be ≥ 0")
    let c = config
    let streams = root.stream(UInt64(index))
    var g = streams.stream(0)
    let pos = c.footprint.position(index: index, using: &g)
    let gal = pos.galactic
    var pSpiral = c.spiralFraction
    if let d = c.dipole { pSpiral += d.amplitude * pos.cosAngle(to: d.axis) }
    pSpiral = min(1, max(0, pSpiral))
    let isSpiral = g.nextUnit() < pSpiral
    let magnitude = c.magnitude.sample(using: &g)
    let ctx = try contextValues(index: index, at: pos, l: gal.l, b: gal.b)
    let positionAngle = 180 * g.nextUnit()
    let jitter = c.observing.centreJitter
    let offX = jitter * (2 * g.nextUnit() - 1), offY = jitter * (2 * g.nextUnit() - 1)
    let refFlux = pow(10, -0.4 * (magnitude - c.observing.zeroPoint))
    let bandCount = c.bands.count
    func bandFluxes(_ ref: Double, _ colour: [Double], _ scatter: Double) -> [Double] {
      (0..<bandCount).map { k in
        let offset = k == c.referenceBand ? 0 : colour[k] + scatter * g.nextNormal()
        return ref * pow(10, -0.4 * (offset + c.bands[k].extinctionCoefficient * ctx.extinction))
      }
    }
    var t = GalaxyTruth(
      index: index, galaxyClass: isSpiral ? .spiral : .elliptical, label: isSpiral ? 1 : 0, ra: pos.ra, dec: pos.dec,
      l: gal.l, b: gal.b, pSpiral: pSpiral, magnitude: magnitude, flux: [], spheroidFlux: [], diskFlux: [],
      halfLightRadius: 0, sersicIndex: 0, spheroidHalfLightRadius: 0, spheroidAxisRatio: 1, bulgeToTotal: 1,
      positionAngle: positionAngle, centreOffsetX: offX, centreOffsetY: offY, psfFWHM: ctx.psfFWHM,
      psfBeta: c.observing.psfBeta, noiseScale: ctx.noiseScale, backgroundScale: ctx.backgroundScale,
      skyBackground: c.bands.map { $0.skyBackground * ctx.backgroundScale }, starDensity: ctx.starDensity,
      starCount: 0, extinction: ctx.extinction)
    if !isSpiral {
      let e = c.elliptical
      t.sersicIndex = e.sersicIndex.sample(using: &g)
      t.spheroidAxisRatio = e.axisRatio.sample(using: &g)
      t.spheroidHalfLightRadius = e.halfLightRadius.sample(using: &g)
      t.halfLightRadius = t.spheroidHalfLightRadius
      t.spheroidFlux = bandFluxes(refFlux, e.colour, e.colourScatter)
      t.diskFlux = [Double](repeating: 0, count: bandCount)
    } else {
      let s = c.spiral
      let rd = s.diskHalfLightRadius.sample(using: &g)
      let bt = s.bulgeToTotal.sample(using: &g)
      t.spheroidHalfLightRadius = rd * s.bulgeRadiusFraction.sample(using: &g)
      t.sersicIndex = s.bulgeSersicIndex.sample(using: &g)
      t.spheroidAxisRatio = s.bulgeAxisRatio.sample(using: &g)
      let cosI = s.cosInclination.sample(using: &g)
      let q0 = s.thickness.sample(using: &g)
      t.inclination = acos(min(1, max(0, cosI))) * 180 / .pi
      t.thickness = q0
      t.diskAxisRatio = (cosI * cosI + q0 * q0 * (1 - cosI * cosI)).squareRoot()
      t.diskHalfLightRadius = rd
      t.armAmplitude = s.armAmplitude.sample(using: &g)
      let pitch = s.pitchAngle.sample(using: &g)
      t.armPitch = g.nextUnit() < 0.5 ? pitch : -pitch
      t.armPhase = 180 * g.nextUnit()
      t.bulgeToTotal = bt
      t.spheroidFlux = bandFluxes(refFlux * bt, s.bulgeColour, s.colourScatter)
      t.diskFlux = bandFluxes(refFlux * (1 - bt), s.diskColour, s.colourScatter)
      t.halfLightRadius = SkySimulator.combinedHalfLight(
        bulge: SersicProfile(n: t.sersicIndex, halfLightRadius: t.spheroidHalfLightRadius), bulgeFraction: bt,
        disk: SersicProfile(n: 1, halfLightRadius: rd))
    }
    t.flux = zip(t.spheroidFlux, t.diskFlux).map { $0 + $1 }
    if ctx.starDensity > 0 {
      var gs = streams.stream(2)
      t.starCount = Int(PoissonSampler.sample(ctx.starDensity * stampAreaArcmin2, using: &gs))
    }
    return t
  }

  /// The radius R with f·P_bulge(<R) + (1 − f)·P_disk(<R) = 1/2 (bisection; components' own elliptical radii).
  static func combinedHalfLight(bulge: SersicProfile, bulgeFraction f: Double, disk: SersicProfile) -> Double {
    var lo = 0.0, hi = 20 * max(bulge.halfLightRadius, disk.halfLightRadius)
    for _ in 0..<60 {
      let mid = 0.5 * (lo + hi)
      let frac = f * bulge.enclosedFraction(within: mid) + (1 - f) * disk.enclosedFraction(within: mid)
      if frac < 0.5 { lo = mid } else { hi = mid }
    }
    return 0.5 * (lo + hi)
  }

  /// Evaluates the context knobs at a position and checks their ranges.
  func contextValues(index: Int, at pos: SkyPosition, l: Double, b: Double) throws -> ContextValues {
    let k = config.context, o = config.observing
    func value(
      _ e: SkyExpression?, _ name: String, _ fallback: Double, _ range: ClosedRange<Double>,
      _ expected: String
    ) throws -> Double {
      guard let e else { return fallback }
      let v = e.evaluate(ra: pos.ra, dec: pos.dec, l: l, b: b)
      guard v.isFinite, range.contains(v) else {
        throw SkySimulatorError.invalidContextValue(
          knob: name, expression: e.text, galaxy: index, ra: pos.ra,
          dec: pos.dec, value: v, expected: expected)
      }
      return v
    }
    return ContextValues(
      psfFWHM: try value(k.psfFWHM, "psfFWHM", o.psfFWHM, 1e-3...20, "a FWHM in (0, 20] arcsec"),
      noiseScale: try value(k.noiseScale, "noiseScale", o.noiseScale, 0...1e6, "≥ 0"),
      backgroundScale: try value(k.backgroundScale, "backgroundScale", 1, 0...1e6, "≥ 0"),
      starDensity: try value(k.starDensity, "starDensity", config.stars.density, 0...1000, "0...1000 per arcmin²"),
      extinction: try value(k.extinction, "extinction", 0, 0...10, "E(B−V) in [0, 10] mag"))
  }
}
