// galmorph — HDF5IO
//
// The one HDF5 image-stack format of galmorph: its dataset names, dtypes, attributes and label encoding, shared by
// every writer (`galmorph stack`, `galmorph simulate`) and reader (train/evaluate/annotate `--image-stack`, audit).
// README, "Image stacks", documents the same table for users.

/// The galmorph HDF5 image stack. Every 1-D dataset has one entry per image, in the order of `images`.
///
/// | dataset | dtype | content |
/// |---|---|---|
/// | `images` | uint8 or float32, `[N, H, W, C]` NHWC (`[N, H, W]` = one channel) | the stamps; attribute `pixels` |
/// | `label` | int64 | the class: 1 = spiral, 0 = elliptical (attribute `encoding`) |
/// | `labels` | text | legacy: `spiral`/`elliptical`; read when `label` is absent, still written by `galmorph stack` |
/// | `row` | int64 | 0-based data row of the source catalog (absent: the stack position is the row) |
/// | `id` | text (or integers) | identifier, verbatim |
/// | `ra`, `dec` | float64 | ICRS degrees (attribute `unit` = `deg`, `source_column` when from a catalog) |
/// | anything else | int64, float64 or text, `[N]` | extras (`--keep-column`, the simulation's truth columns) |
///
/// Attributes: on `images`, `pixels` = ``ImageStackPixels`` (`display`: uint8 0–255 display-stretched cutouts;
/// `physical`: float32 physical values); a stack without it is read as `display` when `images` is uint8 and
/// `physical` otherwise. On the root group of a stack made from a catalog: `galmorph_image_stack` = `1`, `crop_size`
/// (the centre crop, in pixels of the source cutouts, that was resized to the stored side), `input_size` (the stored
/// side), `source_catalog`, `source_sha256` (of the catalog) and `provenance` (JSON).
///
/// Labels are read from the first of ``labelDatasets`` present: numbers (0/1) or class names, mapped by the caller's
/// label mapping (the default vocabulary maps 1/0 and spiral/elliptical).
public enum ImageStackSchema {
  /// The image dataset.
  public static let images = "images"
  /// The class codes (int64, 1 = spiral, 0 = elliptical).
  public static let label = "label"
  /// The class names of the layout before `label` (`spiral`/`elliptical`).
  public static let legacyLabels = "labels"
  /// Label datasets in the order they are looked for: `label`, the legacy `labels`, `binary_label` (other tools).
  public static let labelDatasets = [label, legacyLabels, "binary_label"]
  /// Source catalog rows (int64, 0-based).
  public static let row = "row"
  /// Identifiers, verbatim.
  public static let id = "id"
  /// Identifier datasets in the order they are looked for (`index`: the simulation's galaxy number).
  public static let idDatasets = [id, "objid", "index"]
  /// Right ascension and declination, float64 ICRS degrees.
  public static let ra = "ra", dec = "dec"
  /// Dataset names with a meaning in the schema; extras cannot take them.
  public static let reservedNames: Set<String> = [images, label, legacyLabels, row, id, ra, dec]

  /// Attribute of `images` holding ``ImageStackPixels``.
  public static let pixelsAttribute = "pixels"
  /// Attribute of `label` describing the codes, and its value.
  public static let encodingAttribute = "encoding", labelEncoding = "1 = spiral, 0 = elliptical"
  /// The class codes of `label`.
  public static let spiral: Int64 = 1, elliptical: Int64 = 0
  /// Class names of the codes (as in `labels`).
  public static let spiralName = "spiral", ellipticalName = "elliptical"
  /// Root attribute marking a stack made from a catalog (already cropped and resized), and its value.
  public static let markerAttribute = "galmorph_image_stack"
  /// Root attributes of a stack made from a catalog.
  public static let cropSizeAttribute = "crop_size", inputSizeAttribute = "input_size",
    sourceCatalogAttribute = "source_catalog", sourceSHA256Attribute = "source_sha256",
    provenanceAttribute = "provenance"
  /// Attributes of `ra`/`dec`.
  public static let unitAttribute = "unit", sourceColumnAttribute = "source_column"

  /// Whether `name` can be an extra dataset (not a schema name, not empty, no `/`).
  public static func isUsableExtraName(_ name: String) -> Bool {
    !reservedNames.contains(name) && !name.isEmpty && !name.contains("/") && name != "."
  }
}

/// What the values of a stack's `images` are (its `pixels` attribute).
public enum ImageStackPixels: String, Sendable, CaseIterable {
  /// uint8 0–255, display-stretched: decoded JPEG/PNG (or FITS after the asinh stretch), as `galmorph stack` writes.
  case display
  /// float32 physical values (e.g. sky-subtracted ADU), as `galmorph simulate` writes.
  case physical

  /// Factor bringing stored values to the preprocessing's input: 1/255 for `display` (to [0, 1], as decoded
  /// JPEG/PNG are), 1 for `physical`.
  public var scale: Float { self == .display ? 1 / 255 : 1 }

  /// The kind of a stack without the attribute: uint8 `images` are display cutouts, anything else physical.
  public static func inferred(from type: HDF5DataType) -> ImageStackPixels {
    if case .integer(bytes: 1, signed: false, _) = type { return .display }
    return .physical
  }
}
