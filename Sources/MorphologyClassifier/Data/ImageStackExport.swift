// galmorph — MorphologyClassifier
//
// Writing a compact uint8 HDF5 image stack from a catalog of cutouts.
import Foundation
import GalmorphSupport
import HDF5IO

/// Exports the labelled cutouts of a catalog to one compact HDF5 image stack that ``LabelledDataset/load(imageStack:imagesPath:labelsPath:mapping:scale:recipe:)``
/// and `galmorph train/evaluate/annotate --image-stack` read.
///
/// Each cutout is decoded (JPEG/PNG/FITS, ``CutoutLoader/readRaw(_:channels:)``), centre-cropped to `cropSize` and
/// area-resized to `size` (the first two steps of ``PreprocessingRecipe``; standardisation is left to the reader),
/// then quantised to uint8 as `round(255 · clamp(v, 0, 1))` — for 8-bit JPEG sources this adds at most half a grey
/// level to the area average.
///
/// Layout (all datasets have one row per galaxy, in catalog order):
/// - `images`: uint8 `[N, size, size, C]` NHWC, chunks of 16 images, shuffle + gzip level 9;
/// - `labels`: strings `spiral` / `elliptical` (rows of other classes are not exported, and counted);
/// - `id`: the id column verbatim (strings, e.g. 18-digit SDSS objIDs), when `idColumn` is given;
/// - `row`: int64, the 0-based data row in the source catalog (so a model's recorded test rows select the same
///   galaxies in the stack);
/// - root attributes: `galmorph_image_stack` = `1`, `crop_size`, `input_size`, `source_catalog`,
///   `source_sha256` (of the catalog), `provenance` (``Provenance`` JSON).
///
/// The file is written under a temporary name and renamed (``HDF5File/create(at:_:)``).
public enum ImageStackExport {
  /// What was written.
  public struct Summary: Sendable, Equatable {
    public var count: Int
    public var droppedLabels: [String: Int]
    public var sha256: String
  }

  /// Marker attribute of a stack written here.
  public static let markerAttribute = "galmorph_image_stack"

  /// Exports `catalog` (CSV/TSV(.gz), FITS table or HDF5 catalog with an image-path column) to `output`.
  /// - Parameters:
  ///   - maxCount: keep at most this many galaxies, a stratified seeded subset (``DataSplit/stratified(labels:validationFraction:seed:)``
  ///     with `seed`), in catalog order; nil = all.
  /// - Throws: `ClassifierError` naming the catalog, row and image for unreadable or too-small cutouts.
  @discardableResult
  public static func write(catalog url: URL, columns: CatalogColumns = .init(), idColumn: String? = nil,
                           mapping: LabelMapping = .init(), cropSize: Int = 224, size: Int = 64, channels: Int = 3,
                           maxCount: Int? = nil, seed: UInt64 = 0, output: URL, commandLine: String? = nil) throws -> Summary {
    let table = try CatalogText.read(url, columns: columns, extra: idColumn.map { [$0] } ?? [])
    let keep: [Int]
    if let m = maxCount, m < table.keep.count {
      let all = table.keep
      let frac = 1 - Double(m) / Double(all.count)
      let s = DataSplit.stratified(labels: all.map { table.mapped[$0]! }, validationFraction: frac, seed: seed)
      keep = s.train.map { all[$0] }
    } else { keep = table.keep }
    let recipe = PreprocessingRecipe(cropSize: cropSize, inputSize: size, channels: channels)
    let per = size * size * channels
    let pixels = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, keep.count * per))
    defer { pixels.deallocate() }
    let base = UncheckedBytes(pointer: pixels.baseAddress!)
    let errors = ErrorSlots(count: keep.count)
    DispatchQueue.concurrentPerform(iterations: keep.count) { k in
      let i = keep[k]
      let image = table.imageURL(i)
      do {
        let raw = try CutoutLoader.readRaw(image, channels: channels)
        var img = raw
        if CutoutLoader.isFITS(image) && recipe.fitsStretch == .asinh { img = img.asinhStretched() }
        img = try img.centerCrop(height: cropSize, width: cropSize, source: image.path)
        if cropSize != size { img = img.areaResized(height: size, width: size) }
        let out = base.pointer + k * per
        for j in 0..<per { out[j] = UInt8((min(max(img.pixels[j], 0), 1) * 255).rounded()) }
      } catch let e as ClassifierError {
        if case .imageTooSmall = e { errors.set(k, e) } else {
          errors.set(k, ClassifierError.invalidInput(path: image.path, reason: "\(e) (\(table.location(i)))"))
        }
      } catch {
        errors.set(k, ClassifierError.invalidInput(path: image.path, reason: "unreadable image: \(error) (\(table.location(i)))"))
      }
    }
    if let e = errors.first() { throw e }
    let labels = keep.map { table.mapped[$0]! == 1 ? "spiral" : "elliptical" }
    var prov = Provenance(inputs: [url.path: table.sha256], commandLine: commandLine)
    prov.seed = maxCount == nil ? nil : seed
    prov.extra["crop_size"] = String(cropSize)
    prov.extra["input_size"] = String(size)
    prov.extra["rows_exported"] = String(keep.count)
    let values = Array(UnsafeBufferPointer(start: pixels.baseAddress, count: keep.count * per))
    try HDF5File.create(at: output) { file in
      try file.createDataset("images", shape: [keep.count, size, size, channels], values: values,
                             options: HDF5DatasetOptions(chunks: [min(16, max(1, keep.count)), size, size, channels],
                                                         gzipLevel: 9, shuffle: true))
      try file.createStringDataset("labels", strings: labels)
      if let idColumn, let ids = table.extra[idColumn] {
        try file.createStringDataset("id", strings: keep.map { ids[$0] })
      }
      try file.createDataset("row", shape: [keep.count], values: keep.map { Int64($0) })
      let a = file.attributes
      try a.write(markerAttribute, string: "1")
      try a.write("crop_size", string: String(cropSize))
      try a.write("input_size", string: String(size))
      try a.write("source_catalog", string: url.lastPathComponent)
      try a.write("source_sha256", string: table.sha256)
      try a.write("provenance", string: String(decoding: try prov.jsonData(), as: UTF8.self))
    }
    return Summary(count: keep.count, droppedLabels: table.dropped, sha256: try Checksum.sha256(fileAt: output))
  }
}

/// A raw byte pointer passed into concurrent tasks that write disjoint ranges.
struct UncheckedBytes: @unchecked Sendable { let pointer: UnsafeMutablePointer<UInt8> }
