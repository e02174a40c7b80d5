// galmorph — SkySimulatorTests
//
// Determinism, the planted dipole, footprints, presets and configuration errors.

import Foundation
import GalmorphSupport
import SkySimulator
import Testing
import _GalmorphTestSupport

@Suite("Survey-level behaviour")
struct SurveyTests {
  static func smallConfig(seed: UInt64 = 11, preset: SimulationPreset = .contextDec) -> SimulationConfig {
    var c = preset.config(count: 6, seed: seed)
    c.stampSize = 32
    c.stars.density = 5
    return c
  }

  @Test("same seed → identical images and truths, whatever the threads and batch split; other seeds differ")
  func determinism() throws {
    let sim = try SkySimulator(config: SurveyTests.smallConfig())
    let whole = try sim.simulateBatch(0..<6, threads: 1)
    let a = try sim.simulateBatch(0..<2, threads: 2), b = try sim.simulateBatch(2..<6, threads: 3)
    #expect(whole.images == a.images + b.images)
    #expect(whole.truths == a.truths + b.truths)
    #expect(whole.images.count == 6 * 32 * 32 * 3)
    var streamed: [Float] = []
    try sim.simulate(batchSize: 4, threads: 2) { streamed += $0.images }
    #expect(streamed == whole.images)
    let again = try SkySimulator(config: SurveyTests.smallConfig()).simulateBatch(0..<6)
    #expect(again.images == whole.images)
    let other = try SkySimulator(config: SurveyTests.smallConfig(seed: 12)).simulateBatch(0..<6)
    #expect(other.images != whole.images)
    #expect(other.truths.map(\.ra) != whole.truths.map(\.ra))
    let single = try sim.galaxy(3)
    #expect(Array(whole.image(3)) == single.image)
    #expect(single.truth == whole.truths[3])
  }

  /// Spiral counts in the hemisphere around `axis` and the opposite one.
  static func hemispheres(_ truths: [GalaxyTruth], axis: SkyPosition) -> (near: (Int, Int), far: (Int, Int)) {
    var near = (0, 0), far = (0, 0)
    let a = GalacticFrameProbe.unit(axis.ra, axis.dec)
    for t in truths {
      let u = GalacticFrameProbe.unit(t.ra, t.dec)
      let spiral = t.galaxyClass == .spiral ? 1 : 0
      if (a * u).sum() > 0 { near.0 += spiral; near.1 += 1 } else { far.0 += spiral; far.1 += 1 }
    }
    return (near, far)
  }

  @Test(
    "a planted dipole P(spiral) = f₀ + A cos θ gives hemisphere fractions f₀ ± A/2 (binomial 4σ)",
    arguments: [0.3, 0.0])
  func dipole(amplitude: Double) throws {
    var c = SimulationConfig()
    c.count = 4000
    c.seed = 99
    c.spiralFraction = 0.5
    let axis = SkyPosition(ra: 100, dec: 30)
    c.dipole = MorphologyDipole(amplitude: amplitude, axis: axis)
    let sim = try SkySimulator(config: c)
    let truths = try (0..<c.count).map { try sim.truth(for: $0) }
    let h = SurveyTests.hemispheres(truths, axis: axis)
    for (counts, expected) in [(h.near, 0.5 + amplitude / 2), (h.far, 0.5 - amplitude / 2)] {
      let f = Double(counts.0) / Double(counts.1)
      let sigma = (expected * (1 - expected) / Double(counts.1)).squareRoot()
      #expect(abs(f - expected) < 4 * sigma, "spiral fraction \(f) vs \(expected) ± \(sigma) (n = \(counts.1))")
    }
    let cosTheta = truths.map { ($0.pSpiral - 0.5) }
    if amplitude == 0 { #expect(cosTheta.allSatisfy { $0 == 0 }) }
  }

  @Test("footprints: bands stay inside their limits, full sky is uniform, listed positions are used in order")
  func footprints() throws {
    var c = SimulationConfig()
    c.count = 2000
    c.footprint = .declinationBand(minDec: -10, maxDec: 20)
    let decs = try (0..<300).map { try SkySimulator(config: c).truth(for: $0).dec }
    #expect(decs.allSatisfy { $0 >= -10 && $0 <= 20 })
    c.footprint = .absoluteGalacticLatitudeBand(minAbsB: 30, maxAbsB: 90)
    let bs = try (0..<300).map { try SkySimulator(config: c).truth(for: $0).b }
    #expect(bs.allSatisfy { abs($0) >= 30 - 1e-9 })
    #expect(bs.contains { $0 > 0 } && bs.contains { $0 < 0 })
    c.footprint = .fullSky
    let sim = try SkySimulator(config: c)
    let z = try (0..<2000).map { sin(try sim.truth(for: $0).dec * .pi / 180) }
    // Uniform on the sphere: sin(dec) ~ U(−1, 1), mean 0 with s.d. sqrt(1/3 / N).
    let meanZ: Double = z.reduce(0, +) / 2000, sdZ: Double = (1.0 / 3 / 2000).squareRoot()
    #expect(abs(meanZ) < 4 * sdZ)
    let list = [SkyPosition(ra: 10, dec: -5), SkyPosition(ra: -20, dec: 45)]
    c.footprint = .positions(list)
    let listed = try SkySimulator(config: c)
    #expect(try listed.truth(for: 0).ra == 10 && listed.truth(for: 3).dec == 45 && listed.truth(for: 1).ra == 340)
    c.footprint = .positions([SkyPosition(ra: 1, dec: 2), SkyPosition(ra: 3, dec: 100)])
    #expect(throws: SkySimulatorError.invalidPositions(row: 1, reason: "ra 3.0, dec 100.0 is not a sky position")) {
      try SkySimulator(config: c)
    }
  }

