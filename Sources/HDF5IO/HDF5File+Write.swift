// galmorph — HDF5IO
//
// Creating datasets: numeric (little-endian standard types), strings (fixed or variable length), scalar or
// N-dimensional, optionally chunked with shuffle + gzip. Missing parent groups are created.

import CHDF5

extension HDF5File {
  /// Creates the dataset `path` with `shape` (row-major; `[]` for a scalar) holding `values`
  /// (`values.count` must equal the product of `shape`). Parent groups are created as needed.
  @discardableResult
  public func createDataset<T: HDF5Scalar>(
    _ path: String, shape: [Int], values: [T],
    options: HDF5DatasetOptions = .contiguous
  ) throws -> HDF5Dataset {
    let path = Self.normalize(path)
    guard values.count == shape.reduce(1, *) else {
      throw HDF5IOError.shapeMismatch(
        file: displayPath, path: path,
        reason: "\(values.count) values do not fill shape \(shape) (\(shape.reduce(1, *)) elements)")
    }
    let dataset = try createDataset(path, shape: shape, of: T.self, options: options)
    if !values.isEmpty { try dataset.write(values) }
    return dataset
  }

  /// Creates an empty (fill value 0) dataset `path` of element type `T`, to be filled with `write(rows:values:)`
  /// — e.g. a large image stack written batch by batch without holding it in memory.
  @discardableResult
  public func createDataset<T: HDF5Scalar>(
    _ path: String, shape: [Int], of type: T.Type,
    options: HDF5DatasetOptions = .contiguous
  ) throws -> HDF5Dataset {
    try createDataset(
      Self.normalize(path), shape: shape, fileType: T.hdf5FileType, elementSize: MemoryLayout<T>.size,
      options: options)
  }

  /// Creates a string dataset `path` holding `strings` with `shape` (default: 1-D `[strings.count]`; `[]` for a
  /// scalar string). Variable-length UTF-8 by default, as h5py writes `str`.
  @discardableResult
  public func createStringDataset(
    _ path: String, strings: [String], shape: [Int]? = nil,
    storage: HDF5StringStorage = .variableLength
  ) throws -> HDF5Dataset {
    let path = Self.normalize(path)
    let shape = shape ?? [strings.count]
    guard strings.count == shape.reduce(1, *) else {
      throw HDF5IOError.shapeMismatch(
        file: displayPath, path: path, reason: "\(strings.count) strings do not fill shape \(shape)")
    }
    return try HDF5Library.locked {
      guard let type = HDF5StringCodec.makeType(storage) else { throw error(path: path, call: "H5Tcopy") }
      defer { H5Tclose(type) }
      let dataset = try createDataset(path, shape: shape, fileType: type, elementSize: 8, options: .contiguous)
      if strings.isEmpty { return dataset }
      let status = HDF5StringCodec.withBuffer(strings, storage) { buffer in
        H5Dwrite(dataset.id, type, chdf5_s_all(), chdf5_s_all(), chdf5_p_default(), buffer)
      }
      guard let status else {
        throw HDF5IOError.shapeMismatch(
          file: displayPath, path: path, reason: "a string is longer than the fixed length \(storage)")
      }
      if status < 0 { throw HDF5IOError.writeFailed(file: displayPath, path: path, reason: HDF5Library.errorStack()) }
      return dataset
    }
  }

  /// Removes the link `path` (the object's space is reclaimed only when the file is repacked).
  public func removeObject(_ path: String) throws {
    let path = Self.normalize(path)
    try HDF5Library.locked {
      let fid = try openID(for: path)
      try requireLink(path)
      if H5Ldelete(fid, path, chdf5_p_default()) < 0 {
        throw HDF5IOError.writeFailed(file: displayPath, path: path, reason: HDF5Library.errorStack())
      }
    }
  }

  private func createDataset(
    _ path: String, shape: [Int], fileType: hid_t, elementSize: Int,
    options: HDF5DatasetOptions
  ) throws -> HDF5Dataset {
    guard shape.allSatisfy({ $0 >= 0 }) else {
      throw HDF5IOError.shapeMismatch(file: displayPath, path: path, reason: "negative dimension in shape \(shape)")
    }
    if exists(path) {
      throw HDF5IOError.writeFailed(
        file: displayPath, path: path, reason: "an object with this name already exists; remove it first")
    }
    let chunked = options.needsChunks && !shape.isEmpty
    let chunks = options.chunkShape(for: shape, elementSize: elementSize)
    if chunked {
      guard chunks.count == shape.count, chunks.allSatisfy({ $0 >= 1 }) else {
        throw HDF5IOError.shapeMismatch(
          file: displayPath, path: path, reason: "chunk shape \(chunks) does not fit shape \(shape)")
      }
    }
    if let level = options.gzipLevel, !(0...9).contains(level) {
      throw HDF5IOError.writeFailed(file: displayPath, path: path, reason: "gzip level \(level) outside 0...9")
    }
    return try HDF5Library.locked {
      let fid = try openID(for: path)
      let dims = shape.map { hsize_t($0) }
      var maxDims = dims
      if options.unlimitedRows && !shape.isEmpty { maxDims[0] = chdf5_s_unlimited() }
      let space = shape.isEmpty ? H5Screate(H5S_SCALAR) : H5Screate_simple(Int32(shape.count), dims, maxDims)
      guard space >= 0 else { throw error(path: path, call: "H5Screate") }
      defer { H5Sclose(space) }
      let dcpl = H5Pcreate(chdf5_p_dataset_create())
      guard dcpl >= 0 else { throw error(path: path, call: "H5Pcreate") }
      defer { H5Pclose(dcpl) }
      if chunked {
        let chunkDims = chunks.map { hsize_t($0) }
        guard H5Pset_chunk(dcpl, Int32(chunkDims.count), chunkDims) >= 0 else {
          throw error(path: path, call: "H5Pset_chunk")
        }
        if options.shuffle, H5Pset_shuffle(dcpl) < 0 { throw error(path: path, call: "H5Pset_shuffle") }
        if let level = options.gzipLevel, H5Pset_deflate(dcpl, UInt32(level)) < 0 {
          throw error(path: path, call: "H5Pset_deflate")
        }
      }
      let lcpl = try Self.intermediateGroupsPlist()
      defer { H5Pclose(lcpl) }
      let dapl = Self.datasetAccessPlist()
      defer { if dapl >= 0 { H5Pclose(dapl) } }
      let did = H5Dcreate2(fid, path, fileType, space, lcpl, dcpl, dapl >= 0 ? dapl : chdf5_p_default())
      guard did >= 0 else {
        throw HDF5IOError.writeFailed(file: displayPath, path: path, reason: HDF5Library.errorStack())
      }
      return try HDF5Dataset(file: self, path: path, id: did)
    }
  }
}
