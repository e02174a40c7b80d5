// galmorph — SkySimulatorTests
//
// A simulated stack opened with its recorded simulator: stamps rendered again without their galaxies (the context
// probe's truth), and a stack the recorded simulation does not reproduce refused.

import Foundation
import GalmorphSupport
import HDF5IO
import SkySimulator
import Testing
import _GalmorphTestSupport

@Suite("Simulated stacks: the simulator's truth behind every stamp")
struct SimulatedStackTests {
  static func write(_ config: SimulationConfig, to folder: URL) throws -> URL {
    try SimulationWriter(simulator: SkySimulator(config: config), outDir: folder, provenance: Provenance(seed: 1))
      .write(batchSize: 8, progress: ProgressReporter(label: "simulate", total: config.count, style: .silent))
    return folder.appendingPathComponent("cutouts.h5")
  }

  static func open(_ url: URL) throws -> (HDF5File, ImageStackFile) {
    let file = try HDF5File(url: url)
    return (file, try ImageStackFile(file: file))
  }

  /// Without noise and stars the background stamp is exactly zero (sky subtracted) where the stored stamp holds the
  /// galaxy; with stars, the stars stay.
  @Test func backgroundStampsHoldNoGalaxy() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    var quiet = SimulationPreset.null.config(count: 6, seed: 4)
    quiet.observing.addNoise = false
    let (file, stack) = try Self.open(Self.write(quiet, to: tmp.file("quiet")))
    defer { file.close() }
    let sim = try #require(try SimulatedStack(stack: stack, path: "quiet"))
    #expect(sim.indices == Array(0..<6))
    let (h, w, c) = sim.simulator.imageShape
    for p in 0..<6 {
      let stored = try stack.images.batch(rows: p..<(p + 1))
      #expect(stored[((h / 2) * w + w / 2) * c] > 1, "row \(p) has its galaxy")
      #expect(try sim.backgroundStamp(position: p).allSatisfy { $0 == 0 }, "row \(p)")
    }

    var starry = SimulationPreset.contextDec.config(count: 40, seed: 4)
    starry.observing.addNoise = false
    let (f2, s2) = try Self.open(Self.write(starry, to: tmp.file("starry")))
    defer { f2.close() }
    let sim2 = try #require(try SimulatedStack(stack: s2, path: "starry"))
    let counts: [Int64] = try s2.column("star_count").read()
    for p in 0..<40 {
      let bright = try sim2.backgroundStamp(position: p).contains { $0 > 1 }
      #expect(bright == (counts[p] > 0), "row \(p): \(counts[p]) stars")
    }
  }

  /// Without noise a stamp is the sum of its galaxy alone and its galaxy-free stamp (stars and sky), pixel by pixel,
  /// to float rounding; the noise σ is 0 then, and noiseScale·√(sky/gain + readNoise²) with noise.
  @Test func stampsAreGalaxyPlusBackground() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    var starry = SimulationPreset.contextDec.config(count: 12, seed: 8)
    starry.observing.addNoise = false
    let (file, stack) = try Self.open(Self.write(starry, to: tmp.file("starry")))
    defer { file.close() }
    let sim = try #require(try SimulatedStack(stack: stack, path: "starry"))
    for p in 0..<12 {
      let stored = try stack.images.batch(rows: p..<(p + 1))
      let galaxy = try sim.galaxyModel(position: p), background = try sim.backgroundStamp(position: p)
      let worst = zip(stored, zip(galaxy, background)).map { abs(Double($0) - Double($1.0) - Double($1.1)) }.max()!
      #expect(worst <= 1e-4 * Double(stored.max()!), "row \(p): \(worst)")
      #expect(galaxy.allSatisfy { $0 >= 0 } && galaxy.reduce(0, +) > 0)
      #expect(try sim.noiseSigma(position: p).allSatisfy { $0 == 0 })
    }
    let noisy = try SimulatedStack(
      stack: Self.open(Self.write(SimulationPreset.null.config(count: 2, seed: 8), to: tmp.file("noisy"))).1,
      path: "noisy")
    let t = try noisy!.simulator.truth(for: 1), o = noisy!.simulator.config.observing
    #expect(
      try noisy!.noiseSigma(position: 1)
        == t.skyBackground.map { t.noiseScale * ($0 / o.gain + o.readNoise * o.readNoise).squareRoot() })
  }

  /// With noise: every background stamp is sky noise of mean 0 and variance noiseScale²·(sky/gain + readNoise²)
  /// (ObservingModel), pooled over 8 stamps of 64×64×3 pixels: within 4 standard errors.
  @Test func backgroundStampsAreSkyNoise() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let config = SimulationPreset.null.config(count: 8, seed: 2)
    let (file, stack) = try Self.open(Self.write(config, to: tmp.file("sim")))
    defer { file.close() }
    let sim = try #require(try SimulatedStack(stack: stack, path: "sim"))
    let (_, _, c) = sim.simulator.imageShape
    for k in 0..<c {
      var v: [Double] = []
      for p in 0..<8 {
        let stamp = try sim.backgroundStamp(position: p)
        v += stride(from: k, to: stamp.count, by: c).map { Double(stamp[$0]) }
      }
      let sky = try sim.simulator.truth(for: 0).skyBackground[k]
      let o = config.observing
      let variance = sky / o.gain + o.readNoise * o.readNoise
      let mean = v.reduce(0, +) / Double(v.count)
      let s2 = v.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(v.count - 1)
      let n = Double(v.count)
      #expect(abs(mean) < 4 * (variance / n).squareRoot(), "band \(k): mean \(mean)")
      #expect(abs(s2 - variance) < 4 * variance * (2 / n).squareRoot(), "band \(k): variance \(s2) vs \(variance)")
    }
  }

  /// A stack without the `simulation` attribute is not a simulated stack; one whose images the recorded simulation
  /// does not reproduce is refused, naming the file and the dataset.
  @Test func foreignStacksAreRecognised() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let a = try Self.write(SimulationPreset.null.config(count: 4, seed: 1), to: tmp.file("a"))
    let b = try Self.write(SimulationPreset.null.config(count: 4, seed: 2), to: tmp.file("b"))
    let fa = try HDF5File(url: a)
    let text = try fa.attributes.string("simulation")
    fa.close()
    // b's images under a's recorded simulation
    let rw = try HDF5File(url: b, mode: .readWrite)
    try rw.attributes.write("simulation", string: text)
    rw.close()
    let (fb, sb) = try Self.open(b)
    defer { fb.close() }
    do {
      _ = try SimulatedStack(stack: sb, path: b.path)
      Issue.record("a stack the recorded simulation does not reproduce was accepted")
    } catch {
      #expect("\(error)".contains(b.path) && "\(error)".contains("/images") && "\(error)".contains("row 0"), "\(error)")
    }
    let plain = tmp.file("plain.h5")
    try HDF5File.create(at: plain) { h5 in
      let d = try h5.createDataset("images", shape: [1, 4, 4, 3], of: Float.self)
      try d.write([Float](repeating: 0, count: 48))
    }
    let (fp, sp) = try Self.open(plain)
    defer { fp.close() }
    #expect(try SimulatedStack(stack: sp, path: plain.path) == nil)
  }
}
