// galmorph — HDF5IO
//
// Writing the datasets and attributes of an image stack (``ImageStackSchema``), for `galmorph stack` and
// `galmorph simulate`, so both name and describe them the same way.

extension ImageStackSchema {
  /// Marks `images` with what its values are (attribute `pixels`).
  public static func mark(_ images: HDF5Dataset, as pixels: ImageStackPixels) throws {
    try images.attributes.write(pixelsAttribute, string: pixels.rawValue)
  }

  /// Marks a `label` dataset written elsewhere (e.g. streamed) with its encoding.
  public static func markLabelEncoding(_ label: HDF5Dataset) throws {
    try label.attributes.write(encodingAttribute, string: labelEncoding)
  }

  /// Writes `label` (int64 codes, 1 = spiral, 0 = elliptical) and, when `legacyNames`, the same classes as
  /// `spiral`/`elliptical` text in `labels` for readers of the earlier layout. Every class must be 0 or 1.
  public static func writeLabels(_ classes: [Int], to file: HDF5File, legacyNames: Bool) throws {
    precondition(classes.allSatisfy { $0 == 0 || $0 == 1 }, "ImageStackSchema.writeLabels: classes must be 0 or 1")
    let ds = try file.createDataset(label, shape: [classes.count], values: classes.map { Int64($0) })
    try markLabelEncoding(ds)
    if legacyNames {
      try file.createStringDataset(legacyLabels, strings: classes.map { $0 == 1 ? spiralName : ellipticalName })
    }
  }

  /// Writes `row` (int64, 0-based source catalog rows).
  public static func writeRows(_ rows: [Int], to file: HDF5File) throws {
    try file.createDataset(row, shape: [rows.count], values: rows.map { Int64($0) })
  }

  /// Writes `ra` and `dec` (float64 degrees, attribute `unit` = `deg`, and `source_column` when given).
  public static func writePositions(
    ra raValues: [Double], dec decValues: [Double], columns: (ra: String, dec: String)?,
    to file: HDF5File
  ) throws {
    precondition(raValues.count == decValues.count, "ImageStackSchema.writePositions: lengths differ")
    for (name, values, column) in [(ra, raValues, columns?.ra), (dec, decValues, columns?.dec)] {
      let ds = try file.createDataset(name, shape: [values.count], values: values)
      try ds.attributes.write(unitAttribute, string: "deg")
      if let column { try ds.attributes.write(sourceColumnAttribute, string: column) }
    }
  }

  /// Writes the root attributes of a stack made from a catalog: the marker, `crop_size` (source pixels),
  /// `input_size` (stored side), `source_catalog`, `source_sha256` and `provenance` (JSON text).
  public static func writeCatalogStackAttributes(
    to file: HDF5File, cropSize: Int, inputSize: Int, sourceCatalog: String,
    sourceSHA256: String, provenanceJSON: String
  ) throws {
    let a = file.attributes
    try a.write(markerAttribute, string: "1")
    try a.write(cropSizeAttribute, string: String(cropSize))
    try a.write(inputSizeAttribute, string: String(inputSize))
    try a.write(sourceCatalogAttribute, string: sourceCatalog)
    try a.write(sourceSHA256Attribute, string: sourceSHA256)
    try a.write(provenanceAttribute, string: provenanceJSON)
  }
}
