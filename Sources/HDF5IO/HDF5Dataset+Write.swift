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
      throw HDF5IOError.typeMismatch(
        file: file.displayPath, path: path, stored: dataType.description, requested: T.hdf5Name)
    }
    let expected = rows.map { $0.count * rowElementCount } ?? elementCount
    guard values.count == expected else {
      throw HDF5IOError.shapeMismatch(
        file: file.displayPath, path: path,
        reason: "\(values.count) values given, \(expected) needed for shape \(shape)")
    }
    if let rows {
      guard let first = shape.first, rows.lowerBound >= 0 else {
        throw HDF5IOError.shapeMismatch(
          file: file.displayPath, path: path, reason: "rows \(rows) do not fit shape \(shape)")
      }
      if rows.upperBound > first { try extendRows(to: rows.upperBound) }
    }
    if values.isEmpty { return }
    try HDF5Library.locked {
      try withSelection(rows: rows) { memSpace, fileSpace in
        let status = values.withUnsafeBufferPointer {
          H5Dwrite(id, T.hdf5MemoryType, memSpace, fileSpace, chdf5_p_default(), $0.baseAddress)
        }
        if status < 0 {
          throw HDF5IOError.writeFailed(file: file.displayPath, path: path, reason: HDF5Library.errorStack())
        }
      }
    }
  }

  /// Grows the leading dimension to `rows` (needs `unlimitedRows` or a larger maximum).
  private func extendRows(to rows: Int) throws {
    try HDF5Library.locked {
      var dims = shape.map { hsize_t($0) }
      dims[0] = hsize_t(rows)
      if H5Dset_extent(id, dims) < 0 {
        throw HDF5IOError.shapeMismatch(
          file: file.displayPath, path: path,
          reason: "cannot grow to \(rows) rows (create with unlimitedRows): \(HDF5Library.errorStack())")
      }
      shape[0] = rows
    }
  }
}
