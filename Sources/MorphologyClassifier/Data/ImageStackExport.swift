// galmorph — MorphologyClassifier
//
// Writing a compact uint8 HDF5 image stack from a catalog of cutouts.
import CatalogIO
import Foundation
import GalmorphSupport
import HDF5IO

/// Exports the labelled cutouts of a catalog to one compact HDF5 image stack that ``LabelledDataset/loadStack(_:labelsDataset:mapping:scale:recipe:frame:)``
/// and `galmorph train/evaluate/annotate --image-stack` read.
///
/// Each cutout is decoded (JPEG/PNG/FITS, ``CutoutLoader/readRaw(_:channels:)``), centre-cropped to `cropSize` and
/// area-resized to `size` (the first two steps of ``PreprocessingRecipe``; standardisation is left to the reader),
/// then quantised to uint8 as `round(255 · clamp(v, 0, 1))` — for 8-bit JPEG sources this adds at most half a grey
/// level to the area average.
///
/// The stack follows ``ImageStackSchema`` (README, "Image stacks"), one row per exported galaxy in catalog order:
/// `images` uint8 `[N, size, size, C]` (attribute `pixels` = `display`; chunks of 16 images, shuffle + gzip level 9);
/// `label` (int64, 1 = spiral, 0 = elliptical; rows of other classes are not exported, and counted) and the same
/// classes as text in the legacy `labels`; `id` (the `idColumn` verbatim, when given); `row` (0-based data row in the
/// source catalog, so a model's recorded test rows select the same galaxies); `ra`, `dec` (float64 degrees, when the
/// catalog has position columns, named in `positions` or found by their usual names, `Catalog.raNames`/`decNames`;
/// sexagesimal text accepted, RA in hours; see `Catalog.load`); one 1-D dataset per `keepColumns` entry, named like
/// the column: int64 when every value is an integer, float64 when every non-empty value is a number (empty → NaN),
/// else the text verbatim; root attributes `galmorph_image_stack`, `crop_size`, `input_size`, `source_catalog`,
/// `source_sha256` (of the catalog), `provenance` (``Provenance`` JSON) and, when given, `extraAttributes`.
///
/// The file is written under a temporary name and renamed (``HDF5File/create(at:_:)``).
public enum ImageStackExport {
  /// What was written.
  public struct Summary: Sendable, Equatable {
    public var count: Int
    public var droppedLabels: [String: Int]
    /// SHA-256 of the written stack.
    public var sha256: String
    /// SHA-256 of the catalog it was made from (its `source_sha256` attribute).
    public var catalogSHA256: String
    /// The catalog columns the `ra` and `dec` datasets came from; nil when the stack has no positions.
    public var raColumn: String? = nil
    public var decColumn: String? = nil
    /// The extra columns copied (`keepColumns`).
    public var keptColumns: [String] = []
  }

  /// Exports `catalog` (CSV/TSV(.gz), FITS table or HDF5 catalog with an image-path column) to `output`.
  /// - Parameters:
  ///   - positions: the RA/Dec columns; a name left nil is found by its usual names. When neither is named and the
  ///     catalog has no usual RA and no usual Dec column, the stack has no positions; a named or half-found pair
  ///     that is missing is an error. nil = never write positions.
  ///   - keepColumns: further catalog columns copied as datasets.
  ///   - extraAttributes: further root attributes (text), e.g. the settings a cached stack was built with.
  ///   - maxCount: keep at most this many galaxies, a stratified seeded subset (``DataSplit/stratified(labels:validationFraction:seed:)``
  ///     with `seed`), in catalog order; nil = all.
  /// - Throws: `ClassifierError` naming the catalog, row and image for unreadable or too-small cutouts;
  ///   `CatalogIOError` naming the row and column of an invalid position.
  @discardableResult
  /// What ``write(catalog:columns:idColumn:positions:keepColumns:mapping:cropSize:size:maxCount:seed:output:commandLine:)``
  /// writes at most: every row of `catalog` (or `maxCount`) as size × size × 3 bytes plus 200 bytes of columns; 0 when
  /// the catalog cannot be opened yet (writing it then names the problem). Used by `stack` and `audit --catalog` for
  /// their free-space checks.
  public static func estimatedBytes(catalog: URL, size: Int, maxCount: Int? = nil) -> (rows: Int, bytes: Int64) {
    let rows = min(maxCount ?? Int.max, (try? CatalogFile.open(catalog))?.rowCount ?? 0)
    return (rows, Int64(rows) * Int64(size * size * 3 + 200))
  }

