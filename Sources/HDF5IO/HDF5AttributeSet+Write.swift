// galmorph — HDF5IO

import CHDF5

extension HDF5AttributeSet {
  /// Writes the scalar numeric attribute `name` (replacing any existing one), stored little-endian.
  public func write<T: HDF5Scalar>(_ name: String, _ value: T) throws {
    try write(name, values: [value], shape: [])
  }

  /// Writes numeric attribute `name` with `values` and `shape` (default 1-D `[values.count]`; `[]` for a scalar).
  public func write<T: HDF5Scalar>(_ name: String, values: [T], shape: [Int]? = nil) throws {
    let shape = shape ?? [values.count]
    try create(name, shape: shape, count: values.count, fileType: T.hdf5FileType) { aid in
      values.withUnsafeBufferPointer { H5Awrite(aid, T.hdf5MemoryType, $0.baseAddress) }
    }
  }

  /// Writes the scalar string attribute `name` (variable-length UTF-8 by default, as h5py writes `str`).
  public func write(_ name: String, string: String, storage: HDF5StringStorage = .variableLength) throws {
    try write(name, strings: [string], shape: [], storage: storage)
  }

  /// Writes string attribute `name` holding `strings` with `shape` (default 1-D).
  public func write(
    _ name: String, strings: [String], shape: [Int]? = nil,
    storage: HDF5StringStorage = .variableLength
  ) throws {
    let shape = shape ?? [strings.count]
    try HDF5Library.locked {
      guard let type = HDF5StringCodec.makeType(storage) else {
        throw file.error(path: "\(path)@\(name)", call: "H5Tcopy")
      }
      defer { H5Tclose(type) }
      try create(name, shape: shape, count: strings.count, fileType: type) { aid in
        HDF5StringCodec.withBuffer(strings, storage) { H5Awrite(aid, type, $0) } ?? -2
      }
    }
  }

  /// Deletes attribute `name`.
  public func remove(_ name: String) throws {
    try HDF5Library.locked {
      if H5Adelete(id, name) < 0 {
        throw HDF5IOError.attributeNotFound(
          file: file.displayPath, object: path, name: name, available: (try? names()) ?? [])
      }
    }
  }

  /// Creates attribute `name` (replacing an existing one) and fills it with `fill(attributeID)`; a fill status of
  /// -2 means a fixed-length string was too long.
  private func create(_ name: String, shape: [Int], count: Int, fileType: hid_t, _ fill: (hid_t) -> herr_t) throws {
    let where_ = "\(path)@\(name)"
    guard count == shape.reduce(1, *) else {
      throw HDF5IOError.shapeMismatch(
        file: file.displayPath, path: where_, reason: "\(count) values do not fill shape \(shape)")
    }
    try HDF5Library.locked {
      if contains(name) { try remove(name) }
      let dims = shape.map { hsize_t($0) }
      let space = shape.isEmpty ? H5Screate(H5S_SCALAR) : H5Screate_simple(Int32(dims.count), dims, nil)
      guard space >= 0 else { throw file.error(path: where_, call: "H5Screate") }
      defer { H5Sclose(space) }
      let aid = H5Acreate2(id, name, fileType, space, chdf5_p_default(), chdf5_p_default())
      guard aid >= 0 else {
        throw HDF5IOError.writeFailed(file: file.displayPath, path: where_, reason: HDF5Library.errorStack())
      }
      defer { H5Aclose(aid) }
      if count == 0 { return }
      let status = fill(aid)
      if status == -2 {
        throw HDF5IOError.shapeMismatch(
          file: file.displayPath, path: where_, reason: "a string is longer than the fixed length")
      }
      if status < 0 {
        throw HDF5IOError.writeFailed(file: file.displayPath, path: where_, reason: HDF5Library.errorStack())
      }
    }
  }
}
