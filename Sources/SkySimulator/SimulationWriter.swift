// galmorph — SkySimulator
//
// Streams a simulated survey to CSV, a FITS table, an HDF5 image stack (``ImageStackSchema``: float32 `images` of
// physical values, int64 `label`, `ra`, `dec` and the other truth columns as extras) and optional FITS cutouts, all
// atomically.

import CatalogIO
import FITSIO
import Foundation
import GalmorphSupport
import HDF5IO

/// Writes a simulation batch by batch into `outDir`: `catalog.csv`, `catalog.fits` (HDU `TRUTH`, units in TUNITn),
/// `cutouts.h5` and `simulation.json` (configuration and provenance), with `fitsCutouts` also `cutouts/NNNNNNN.fits`;
/// every file appears under its final name only when the whole survey is done. Memory is bounded by the batch size.
///
/// ```swift
/// let simulator = try SkySimulator(config: SimulationPreset(name: "context-dec").config(count: 1000, seed: 1))
/// try SimulationWriter(simulator: simulator, outDir: URL(fileURLWithPath: "sim"), provenance: Provenance(seed: 1))
///   .write(batchSize: 512, progress: ProgressReporter(label: "simulate", total: 1000, unit: "galaxies"))
/// ```
public struct SimulationWriter {
  public let simulator: SkySimulator
  public let outDir: URL
  public let provenance: Provenance
  public let fitsCutouts: Bool

  public init(simulator: SkySimulator, outDir: URL, provenance: Provenance, fitsCutouts: Bool = false) {
    self.simulator = simulator; self.outDir = outDir; self.provenance = provenance; self.fitsCutouts = fitsCutouts
  }

  /// Units of the truth columns (FITS TUNITn): angles in degrees, sizes in pixels, PSF FWHM in arcsec.
  public static let units: [String: String] = [
    "ra": "deg", "dec": "deg", "l": "deg", "b": "deg", "half_light_radius": "pix", "spheroid_half_light_radius": "pix",
    "disk_half_light_radius": "pix", "inclination": "deg", "arm_pitch": "deg", "arm_phase": "deg",
    "position_angle": "deg", "centre_offset_x": "pix", "centre_offset_y": "pix", "psf_fwhm": "arcsec",
    "magnitude": "mag", "extinction": "mag",
  ]

