// galmorph — HDF5IO
//
// Reading dataset values: numbers converted by libhdf5 from any stored width/sign/byte order into the requested
// native type, strings, and hyperslabs of rows along the leading dimension (only those rows are read from disk;
// for chunked data only the chunks they touch are decompressed).

import CHDF5
import Foundation

extension HDF5Dataset {
  /// All values in row-major (C) order, converted to `T` by libhdf5 (e.g. big-endian int16 → native Float).
  /// Throws `filterUnavailable` for data compressed with a filter this libhdf5 lacks (checked first) and
  /// `typeMismatch` for non-numeric types.
  public func read<T: HDF5Scalar>(as type: T.Type = T.self) throws -> [T] {
    try readNumbers(rows: nil, as: T.self)
  }

  /// Rows `rows` of the leading dimension (`shape[0]`), i.e. elements `[rows.lowerBound * rowElementCount,
  /// rows.upperBound * rowElementCount)` of the flattened array, read through an HDF5 hyperslab so that the rest
  /// of the dataset is never read. Throws `shapeMismatch` for a scalar dataset or rows outside `0..<shape[0]`.
  public func read<T: HDF5Scalar>(rows: Range<Int>, as type: T.Type = T.self) throws -> [T] {
    try readNumbers(rows: rows, as: T.self)
  }

  /// The single value of a scalar (or one-element) dataset.
  public func readScalar<T: HDF5Scalar>(as type: T.Type = T.self) throws -> T {
    let values = try read(as: T.self)
    guard values.count == 1, let value = values.first else {
      throw HDF5IOError.shapeMismatch(
        file: file.displayPath, path: path, reason: "expected one value, found \(values.count) (shape \(shape))")
    }
    return value
  }

  /// All values of a fixed- or variable-length string dataset, row-major. Fixed-length values are cut at the
  /// first NUL byte.
  public func readStrings() throws -> [String] {
    try requireFiltersAvailable()
    guard dataType.isString else {
      throw HDF5IOError.typeMismatch(
        file: file.displayPath, path: path, stored: dataType.description, requested: "string")
    }
    return try HDF5Library.locked {
      let type = H5Dget_type(id)
      guard type >= 0 else { throw file.error(path: path, call: "H5Dget_type") }
      defer { H5Tclose(type) }
      let space = H5Dget_space(id)
      guard space >= 0 else { throw file.error(path: path, call: "H5Dget_space") }
      defer { H5Sclose(space) }
      let count = Int(H5Sget_select_npoints(space))
      try checkAllocatable(count: count, elementBytes: HDF5StringCodec.bytesPerValue(type))
      let did = id
      guard
        let strings = HDF5StringCodec.read(
          count: count, fileType: type, space: space,
          { mem, buffer in
            H5Dread(did, mem, chdf5_s_all(), chdf5_s_all(), chdf5_p_default(), buffer)
          })
      else { throw readError() }
      return strings
    }
  }

  /// Throws `filterUnavailable` if a filter needed to decode the data is missing from this libhdf5.
  public func requireFiltersAvailable() throws {
    if let missing = filters.first(where: { !$0.isAvailable }) {
      throw HDF5IOError.filterUnavailable(file: file.displayPath, path: path, filter: missing.name, id: missing.id)
    }
  }

  private func readNumbers<T: HDF5Scalar>(rows: Range<Int>?, as type: T.Type) throws -> [T] {
    try requireFiltersAvailable()
    guard dataType.isNumeric else {
      throw HDF5IOError.typeMismatch(
        file: file.displayPath, path: path, stored: dataType.description, requested: T.hdf5Name)
    }
    try validate(rows: rows)
    let count = rows.map { $0.count * rowElementCount } ?? elementCount
    if count == 0 { return [] }
    try checkAllocatable(count: count, elementBytes: MemoryLayout<T>.stride)
    return try HDF5Library.locked {
      try [T](unsafeUninitializedCapacity: count) { buffer, initialized in
        try withSelection(rows: rows) { memSpace, fileSpace in
          let dxpl = Self.transferPlist(elements: count, elementBytes: max(MemoryLayout<T>.size, 16))
          defer { if dxpl >= 0 { H5Pclose(dxpl) } }
          let plist = dxpl >= 0 ? dxpl : chdf5_p_default()
          if H5Dread(id, T.hdf5MemoryType, memSpace, fileSpace, plist, buffer.baseAddress) < 0 { throw readError() }
        }
        initialized = count
      }
    }
  }

  /// Throws ``HDF5IOError/layout(file:path:reason:)`` when `count` values of `elementBytes` each would not fit in this
  /// machine's physical memory (``HDF5AllocationGuard``).
  func checkAllocatable(count: Int, elementBytes: Int) throws {
    try HDF5AllocationGuard.check(
      count: count, elementBytes: elementBytes, file: file.displayPath, path: path, shape: shape)
  }

  /// Throws `shapeMismatch` unless `rows` (when given) lies within `0..<shape[0]` of a non-scalar dataset.
  func validate(rows: Range<Int>?) throws {
    guard let rows else { return }
    guard let first = shape.first else {
      throw HDF5IOError.shapeMismatch(
        file: file.displayPath, path: path, reason: "a scalar dataset has no rows; read it whole")
    }
    guard rows.lowerBound >= 0, rows.upperBound <= first else {
      throw HDF5IOError.shapeMismatch(
        file: file.displayPath, path: path,
        reason: "rows \(rows.lowerBound)..<\(rows.upperBound) outside 0..<\(first)")
    }
  }

  /// A transfer property list whose type-conversion buffer holds the whole selection (up to 64 MiB), so libhdf5
  /// converts (e.g. uint8 → float) in one pass instead of 1 MiB strips that each re-gather from the chunks; -1 when
  /// the default suffices (caller holds the lock and closes it).
  static func transferPlist(elements: Int, elementBytes: Int) -> hid_t {
    let bytes = min(64 << 20, elements * elementBytes)
    guard bytes > (1 << 20) else { return -1 }
    let dxpl = H5Pcreate(chdf5_p_dataset_xfer())
    guard dxpl >= 0, H5Pset_buffer(dxpl, bytes, nil, nil) >= 0 else { HDF5Library.clearErrors(); return -1 }
    return dxpl
  }

  /// Calls `body(memorySpace, fileSpace)` for the whole dataset (`rows == nil`: `H5S_ALL` twice) or for a hyperslab
  /// of rows (caller holds the lock and has validated `rows`). The file space comes from `H5Dget_space`, i.e. the
  /// dataset's current extent, so it also serves writes into rows a dataset has just grown to.
  func withSelection(rows: Range<Int>?, _ body: (hid_t, hid_t) throws -> Void) throws {
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

  /// A read error with the condensed stack; a missing filter is named when libhdf5 reports one.
  func readError() -> HDF5IOError {
    let reason = HDF5Library.errorStack()
    if reason.lowercased().contains("filter"), let filter = filters.first(where: { !$0.isAvailable }) ?? filters.first {
      if !filter.isAvailable || reason.lowercased().contains("plugin") {
        return .filterUnavailable(file: file.displayPath, path: path, filter: filter.name, id: filter.id)
      }
    }
    return .readFailed(file: file.displayPath, path: path, reason: reason)
  }
}