  public static func write(
    catalog url: URL, columns: CatalogColumns = .init(), idColumn: String? = nil,
    positions: CatalogColumnSelection? = .init(), keepColumns: [String] = [],
    mapping: LabelMapping = .init(), cropSize: Int = 224, size: Int = 64, channels: Int = 3,
    maxCount: Int? = nil, seed: UInt64 = 0, output: URL, commandLine: String? = nil,
    extraAttributes: [String: String] = [:]
  ) throws -> Summary {
    for name in keepColumns {
      if !ImageStackSchema.isUsableExtraName(name) {
        throw ClassifierError.invalidInput(
          path: url.path,
          reason:
            "--keep-column '\(name)': not usable as a dataset name (the stack's own datasets are \(ImageStackSchema.reservedNames.sorted().joined(separator: ", ")); names cannot contain '/')"
        )
      }
    }
    let table = try CatalogText.read(
      url, columns: columns, mapping: mapping,
      extra: (idColumn.map { [$0] } ?? []) + keepColumns)
    let sky = try positions.flatMap { try Self.positions(of: url, selection: $0, rows: table.rawLabels.count) }
    let keep: [Int]
    if let m = maxCount, m < table.keep.count {
      let all = table.keep
      let frac = 1 - Double(m) / Double(all.count)
      let s = DataSplit.stratified(labels: all.map { table.mapped[$0]! }, validationFraction: frac, seed: seed)
      keep = s.train.map { all[$0] }
    } else {
      keep = table.keep
    }
    let recipe = PreprocessingRecipe(cropSize: cropSize, inputSize: size, channels: channels)
    let per = size * size * channels
    let pixels = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, keep.count * per))
    defer { pixels.deallocate() }
    let base = UncheckedBytes(pointer: pixels.baseAddress!)
    let errors = ErrorSlots(count: keep.count)
    DispatchQueue.concurrentPerform(iterations: keep.count) { k in
      if Interruption.received != nil { return }  // Ctrl-C/SIGTERM: stop decoding; nothing is written
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
        if case .imageTooSmall = e {
          errors.set(k, e)
        } else {
          errors.set(k, ClassifierError.invalidInput(path: image.path, reason: "\(e) (\(table.location(i)))"))
        }
      } catch {
        errors.set(
          k, ClassifierError.invalidInput(path: image.path, reason: "unreadable image: \(error) (\(table.location(i)))")
        )
      }
    }
    try Interruption.check(resume: "nothing was written; run the same command again")
    if let e = errors.first() { throw e }
    let kept = try keepColumns.map { name in (name, try KeptColumn(table.extra[name]!, rows: keep)) }
    var prov = Provenance(inputs: [url.path: table.sha256], commandLine: commandLine)
    prov.seed = maxCount == nil ? nil : seed
    prov.extra["crop_size"] = String(cropSize)
    prov.extra["input_size"] = String(size)
    prov.extra["rows_exported"] = String(keep.count)
    if let sky { prov.extra["ra_column"] = sky.raColumn; prov.extra["dec_column"] = sky.decColumn }
    let values = Array(UnsafeBufferPointer(start: pixels.baseAddress, count: keep.count * per))
    try HDF5File.create(at: output) { file in
      let images = try file.createDataset(
        ImageStackSchema.images, shape: [keep.count, size, size, channels], values: values,
        options: HDF5DatasetOptions(
          chunks: [min(16, max(1, keep.count)), size, size, channels],
          gzipLevel: 9, shuffle: true))
      try ImageStackSchema.mark(images, as: .display)
      try ImageStackSchema.writeLabels(keep.map { table.mapped[$0]! }, to: file, legacyNames: true)
      if let idColumn, let ids = table.extra[idColumn] {
        try file.createStringDataset(ImageStackSchema.id, strings: keep.map { ids[$0] })
      }
      try ImageStackSchema.writeRows(keep, to: file)
      if let sky {
        try ImageStackSchema.writePositions(
          ra: keep.map { sky.ra[$0] }, dec: keep.map { sky.dec[$0] },
          columns: (sky.raColumn, sky.decColumn), to: file)
      }
      for (name, column) in kept {
        switch column {
        case let .integers(v): try file.createDataset(name, shape: [v.count], values: v)
        case let .numbers(v): try file.createDataset(name, shape: [v.count], values: v)
        case let .text(v): try file.createStringDataset(name, strings: v)
        }
      }
      try ImageStackSchema.writeCatalogStackAttributes(
        to: file, cropSize: cropSize, inputSize: size, sourceCatalog: url.lastPathComponent, sourceSHA256: table.sha256,
        provenanceJSON: String(decoding: try prov.jsonData(), as: UTF8.self))
      for (name, value) in extraAttributes.sorted(by: { $0.key < $1.key }) {
        try file.attributes.write(name, string: value)
      }
    }
    return Summary(
      count: keep.count, droppedLabels: table.dropped, sha256: try Checksum.sha256(fileAt: output),
      catalogSHA256: table.sha256, raColumn: sky?.raColumn, decColumn: sky?.decColumn, keptColumns: keepColumns)
  }

  /// The positions of every data row of `url` for `selection` (see `write`), or nil when the catalog has none and
  /// none were named.
  static func positions(of url: URL, selection: CatalogColumnSelection, rows: Int) throws -> Catalog? {
    let reader = try CatalogFile.open(url)
    if selection.ra == nil && selection.dec == nil {
      let lowered = Set(reader.columnNames.map { $0.lowercased() })
      let hasRA = Catalog.raNames.contains(where: lowered.contains),
        hasDec = Catalog.decNames.contains(where: lowered.contains)
      if !hasRA && !hasDec { return nil }
    }
    let catalog = try Catalog.load(
      from: reader, columns: CatalogColumnSelection(id: nil, ra: selection.ra, dec: selection.dec))
    guard catalog.count == rows else {
      throw ClassifierError.invalidInput(
        path: url.path,
        reason:
          "read \(catalog.count) positions for \(rows) catalog rows; check the RA/Dec columns")
    }
    return catalog
  }

  /// A `keepColumns` column over the exported rows, typed as described in `write`.
  enum KeptColumn {
    case integers([Int64]), numbers([Double]), text([String])

    init(_ values: [String], rows: [Int]) throws {
      let picked = rows.map { values[$0].trimmingCharacters(in: .whitespaces) }
      if !picked.isEmpty, picked.allSatisfy({ Int64($0) != nil }) {
        self = .integers(picked.map { Int64($0)! })
      } else if picked.contains(where: { !$0.isEmpty }),
        picked.allSatisfy({ $0.isEmpty || (Double($0) != nil && !$0.lowercased().hasPrefix("0x")) })
      {
        self = .numbers(picked.map { Double($0) ?? .nan })
      } else {
        self = .text(rows.map { values[$0] })
      }
    }
  }
}

/// A raw byte pointer passed into concurrent tasks that write disjoint ranges.
struct UncheckedBytes: @unchecked Sendable { let pointer: UnsafeMutablePointer<UInt8> }
