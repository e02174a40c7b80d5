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

  /// Loads an HDF5 image stack (``ImageStackSchema``, as written by `galmorph simulate` into `cutouts.h5` or by
  /// `galmorph stack`): `images` `[N, H, W, C]`, `ra`, `dec` (degrees, ICRS), the labels (first of `label`, `labels`,
  /// `binary_label`; numbers 0/1 or class names, mapped by `mapping`) and optionally identifiers (first of `id`,
  /// `objid`, `index`; else the source catalog row from `row`; else the stack position). Rows whose label is dropped
  /// by the mapping are left out; the positions and identifiers of the others are read at their stack position, so a
  /// stack whose rows were filtered (its `row` skips catalog rows) still lines up.
  ///
  /// - Parameters:
  ///   - recipe: preprocessing of the stored stamps, in stored pixels (``StackRecipeFrame/storedPixels``): a
  ///     crop of at most the stored side, resized to the network input; its `channels` must equal the stack's C.
  ///   - scale: factor on the stored values; nil = the stack's (1/255 for uint8 display cutouts, 1 for float32).
  ///   - groups: when set, each example's group (``GroupBalancing``: pixel or bin, for balancing or the domain
  ///     adversary) is put in `data.groups`.
  ///   - transform: a change to every stored stamp before the recipe (``StampTransform``; the context probe's
  ///     galaxy removal); none by default. `standardize` false leaves out the recipe's per-image standardisation.
  /// - Throws: `HDF5IOError.layout` naming the file and dataset for a missing or wrongly shaped `label`, `ra`, `dec`,
  ///   `row` or identifier dataset, or a bad angle (with its row).
  public static func load(
    imageStack url: URL, recipe: PreprocessingRecipe, mapping: LabelMapping = .init(),
    scale: Float? = nil, groups: GroupBalancing? = nil, transform: StampTransform? = nil,
    standardize: Bool = true
  ) throws -> AuditSample {
    let path = url.path
    let file: HDF5File
    do { file = try HDF5File(url: url) } catch { throw AuditError.input(path: path, reason: "\(error)") }
    defer { file.close() }
    let stack = try ImageStackFile(file: file)
    _ = try stack.labels()  // a missing label dataset is reported before missing positions
    guard let (ra, dec) = try stack.positions() else {
      throw HDF5IOError.layout(
        file: path, path: "/" + ImageStackSchema.ra,
        reason:
          "missing (and '\(ImageStackSchema.dec)'): the audit needs sky positions in degrees, one per image")
    }
    let ids = try stack.ids() ?? stack.rows()?.map(String.init) ?? (0..<stack.count).map(String.init)
    var loaded = try LabelledDataset.loadStack(
      stack, url: url, mapping: mapping, scale: scale, recipe: recipe, frame: .storedPixels, transform: transform,
      standardize: standardize)
    loaded.data.groups = try groups?.groups(stack: stack, indices: loaded.imageIndices)
    return AuditSample(
      data: loaded.data,
      directions: loaded.imageIndices.map { SkyDirection(raDegrees: ra[$0], decDegrees: dec[$0]) },
      ids: loaded.imageIndices.map { ids[$0] })
  }
}