  /// Renders and writes the whole survey, `batchSize` galaxies at a time, advancing `progress` per batch.
  public func write(batchSize: Int, progress: ProgressReporter) throws {
    let cfg = simulator.config
    let bands = cfg.bands.map(\.name)
    let names = GalaxyTruth.columnNames(bands: bands)
    let (h, w, c) = simulator.imageShape
    let first = try simulator.truth(for: 0).columns()
    let specs: [FITSColumnSpec] = zip(names, first).map { name, v in
      switch v {
      case .int: return FITSColumnSpec(name, .int64, unit: Self.units[name] ?? "")
      case .double: return FITSColumnSpec(name, .float64, unit: Self.units[name] ?? "")
      case .string: return FITSColumnSpec(name, .string(width: 12), unit: "")
      }
    }
    let fits = try FITSWriter(url: outDir.appendingPathComponent("catalog.fits"))
    var cards = FITSCard.provenance(provenance)
    cards.append(FITSCard("SIMSEED", Int(truncatingIfNeeded: cfg.seed), comment: "simulation seed"))
    try fits.beginTable(columns: specs, extname: "TRUTH", cards: cards)
    let cutoutDir = outDir.appendingPathComponent("cutouts")
    if fitsCutouts { try OutputLocation.prepareFolder(cutoutDir) }

    try HDF5File.create(at: outDir.appendingPathComponent("cutouts.h5")) { h5 in
      let images = try h5.createDataset(
        ImageStackSchema.images, shape: [0, h, w, c], of: Float.self,
        options: HDF5DatasetOptions(
          chunks: [16, h, w, c], gzipLevel: 4, shuffle: true,
          unlimitedRows: true))
      try images.attributes.write(
        "layout", string: "NHWC; row 0 = south edge, column 0 = east edge; ADU, sky subtracted")
      try images.attributes.write("bands", string: bands.joined(separator: ","))
      try ImageStackSchema.mark(images, as: .physical)
      var columnSets: [HDF5Dataset?] = []
      for (name, v) in zip(names, first) {
        let opts = HDF5DatasetOptions(chunks: [4096], gzipLevel: 4, shuffle: true, unlimitedRows: true)
        switch v {
        case .int: columnSets.append(try h5.createDataset(name, shape: [0], of: Int64.self, options: opts))
        case .double: columnSets.append(try h5.createDataset(name, shape: [0], of: Double.self, options: opts))
        case .string: columnSets.append(nil)  // the class name; its code is the `label` column
        }
      }
      // The truth columns `label` (1 = spiral), `ra` and `dec` are the stack's own datasets (``ImageStackSchema``).
      for name in [ImageStackSchema.label, ImageStackSchema.ra, ImageStackSchema.dec] {
        precondition(names.contains(name), "SimulationWriter: the truth columns lack '\(name)'")
      }
      if let k = names.firstIndex(of: ImageStackSchema.label), let label = columnSets[k] {
        try ImageStackSchema.markLabelEncoding(label)
      }
      try h5.attributes.write("provenance", string: String(decoding: try provenance.jsonData(), as: UTF8.self))
      try h5.attributes.write(
        "simulation", string: String(decoding: try JSONCoding.encoder().encode(cfg), as: UTF8.self))

      try CSVWriter.write(to: outDir.appendingPathComponent("catalog.csv"), header: names) { sink in
        try simulator.simulate(batchSize: batchSize) { batch in
          try Interruption.check(resume: "run the same command again to simulate the survey (it is deterministic)")
          let rows = batch.startIndex..<(batch.startIndex + batch.count)
          try images.write(rows: rows, values: batch.images)
          let table = batch.truths.map { $0.columns() }
          for row in table { try sink.append(row.map(\.text)) }
          var fitsChunk: [FITSColumnValues] = []
          for (k, v) in first.enumerated() {
            switch v {
            case .int:
              let col = table.map {
                if case let .int(i) = $0[k] { return Int64(i) }; return 0
              }
              try columnSets[k]?.write(rows: rows, values: col)
              fitsChunk.append(.integer(col))
            case .double:
              let col = table.map {
                if case let .double(d) = $0[k] { return d }; return .nan
              }
              try columnSets[k]?.write(rows: rows, values: col)
              fitsChunk.append(.double(col))
            case .string:
              let col = table.map { $0[k].text }
              fitsChunk.append(.string(col))
            }
          }
          try fits.appendRows(fitsChunk)
          if fitsCutouts { try writeCutouts(batch, to: cutoutDir) }
          progress.advance(by: batch.count)
        }
      }
    }
    try fits.commit()
    var record: [String: Any] = [:]
    record["provenance"] = try JSONSerialization.jsonObject(with: provenance.jsonData())
    record["config"] = try JSONSerialization.jsonObject(with: JSONCoding.encoder().encode(cfg))
    let data = try JSONSerialization.data(withJSONObject: record, options: [.prettyPrinted, .sortedKeys])
    try AtomicFile.write(data, to: outDir.appendingPathComponent("simulation.json"))
  }

  /// One FITS cube per galaxy: NAXIS1 = x, NAXIS2 = y, NAXIS3 = band (the HWC image transposed to CHW).
  func writeCutouts(_ batch: SimulatedBatch, to dir: URL) throws {
    let (h, w, c) = (batch.height, batch.width, batch.channels)
    for n in 0..<batch.count {
      let src = batch.image(n)
      var cube = [Float](repeating: 0, count: h * w * c)
      let base = src.startIndex
      for y in 0..<h {
        for x in 0..<w { for b in 0..<c { cube[(b * h + y) * w + x] = src[base + (y * w + x) * c + b] } }
      }
      let t = batch.truths[n]
      let cards = [
        FITSCard("RA", t.ra, comment: "deg"), FITSCard("DEC", t.dec, comment: "deg"),
        FITSCard("CLASS", t.galaxyClass.rawValue),
        FITSCard("BANDS", simulator.config.bands.map(\.name).joined(separator: ",")),
      ]
      try FITSWriter.writeImage(
        FITSImage(shape: [w, h, c], pixels: cube), cards: cards,
        to: dir.appendingPathComponent(String(format: "%07d.fits", t.index)))
    }
  }
}
