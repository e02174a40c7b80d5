// galmorph — HDF5IO
//
// Reading an image stack through its schema (``ImageStackSchema``): the images, what their values are, the labels,
// catalog rows, identifiers and sky positions, each checked to have one entry per image.

import Foundation

/// An open image stack. Throws ``HDF5IOError/layout(file:path:reason:)`` naming the file and dataset when a
/// dataset the caller asks for is missing or is not 1-D with one entry per image.
public struct ImageStackFile: Sendable {
  public let file: HDF5File
  /// The `images` dataset.
  public let images: HDF5ImageStack
  /// What the image values are: the `pixels` attribute, else inferred from the dtype.
  public let pixels: ImageStackPixels
  /// True for a stack made from a catalog (root attribute `galmorph_image_stack`): its stamps are crops of
  /// ``cropSize`` source pixels already resized to the stored side.
  public let isCatalogStack: Bool
  /// The root `crop_size` attribute (source pixels), when present.
  public let cropSize: Int?
  /// The root `source_sha256` attribute (the catalog's SHA-256), when present.
  public let sourceSHA256: String?

  /// Number of images `N`.
  public var count: Int { images.count }

  /// Opens the schema's datasets in `file` (the caller keeps `file` open while using this value).
  public init(file: HDF5File) throws {
    self.file = file
    images = try HDF5ImageStack(file: file, path: ImageStackSchema.images)
    let a = images.dataset.attributes
    if a.contains(ImageStackSchema.pixelsAttribute) {
      let text = try a.string(ImageStackSchema.pixelsAttribute)
      guard let kind = ImageStackPixels(rawValue: text) else {
        throw HDF5IOError.layout(
          file: file.displayPath, path: images.dataset.path,
          reason:
            "attribute '\(ImageStackSchema.pixelsAttribute)' is '\(text)'; expected \(ImageStackPixels.allCases.map(\.rawValue).joined(separator: " or "))"
        )
      }
      pixels = kind
    } else {
      pixels = ImageStackPixels.inferred(from: images.dataset.dataType)
    }
    let root = file.attributes
    isCatalogStack = root.contains(ImageStackSchema.markerAttribute)
    cropSize =
      root.contains(ImageStackSchema.cropSizeAttribute)
      ? Int(try root.string(ImageStackSchema.cropSizeAttribute)) : nil
    sourceSHA256 =
      root.contains(ImageStackSchema.sourceSHA256Attribute)
      ? try root.string(ImageStackSchema.sourceSHA256Attribute) : nil
  }

  /// Whether the stack has the dataset `name`.
  public func has(_ name: String) -> Bool { file.exists(name) }

  /// The 1-D dataset `name` with one entry per image. Throws `layout` when it is missing or has another shape.
  public func column(_ name: String) throws -> HDF5Dataset {
    guard file.exists(name) else {
      throw HDF5IOError.layout(
        file: file.displayPath, path: "/" + name,
        reason:
          "missing; the image stack has \(count) images in '\(ImageStackSchema.images)' and needs '\(name)' with one entry each"
      )
    }
    let ds = try file.dataset(name)
    guard ds.shape == [count] else {
      throw HDF5IOError.layout(
        file: file.displayPath, path: ds.path,
        reason:
          "has shape \(ds.shape) but '\(ImageStackSchema.images)' holds \(count) images; it needs shape [\(count)]")
    }
    return ds
  }

  /// The column `name` as text: strings verbatim, integers exactly (18-digit ids too), integral floats without a
  /// fraction (`1`, not `1.0`).
  public func text(_ name: String) throws -> [String] {
    let ds = try column(name)
    if !ds.dataType.isNumeric { return try ds.readStrings() }
    if case .integer = ds.dataType { return try ds.read(as: Int64.self).map(String.init) }
    return try ds.read(as: Double.self).map { v in
      v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
    }
  }

