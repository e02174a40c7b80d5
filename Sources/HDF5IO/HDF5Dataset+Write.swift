// galmorph — HDF5IO

import CHDF5

extension HDF5Dataset {
  /// Overwrites all values (row-major; `values.count == elementCount`), converting from `T` to the stored type.
  public func write<T: HDF5Scalar>(_ values: [T]) throws {
    try writeNumbers(rows: nil, values)
  }

  /// Overwrites rows `rows` of the leading dimension (`values.count == rows.count * rowElementCount`) through a
  /// hyperslab; the other rows are untouched. Grows the dataset first when it was created with `unlimitedRows`
  /// and `rows` extends past its end.
  public func write<T: HDF5Scalar>(rows: Range<Int>, values: [T]) throws {
    try writeNumbers(rows: rows, values)
  }

  private func writeNumbers<T: HDF5Scalar>(rows: Range<Int>?, _ values: [T]) throws {
    guard dataType.isNumeric else {
      throw HDF5IOError.typeMismatch(file: file.displayPath, path: path, stored: dataType.description, requested: T.hdf5Name)
    }
    let expected = rows.map { $0.count * rowElementCount } ?? elementCount
    guard values.count == expected else {
      throw HDF5IOError.shapeMismatch(file: file.displayPath, path: path,
                                      reason: "\(values.count) values given, \(expected) needed for shape \(shape)")
    }
    if let rows {
      guard let first = shape.first, rows.lowerBound >= 0 else {
        throw HDF5IOError.shapeMismatch(file: file.displayPath, path: path, reason: "rows \(rows) do not fit shape \(shape)")
      }
      if rows.upperBound > first { try extendRows(to: rows.upperBound) }
    }
    if values.isEmpty { return }
    try HDF5Library.locked {
      try currentSelection(rows: rows) { memSpace, fileSpace in
        let status = values.withUnsafeBufferPointer {
          H5Dwrite(id, T.hdf5MemoryType, memSpace, fileSpace, chdf5_p_default(), $0.baseAddress)
        }
        if status < 0 { throw HDF5IOError.writeFailed(file: file.displayPath, path: path, reason: HDF5Library.errorStack()) }
      }
    }
  }

  /// Like `withSelection`, but against the dataset's current extent (which may have grown since opening).
  private func currentSelection(rows: Range<Int>?, _ body: (hid_t, hid_t) throws -> Void) throws {
    guard let rows else { return try body(chdf5_s_all(), chdf5_s_all()) }
    let fileSpace = H5Dget_space(id)
    guard fileSpace >= 0 else { throw file.error(path: path, call: "H5Dget_space") }
    defer { H5Sclose(fileSpace) }
    var start = [hsize_t](repeating: 0, count: shape.count)
    var count = shape.map { hsize_t($0) }
    start[0] = hsize_t(rows.lowerBound)
    count[0] = hsize_t(rows.count)
    guard H5Sselect_hyperslab(fileSpace, H5S_SELECT_SET, start, nil, count, nil) >= 0 else {
      throw file.error(path: path, call: "H5Sselect_hyperslab")
    }
    let memSpace = H5Screate_simple(Int32(count.count), count, nil)
    guard memSpace >= 0 else { throw file.error(path: path, call: "H5Screate_simple") }
    defer { H5Sclose(memSpace) }
    try body(memSpace, fileSpace)
  }

  /// Grows the leading dimension to `rows` (needs `unlimitedRows` or a larger maximum).
  private func extendRows(to rows: Int) throws {
    try HDF5Library.locked {
      var dims = shape.map { hsize_t($0) }
      dims[0] = hsize_t(rows)
      if H5Dset_extent(id, dims) < 0 {
        throw HDF5IOError.shapeMismatch(file: file.displayPath, path: path,
                                        reason: "cannot grow to \(rows) rows (create with unlimitedRows): \(HDF5Library.errorStack())")
      }
      shape[0] = rows
    }
  }
}
