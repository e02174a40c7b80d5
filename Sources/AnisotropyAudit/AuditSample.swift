// galmorph — AnisotropyAudit
//
// The galaxies an audit works on: preprocessed cutouts, labels, sky positions and identifiers.

import Foundation
import GalmorphSupport
import HDF5IO
import MorphologyClassifier
import SkyGeometry

/// A labelled sample with positions: `data` (preprocessed inputs and 0/1 labels), one direction and one identifier
/// per example, in the same order.
public struct AuditSample: Sendable {
  public var data: LabelledDataset
  public var directions: [SkyDirection]
  public var ids: [String]

  public var count: Int { data.count }

  public init(data: LabelledDataset, directions: [SkyDirection], ids: [String]) {
    precondition(directions.count == data.count && ids.count == data.count, "AuditSample: lengths differ")
    self.data = data; self.directions = directions; self.ids = ids
  }

  /// Dataset names tried, in order, for the labels and identifiers of an image stack.
  public static let labelNames = ["label", "labels", "binary_label"]
  public static let idNames = ["id", "objid", "index"]

  /// Loads an HDF5 image stack as written by `galmorph simulate` (`cutouts.h5`) or `galmorph stack`: dataset
  /// `images` `[N, H, W, C]`, 1-D datasets `ra`, `dec` (degrees, ICRS), a label dataset (first of `labelNames`;
  /// numbers 0/1 or class names, mapped by `mapping`) and optionally an identifier (first of `idNames`; else the
  /// row number). Rows whose label is dropped by the mapping are left out.
  ///
  /// - Parameter recipe: preprocessing; its `channels` must equal the stack's C.
  public static func load(imageStack url: URL, recipe: PreprocessingRecipe, mapping: LabelMapping = .init(),
                          scale: Float = 1) throws -> AuditSample {
    let path = url.path
    let file: HDF5File
    do { file = try HDF5File(url: url) } catch { throw AuditError.input(path: path, reason: "\(error)") }
    defer { file.close() }
    guard let labelsPath = labelNames.first(where: { file.exists($0) }) else {
      throw AuditError.input(path: path, reason: "no label dataset (looked for \(labelNames.joined(separator: ", ")))")
    }
    func coordinate(_ name: String) throws -> [Double] {
      guard file.exists(name) else {
        throw AuditError.input(path: path, reason: "dataset '\(name)' (degrees) is missing; the audit needs sky positions")
      }
      let v = try file.dataset(name).read(as: Double.self)
      if let bad = v.firstIndex(where: { !$0.isFinite }) {
        throw AuditError.input(path: path, reason: "dataset '\(name)', row \(bad): \(v[bad]) is not a finite angle")
      }
      return v
    }
    let ra = try coordinate("ra"), dec = try coordinate("dec")
    if let bad = dec.firstIndex(where: { abs($0) > 90 }) {
      throw AuditError.input(path: path, reason: "dataset 'dec', row \(bad): \(dec[bad]) lies outside [−90, 90] degrees")
    }
    var allIDs: [String] = ra.indices.map(String.init)
    if let idPath = idNames.first(where: { file.exists($0) }) {
      let ds = try file.dataset(idPath)
      allIDs = ds.dataType.isNumeric ? try ds.read(as: Int64.self).map(String.init) : try ds.readStrings()
    }
    file.close()
    let data = try LabelledDataset.load(imageStack: url, labelsPath: labelsPath, mapping: mapping, scale: scale, recipe: recipe)
    guard ra.count == dec.count, ra.count == allIDs.count, data.rows.allSatisfy({ $0 < ra.count }) else {
      throw AuditError.input(path: path, reason: "datasets ra (\(ra.count)), dec (\(dec.count)) and the identifiers (\(allIDs.count)) do not match the \(data.rows.count) images")
    }
    return AuditSample(data: data, directions: data.rows.map { SkyDirection(raDegrees: ra[$0], decDegrees: dec[$0]) },
                       ids: data.rows.map { allIDs[$0] })
  }
}
