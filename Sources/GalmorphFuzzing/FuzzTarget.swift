// galmorph — GalmorphFuzzing
//
// Every reader that takes a user's file, as a fuzz target: bytes in, a value or a thrown error out, never a crash.

import CatalogIO
import FITSIO
import Foundation
import GalmorphSupport
import HDF5IO
import ImageCodecs
import MorphologyClassifier
import Reports
import SkySimulator

/// A reader of user files driven by arbitrary bytes (`make fuzz`, libFuzzer through `GalmorphFuzz`). ``run(_:)``
/// must return or throw for any input; a trap, a sanitizer report or a hang is a finding, and the input becomes a
/// regression file under `Tests/GalmorphFuzzingTests/Regressions/<target>/`.
///
/// Readers that need a path get the bytes written to a file of this process in ``scratch`` (with the extension the
/// reader dispatches on), so cfitsio, libhdf5 and zlib read them as they read a user's file.
public enum FuzzTarget: String, CaseIterable, Sendable {
  /// `Catalog.load` of a CSV table (RA/Dec in degrees or sexagesimal, identifiers).
  case csv
  /// The same through gzip (`.csv.gz`).
  case csvGzip = "csv-gz"
  /// `Catalog.load` of a FITS binary or ASCII table.
  case fitsTable = "fits-table"
  /// A FITS image cutout as the classifier reads it (`CutoutLoader.readRaw`).
  case fitsImage = "fits-image"
  /// An HDF5 image stack: `images`, labels, positions, rows, identifiers (`ImageStackFile`).
  case hdf5Stack = "hdf5-stack"
  /// An HDF5 model file as `annotate --model` reads it (`ClassifierModel.load`: attributes, architecture JSON,
  /// weights of every ensemble member), then one blank input through the network when its input is at most
  /// 64 × 64 × 4, so that weights that passed the checks reach the engine's unchecked kernels.
  case hdf5Model = "hdf5-model"
  /// JPEG and PNG through libjpeg-turbo and libpng (`ImageDecoder.decode(bytes:)`).
  case image
  /// The simulator's sky expressions (`SkyExpression`), evaluated at a few positions.
  case skyExpression = "sky-expression"
  /// A simulation configuration JSON (`simulate --config`), decoded and validated.
  case simulationConfig = "simulation-config"
  /// `audit.json` as `galmorph report` reads it.
  case auditJSON = "audit-json"

  /// Folder of this process's scratch files (one per target, overwritten by every input).
  public static let scratch: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "galmorph-fuzz-\(ProcessInfo.processInfo.processIdentifier)", isDirectory: true)
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }()

  func file(_ bytes: [UInt8], name: String) throws -> URL {
    let url = Self.scratch.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url
  }

  /// Reads `bytes` as this target's format. Throws what the reader throws for bad input.
  public func run(_ bytes: [UInt8]) throws {
    switch self {
    case .csv:
      _ = try Catalog.load(contentsOf: file(bytes, name: "table.csv"))
    case .csvGzip:
      _ = try Catalog.load(contentsOf: file(bytes, name: "table.csv.gz"))
    case .fitsTable:
      _ = try Catalog.load(contentsOf: file(bytes, name: "table.fits"))
    case .fitsImage:
      _ = try CutoutLoader.readRaw(file(bytes, name: "cutout.fits"), channels: 3)
    case .hdf5Stack:
      let url = try file(bytes, name: "stack.h5")
      let h5 = try HDF5File(url: url)
      defer { h5.close() }
      let stack = try ImageStackFile(file: h5)
      _ = try stack.labels()
      _ = try stack.positions()
      _ = try stack.rows()
      _ = try stack.ids()
      if stack.count > 0 { _ = try stack.images.batch(rows: 0..<min(2, stack.count)) }
    case .hdf5Model:
      let model = try ClassifierModel.load(from: file(bytes, name: "model.h5"))
      let r = model.recipe
      if r.inputSize <= 64, r.channels <= 4 {
        _ = try model.predict(
          images: [ImageBuffer(width: r.inputSize, height: r.inputSize, channels: r.channels)], tta: 1)
      }
    case .image:
      _ = try ImageDecoder.decode(bytes: bytes)
    case .skyExpression:
      let e = try SkyExpression(String(decoding: bytes, as: UTF8.self), knob: "fuzz")
      for (ra, dec) in [(0.0, 0.0), (180.0, -90.0), (359.9, 45.0)] {
        _ = e.evaluate(ra: ra, dec: dec, l: ra, b: dec)
      }
    case .simulationConfig:
      let config = try JSONCoding.decoder().decode(SimulationConfig.self, from: Data(bytes))
      _ = try SkySimulator(config: config)
    case .auditJSON:
      let folder = Self.scratch.appendingPathComponent("audit", isDirectory: true)
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      let url = folder.appendingPathComponent("audit.json")
      try Data(bytes).write(to: url)
      _ = try AuditReport.load(auditJSON: url).tables()
    }
  }
}
