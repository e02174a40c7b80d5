// galmorph — MorphologyClassifier
//
// The groups of ``GroupBalancing`` for the examples of an image stack or a catalog.

import Foundation
import HDF5IO

extension GroupBalancing {
  /// The group of each stack image at `indices` (stack positions): the NESTED HEALPix pixel of its `ra`/`dec`, or
  /// its equal-count bin of the numeric dataset named by `column:` (edges over the images at `indices`).
  ///
  /// - Throws: `HDF5IOError.layout` naming the file and dataset when positions or the column are missing, or a value
  ///   (with its row) is not finite.
  public func groups(stack: ImageStackFile, indices: [Int]) throws -> [Int] {
    let path = stack.file.displayPath
    switch try scheme {
    case .healpix(let nside):
      guard let (ra, dec) = try stack.positions() else {
        throw HDF5IOError.layout(
          file: path, path: "/" + ImageStackSchema.ra, reason: "missing: --balance-by \(spec) needs sky positions")
      }
      return try ShardAssignment.nestedPixels(ra: indices.map { ra[$0] }, dec: indices.map { dec[$0] }, nside: nside)
    case .column(let name, let bins):
      guard stack.has(name) else {
        throw HDF5IOError.layout(
          file: path, path: "/" + name, reason: "missing: --balance-by \(spec) needs this per-image dataset")
      }
      let values = try stack.column(name).read(as: Double.self)
      guard values.count == stack.count else {
        throw HDF5IOError.layout(
          file: path, path: "/" + name, reason: "\(values.count) values for \(stack.count) images")
      }
      let picked = indices.map { values[$0] }
      if let bad = zip(indices, picked).first(where: { !$0.1.isFinite }) {
        throw HDF5IOError.layout(file: path, path: "/" + name, reason: "row \(bad.0): \(bad.1) is not finite")
      }
      return Self.groups(values: picked, bins: bins)
    }
  }

  /// The group of each example from per-row catalog values: `positions` (degrees) or `values` (the numeric
  /// column) of every catalog row, picked at `rows` (the examples' 0-based data rows).
  public func groups(
    rows: [Int], positions: () throws -> (ra: [Double], dec: [Double]), values: () throws -> [Double]
  ) throws -> [Int] {
    switch try scheme {
    case .healpix(let nside):
      let (ra, dec) = try positions()
      return try ShardAssignment.nestedPixels(ra: rows.map { ra[$0] }, dec: rows.map { dec[$0] }, nside: nside)
    case .column(_, let bins):
      let v = try values()
      return Self.groups(values: rows.map { v[$0] }, bins: bins)
    }
  }
}