  @Test(
    "presets: context-dec worsens seeing and crowds the south with stars; context-galactic reddens and crowds low |b|")
  func presets() throws {
    #expect(try SimulationPreset(name: "context-dec") == .contextDec)
    #expect(throws: SkySimulatorError.self) { try SimulationPreset(name: "nope") }
    let dec = try SkySimulator(config: SimulationPreset.contextDec.config(count: 200))
    for t in try (0..<200).map({ try dec.truth(for: $0) }) {
      #expect(abs(t.psfFWHM - (t.dec < 0 ? 1.6 : 1.2)) < 1e-12 && t.noiseScale == 1)
      #expect(abs(t.starDensity - (t.dec < 0 ? 12.5 : 0.5)) < 1e-12)
      #expect(t.extinction == 0 && t.pSpiral == 0.5)
    }
    // Poisson(density × stamp area): 25.3″ stamps are 0.178 arcmin², so ≈ 2.2 stars per southern stamp, 0.09 north.
    let decTruths = try (0..<200).map { try dec.truth(for: $0) }
    let south = decTruths.filter { $0.dec < 0 }.map { Double($0.starCount) }
    let north = decTruths.filter { $0.dec >= 0 }.map { Double($0.starCount) }
    let meanSouth = south.reduce(0, +) / Double(south.count), meanNorth = north.reduce(0, +) / Double(north.count)
    #expect(abs(meanSouth - 12.5 * 0.178) < 4 * (12.5 * 0.178 / Double(south.count)).squareRoot(), "south \(meanSouth)")
    #expect(meanNorth < 0.3, "north \(meanNorth)")
    let gal = try SkySimulator(config: SimulationPreset.contextGalactic.config(count: 400))
    let truths = try (0..<400).map { try gal.truth(for: $0) }
    let low = truths.filter { abs($0.b) < 10 }, high = truths.filter { abs($0.b) > 45 }
    #expect(!low.isEmpty && !high.isEmpty)
    #expect(low.map(\.extinction).min() ?? 0 > high.map(\.extinction).max() ?? 1)
    #expect(low.map(\.starDensity).min() ?? 0 > high.map(\.starDensity).max() ?? 1)
    // Reddening: g is dimmed more than i. Against the 0.15-mag colour scatter, compare medians: E(B−V) > 0.2 dims
    // g/i by 10^(−0.4 (3.303 − 1.698) E) < 0.74 relative to galaxies with E(B−V) < 0.03.
    func median(_ x: [Double]) -> Double { let s = x.sorted(); return s.isEmpty ? .nan : s[s.count / 2] }
    let red = truths.filter { $0.extinction > 0.2 }.map { $0.flux[0] / $0.flux[2] }
    let clear = truths.filter { $0.extinction < 0.03 }.map { $0.flux[0] / $0.flux[2] }
    #expect(red.count > 20 && clear.count > 20)
    #expect(median(red) < 0.85 * median(clear), "g/i median \(median(red)) reddened vs \(median(clear)) clear")
    let null = SimulationPreset.null.config()
    #expect(null.context.isEmpty && null.dipole == nil)
    #expect(SimulationPreset.trueDipole.config().dipole?.amplitude == 0.25)
    #expect(SimulationPreset.trueDipole.config().context.isEmpty)
  }