  /// The labels from `dataset`, or from the first of ``ImageStackSchema/labelDatasets`` present.
  public func labels(dataset: String? = nil) throws -> ImageStackLabels {
    guard let name = dataset ?? ImageStackSchema.labelDatasets.first(where: has) else {
      throw HDF5IOError.layout(
        file: file.displayPath, path: "/" + ImageStackSchema.label,
        reason:
          "missing: the image stack has no labels (looked for \(ImageStackSchema.labelDatasets.joined(separator: ", ")); "
          + "'\(ImageStackSchema.label)' holds 1 = spiral, 0 = elliptical)")
    }
    let ds = try column(name)
    return ImageStackLabels(dataset: ds.path, isNumeric: ds.dataType.isNumeric, values: try text(name))
  }

  /// The source catalog rows (`row`), or nil when the stack has none (its positions are then its rows).
  public func rows() throws -> [Int]? {
    guard has(ImageStackSchema.row) else { return nil }
    return try column(ImageStackSchema.row).read(as: Int64.self).map { Int($0) }
  }

  /// The identifiers from the first of ``ImageStackSchema/idDatasets`` present, as text; nil when none is.
  public func ids() throws -> [String]? {
    guard let name = ImageStackSchema.idDatasets.first(where: has) else { return nil }
    return try text(name)
  }

  /// `ra` and `dec` in degrees, checked finite with |dec| ≤ 90; nil when the stack has neither. One without the
  /// other, a wrong shape or a bad angle is a `layout` error naming the dataset and row.
  public func positions() throws -> (ra: [Double], dec: [Double])? {
    if !has(ImageStackSchema.ra) && !has(ImageStackSchema.dec) { return nil }
    let ra = try column(ImageStackSchema.ra).read(as: Double.self)
    let dec = try column(ImageStackSchema.dec).read(as: Double.self)
    for (name, values) in [(ImageStackSchema.ra, ra), (ImageStackSchema.dec, dec)] {
      if let bad = values.firstIndex(where: { !$0.isFinite }) {
        throw HDF5IOError.layout(
          file: file.displayPath, path: "/" + name, reason: "row \(bad): \(values[bad]) is not a finite angle (degrees)"
        )
      }
    }
    if let bad = dec.firstIndex(where: { abs($0) > 90 }) {
      throw HDF5IOError.layout(
        file: file.displayPath, path: "/" + ImageStackSchema.dec,
        reason: "row \(bad): \(dec[bad]) lies outside [−90, 90] degrees")
    }
    return (ra, dec)
  }
}

/// A stack's labels as read: the dataset and its values as text (numbers as integers where integral).
public struct ImageStackLabels: Sendable, Equatable {
  /// The dataset path (`/label`, `/labels`, …).
  public let dataset: String
  /// True when the dataset stores numbers (codes), false for class names.
  public let isNumeric: Bool
  /// One value per image.
  public let values: [String]

  public init(dataset: String, isNumeric: Bool, values: [String]) {
    self.dataset = dataset; self.isNumeric = isNumeric; self.values = values
  }

  /// The values as class names: codes 1 and 0 as `spiral` and `elliptical`, anything else verbatim.
  public var classNames: [String] {
    guard isNumeric else { return values }
    return values.map { $0 == "1" ? ImageStackSchema.spiralName : $0 == "0" ? ImageStackSchema.ellipticalName : $0 }
  }
}

extension ImageStackFile {
  /// For a stack made from a catalog, what its stamps are in source pixels ("stamps: 64 px, crops of 224 px of the
  /// source cutouts"); nil for other stacks.
  public static func scaleDescription(_ url: URL) throws -> String? {
    let file = try HDF5File(url: url)
    defer { file.close() }
    let stack = try ImageStackFile(file: file)
    guard stack.isCatalogStack, let crop = stack.cropSize else { return nil }
    return "stamps: \(stack.images.width) px, crops of \(crop) px of the source cutouts"
  }
}
