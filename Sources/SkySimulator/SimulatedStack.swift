// galmorph — SkySimulator
//
// An image stack written by `galmorph simulate`, with the simulator that made it: the truth behind every stamp.

import Foundation
import GalmorphSupport
import HDF5IO

/// A `cutouts.h5` of ``SimulationWriter`` opened with the simulator recorded in its `simulation` attribute, so that
/// any stamp can be rendered again — in particular without its galaxy (``backgroundStamp(position:)``): the same
/// sky level, foreground stars, seeing and noise level, with a fresh draw of the noise from the galaxy's own stream.
/// That is the exact "context only" version of a cutout, which a segmentation can only approximate (the wings of a
/// Sérsic n = 4 galaxy reach the stamp's edge below any detection threshold).
///
/// The stack's `index` dataset (the galaxy index of each row; the row number when absent) links rows to the
/// simulator. Opening renders the first row again and compares it with the stored pixels, so a stack made by
/// another version of the simulator is refused instead of being probed with the wrong truth.
public struct SimulatedStack: Sendable {
  public let simulator: SkySimulator
  /// Galaxy index (``GalaxyTruth/index``) of each stack row.
  public let indices: [Int]

  /// Reads the recorded simulation of `stack` (file `path`, for messages). Returns nil when the stack has no
  /// `simulation` attribute (it was not written by `galmorph simulate`).
  /// - Throws: `HDF5IOError.layout` naming the file when the attribute does not decode, the `index` dataset has the
  ///   wrong length, or the recorded simulation does not reproduce `images` row 0.
  public init?(stack: ImageStackFile, path: String) throws {
    guard stack.file.attributes.contains("simulation") else { return nil }
    let config: SimulationConfig
    do {
      config = try JSONCoding.decoder().decode(
        SimulationConfig.self, from: Data(try stack.file.attributes.string("simulation").utf8))
    } catch {
      throw HDF5IOError.layout(
        file: path, path: "/ (attribute simulation)", reason: "not a simulation config: \(error)")
    }
    simulator = try SkySimulator(config: config)
    if stack.has("index") {
      let v: [Int64] = try stack.column("index").read()
      guard v.count == stack.count else {
        throw HDF5IOError.layout(
          file: path, path: "/index", reason: "\(v.count) values for \(stack.count) images")
      }
      indices = v.map { Int($0) }
    } else {
      indices = Array(0..<stack.count)
    }
    guard stack.count > 0 else { return }
    let (h, w, c) = simulator.imageShape
    guard stack.images.height == h, stack.images.width == w, stack.images.channels == c else {
      throw HDF5IOError.layout(
        file: path, path: "/images",
        reason: "stamps are \(stack.images.height)×\(stack.images.width)×\(stack.images.channels), the recorded "
          + "simulation makes \(h)×\(w)×\(c)")
    }
    let stored = try stack.images.batch(rows: 0..<1)
    guard try simulator.galaxy(indices[0]).image == stored else {
      throw HDF5IOError.layout(
        file: path, path: "/images",
        reason: "row 0 is not what the recorded simulation renders (a stack from another galmorph version, or "
          + "edited after it was written); the simulator's truth cannot be used for it")
    }
  }

  /// Stamp of stack row `position` with its galaxy removed: the galaxy's spheroid and disk fluxes set to zero and
  /// everything else (sky, stars, seeing, noise scale, noise stream) as simulated; H × W × C values as stored.
  public func backgroundStamp(position: Int) throws -> [Float] {
    var t = try simulator.truth(for: indices[position])
    t.spheroidFlux = t.spheroidFlux.map { _ in 0 }
    t.diskFlux = t.diskFlux.map { _ in 0 }
    return simulator.renderImage(for: t)
  }
}

extension SimulatedStack {
  /// The noiseless image of the galaxy alone at stack row `position`: PSF-convolved, without stars, sky or noise,
  /// H × W × C in the stored units — the truth behind a footprint.
  public func galaxyModel(position: Int) throws -> [Float] {
    var quiet = simulator.config
    quiet.observing.addNoise = false
    quiet.observing.subtractBackground = true
    var t = try simulator.truth(for: indices[position])
    t.starCount = 0
    t.skyBackground = t.skyBackground.map { _ in 0 }
    return try SkySimulator(config: quiet).renderImage(for: t)
  }

  /// The sky noise of stack row `position` per band and stored pixel: σ_k = noiseScale·√(sky_k/gain + readNoise²)
  /// (``ObservingModel``), 0 when the simulation adds no noise.
  public func noiseSigma(position: Int) throws -> [Double] {
    let o = simulator.config.observing
    let t = try simulator.truth(for: indices[position])
    guard o.addNoise else { return t.skyBackground.map { _ in 0 } }
    return t.skyBackground.map { t.noiseScale * ($0 / o.gain + o.readNoise * o.readNoise).squareRoot() }
  }
}