  @Test("configurations round-trip through JSON; invalid values are named in the error")
  func configErrors() throws {
    let c = SimulationPreset.contextGalactic.config(count: 10, seed: 3)
    let data = try JSONCoding.encoder().encode(c)
    #expect(try JSONCoding.decoder().decode(SimulationConfig.self, from: data) == c)
    var bad = c
    bad.observing.gain = 0
    #expect(
      throws: SkySimulatorError.invalidParameter(
        name: "observing.gain", value: "0.0", expected: "> 0 electrons per ADU")
    ) {
      try SkySimulator(config: bad)
    }
    bad = c
    bad.elliptical.colour = [0, 0]
    #expect(throws: SkySimulatorError.self) { try SkySimulator(config: bad) }
    bad = c
    bad.dipole = MorphologyDipole(amplitude: 0.7)
    #expect(throws: SkySimulatorError.self) { try SkySimulator(config: bad) }
    bad = c
    bad.context.psfFWHM = try SkyExpression("dec/10")
    let sim = try SkySimulator(config: bad)
    do {
      _ = try (0..<50).map { try sim.truth(for: $0) }
      Issue.record("a negative FWHM in the south should be rejected")
    } catch let e as SkySimulatorError {
      #expect(e.description.contains("psfFWHM") && e.description.contains("galaxy"))
    }
  }

  @Test("truth records are complete and physical")
  func truths() throws {
    let sim = try SkySimulator(config: SimulationPreset.null.config(count: 300))
    let truths = try (0..<300).map { try sim.truth(for: $0) }
    for t in truths {
      #expect(t.label == t.galaxyClass.label && t.flux.count == 3)
      #expect(abs(t.flux.reduce(0, +) - (t.spheroidFlux.reduce(0, +) + t.diskFlux.reduce(0, +))) < 1e-6 * t.flux[1])
      if t.galaxyClass == .elliptical {
        #expect(t.spheroidAxisRatio >= 0.6 && t.diskHalfLightRadius == nil && t.flux[0] / t.flux[1] < 1)
      } else {
        let i = try #require(t.inclination), q = try #require(t.diskAxisRatio), q0 = try #require(t.thickness)
        #expect(i >= 0 && i <= 90 && q >= q0 - 1e-12 && q <= 1)
        #expect(t.halfLightRadius > t.spheroidHalfLightRadius && t.halfLightRadius < 2 * (t.diskHalfLightRadius ?? 0))
      }
    }
    let json = try JSONCoding.encoder().encode(truths[0])
    let text = String(decoding: json, as: UTF8.self)
    #expect(text.contains("\"class\"") && text.contains("\"psf_fwhm\"") && text.contains("\"p_spiral\""))
    // Ellipticals are redder (g − r) than spiral disks on average.
    let gr = { (t: GalaxyTruth) in -2.5 * log10(t.flux[0] / t.flux[1]) }
    let e = truths.filter { $0.galaxyClass == .elliptical }.map(gr),
      s = truths.filter { $0.galaxyClass == .spiral }.map(gr)
    let meanE: Double = e.reduce(0, +) / Double(e.count), meanS: Double = s.reduce(0, +) / Double(s.count)
    #expect(meanE > meanS + 0.15)
  }
}

/// Unit vectors computed independently of the simulator's own code.
enum GalacticFrameProbe {
  static func unit(_ ra: Double, _ dec: Double) -> SIMD3<Double> {
    let a = ra * .pi / 180, d = dec * .pi / 180
    return SIMD3(cos(d) * cos(a), cos(d) * sin(a), sin(d))
  }
}

@Suite("Truth columns")
struct TruthColumnTests {
  @Test("flattened truth rows line up with their column names")
  func columns() throws {
    let sim = try SkySimulator(config: SimulationPreset.null.config(count: 20))
    let names = GalaxyTruth.columnNames(bands: sim.config.bands.map(\.name))
    #expect(names.contains("flux_g") && names.contains("sky_background_i") && Set(names).count == names.count)
    for i in 0..<20 {
      let t = try sim.truth(for: i)
      let row = t.columns()
      #expect(row.count == names.count)
      let lookup = Dictionary(uniqueKeysWithValues: zip(names, row))
      #expect(lookup["class"] == .string(t.galaxyClass.rawValue))
      #expect(lookup["flux_r"] == .double(t.flux[1]))
      #expect(lookup["star_count"] == .int(t.starCount))
      if t.galaxyClass == .elliptical { #expect(lookup["inclination"]?.text == "nan") }
    }
  }
}
