// galmorph — GalmorphCommands

import ArgumentParser
import CatalogIO
import Foundation
import GalmorphSupport
import SkySimulator

/// `galmorph simulate`: a simulated survey of galaxy cutouts with known morphology and planted, sky-dependent
/// observing context (see the SkySimulator module documentation for the model and its defaults).
struct SimulateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simulate",
    abstract: "Simulate galaxy cutouts (Sérsic ellipticals, bulge+disk+arm spirals) with sky-dependent context.",
    discussion: """
      Writes into --out: catalog.csv and catalog.fits (the truth: class, position, every context value), \
      cutouts.h5 (images [N, H, W, C] float32 plus the numeric truth columns as 1-D datasets, so the file is \
      itself a catalog; `label` is 1 for spirals), simulation.json (the full configuration and provenance), and with --fits-cutouts one FITS cube per \
      galaxy. Every file appears whole or not at all; Ctrl-C or SIGTERM stops after the current batch leaving \
      none of them (rerun to write them), a second process writing the same --out is refused, and a survey that \
      cannot fit on the disk stops before it starts. Deterministic under --seed: galaxy i depends only on (seed, i), not on threads or batch size.
      Context expressions use ra, dec, l, b in degrees, e.g. --psf-fwhm "1.2 + 0.6*(dec<0)".
      """
  )

  @Option(help: "Preset (README, \"Simulated skies\").")
  var preset: SimulationPreset = .null

  @Option(help: "A full SimulationConfig JSON (as written to simulation.json); replaces --preset.")
  var config: String?

  @Option(help: "Number of galaxies (default 1000, or the count of --config).")
  var count: Int?

  @Option(help: "Seed of the whole survey (default 1, or the seed of --config).")
  var seed: UInt64?

  @Option(
    help:
      "Footprint: full, dec:MIN,MAX, galactic-b:MIN,MAX, abs-galactic-b:MIN,MAX, or positions:FILE (a catalog with RA/Dec)."
  )
  var footprint: String?

  @Option(name: .customLong("psf-fwhm"), help: "PSF FWHM expression (arcsec), overriding the preset.")
  var psfFWHM: String?
  @Option(help: "Noise scale expression (multiplies the noise σ).")
  var noiseScale: String?
  @Option(help: "Sky background scale expression.")
  var backgroundScale: String?
  @Option(help: "Foreground star density expression (stars per stamp).")
  var starDensity: String?
  @Option(help: "Extinction expression (E(B−V), magnitudes).")
  var extinction: String?

  @Option(help: "Spiral-fraction dipole amplitude A (P(spiral) = f0 + A cos θ).")
  var dipoleAmplitude: Double?
  @Option(help: "Dipole axis RA,DEC in degrees.")
  var dipoleAxis: String?

  @Option(help: "Output folder.")
  var out: String

  @Flag(help: "Also write one FITS cube per galaxy into OUT/cutouts/.")
  var fitsCutouts = false

  @Option(help: "Galaxies rendered per batch (memory is bounded by this).")
  var batchSize: Int = 512

  func validate() throws {
    if let count, count <= 0 { throw ValidationError("--count must be positive") }
    guard batchSize > 0 else { throw ValidationError("--batch-size must be positive") }
    if dipoleAxis != nil && dipoleAmplitude == nil { throw ValidationError("--dipole-axis needs --dipole-amplitude") }
  }

  func run() throws {
    let cfg = try buildConfig()
    let simulator = try SkySimulator(config: cfg)
    let outDir = URL(fileURLWithPath: out)
    let created = try OutputLocation.prepareFolder(outDir)
    defer { OutputLocation.removeIfEmpty(created) }  // after the lock is released: a refused run leaves no folder
    let lock = try OutputLock.folder(outDir)
    defer { lock.release() }
    Interruption.install()
    var provenance = Provenance(seed: cfg.seed)
    provenance.extra["preset"] = config == nil ? preset.rawValue : "custom"
    if case .positions = cfg.footprint, let fp = footprint, fp.hasPrefix("positions:") {
      try provenance.addInputs([URL(fileURLWithPath: String(fp.dropFirst("positions:".count)))])
    }
    let progress = ProgressReporter(label: "simulate", total: cfg.count, unit: "galaxies")
    // Every file is written into a staging folder inside --out and moved into place together at the end, so a run
    // that fails or is stopped part-way leaves none of them (and an earlier survey in --out stays whole).
    let staging = try OutputStaging(directory: outDir)
    let needed = Self.spaceNeeded(simulator: simulator, fitsCutouts: fitsCutouts)
    try DiskSpace.reserving(needed, at: outDir, for: "\(cfg.count) simulated galaxies") {
      try SimulationWriter(
        simulator: simulator, outDir: staging.staging, provenance: provenance, fitsCutouts: fitsCutouts
      )
      .write(batchSize: batchSize, progress: progress)
      for name in ["catalog.csv", "catalog.fits", "cutouts.h5", "simulation.json"] + (fitsCutouts ? ["cutouts"] : []) {
        _ = staging.url(name)
      }
      try staging.commit()
    }
    progress.finish()
    print(
      "wrote \(cfg.count) galaxies to \(outDir.path): catalog.csv, catalog.fits, cutouts.h5, simulation.json"
        + (fitsCutouts ? ", cutouts/" : ""))
  }

  /// An estimate of what a survey writes: the float32 stamps at most uncompressed (sky noise barely compresses),
  /// 1 kB of truth per galaxy in each of catalog.csv, catalog.fits and cutouts.h5, and with --fits-cutouts a FITS
  /// file per galaxy (the stamp plus a 2880-byte header block, rounded up to 2880-byte blocks).
  static func spaceNeeded(simulator: SkySimulator, fitsCutouts: Bool) -> Int64 {
    let (h, w, c) = simulator.imageShape
    let stamp = Int64(h * w * c * 4)
    let perGalaxy = stamp + 3 * 1024 + (fitsCutouts ? 2880 + (stamp + 2879) / 2880 * 2880 : 0)
    return Int64(simulator.config.count) * perGalaxy
  }

  func buildConfig() throws -> SimulationConfig {
    var cfg: SimulationConfig
    if let config {
      let url = URL(fileURLWithPath: config)
      guard let data = try? Data(contentsOf: url) else { throw CommandError.input(path: config, reason: "cannot read") }
      do { cfg = try JSONCoding.decoder().decode(SimulationConfig.self, from: data) } catch {
        throw CommandError.input(path: config, reason: "not a simulation configuration: \(error)")
      }
    } else {
      cfg = preset.config(count: count ?? 1000, seed: seed ?? 1)
    }
    if let count { cfg.count = count }
    if let seed { cfg.seed = seed }
    if let footprint {
      do { cfg.footprint = try Footprint(parsing: footprint) } catch let e as SkySimulatorError {
        throw ValidationError("--footprint: \(e)")
      }
    }
    if let e = psfFWHM { cfg.context.psfFWHM = try SkyExpression(e, knob: "psf-fwhm") }
    if let e = noiseScale { cfg.context.noiseScale = try SkyExpression(e, knob: "noise-scale") }
    if let e = backgroundScale { cfg.context.backgroundScale = try SkyExpression(e, knob: "background-scale") }
    if let e = starDensity { cfg.context.starDensity = try SkyExpression(e, knob: "star-density") }
    if let e = extinction { cfg.context.extinction = try SkyExpression(e, knob: "extinction") }
    if let a = dipoleAmplitude {
      var dipole = MorphologyDipole(amplitude: a)
      if let axis = dipoleAxis {
        let parts = axis.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2 else { throw ValidationError("--dipole-axis takes RA,DEC in degrees, got '\(axis)'") }
        dipole.axis = SkyPosition(ra: parts[0], dec: parts[1])
      }
      cfg.dipole = dipole
    }
    try cfg.validate()
    return cfg
  }
}
