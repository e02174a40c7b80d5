// galmorph — HDF5IO
//
// Reading and writing fixed- and variable-length strings, shared by datasets and attributes.

import CHDF5
import Foundation

/// String conversion between Swift and HDF5 string types (caller holds the lock).
enum HDF5StringCodec {
  /// Reads `count` strings stored with string type `fileType`; `read(memType, buffer)` performs the
  /// `H5Dread`/`H5Aread` into `buffer`, `space` is the memory space used to reclaim variable-length data.
  /// Fixed-length values are cut at the first NUL (as numpy does for `S` arrays). Returns `nil` with the error
  /// stack left for the caller when libhdf5 fails.
  ///
  /// With `field`, `fileType` is the string type of that member of a compound dataset and the memory type handed
  /// to `read` is a one-member compound, so libhdf5 extracts just that field.
  static func read(
    count: Int, fileType: hid_t, space: hid_t, field: String? = nil,
    _ read: (hid_t, UnsafeMutableRawPointer) -> herr_t
  ) -> [String]? {
    let stringType = H5Tcopy(chdf5_t_c_s1())
    guard stringType >= 0 else { return nil }
    defer { H5Tclose(stringType) }
    guard let memType = wrap(stringType, field: field, fileType: fileType) else { return nil }
    defer { if memType != stringType { H5Tclose(memType) } }
    if count == 0 { return [] }
    if H5Tis_variable_str(fileType) > 0 {
      var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: count)
      let status = pointers.withUnsafeMutableBytes { read(memType, $0.baseAddress!) }
      guard status >= 0 else { return nil }
      let strings = pointers.map { $0.map { String(cString: $0) } ?? "" }
      _ = pointers.withUnsafeMutableBytes { H5Dvlen_reclaim(memType, space, chdf5_p_default(), $0.baseAddress!) }
      return strings
    }
    let size = max(1, Int(H5Tget_size(fileType)))
    var bytes = [UInt8](repeating: 0, count: size * count)
    let status = bytes.withUnsafeMutableBytes { read(memType, $0.baseAddress!) }
    guard status >= 0 else { return nil }
    return (0..<count).map { i in
      let slice = bytes[(i * size)..<((i + 1) * size)]
      let end = slice.firstIndex(of: 0) ?? slice.endIndex
      return String(decoding: slice[slice.startIndex..<end], as: UTF8.self)
    }
  }

  /// Bytes one value of string type `fileType` takes in the read buffer: a pointer for variable-length strings, the
  /// declared size (at least 1) for fixed-length ones.
  static func bytesPerValue(_ fileType: hid_t) -> Int {
    H5Tis_variable_str(fileType) > 0
      ? MemoryLayout<UnsafeMutablePointer<CChar>?>.stride : max(1, Int(H5Tget_size(fileType)))
  }

  /// Shapes `stringType` like `fileType` (size, character set, padding) and, with `field`, wraps it in a
  /// one-member compound of that name. Returns the type to read with (`stringType` itself without a field).
  private static func wrap(_ stringType: hid_t, field: String?, fileType: hid_t) -> hid_t? {
    _ = H5Tset_cset(stringType, H5Tget_cset(fileType))
    let variable = H5Tis_variable_str(fileType) > 0
    let size = variable ? chdf5_t_variable() : max(1, Int(H5Tget_size(fileType)))
    guard H5Tset_size(stringType, size) >= 0 else { return nil }
    if !variable { _ = H5Tset_strpad(stringType, H5Tget_strpad(fileType)) }
    guard let field else { return stringType }
    let bytes = variable ? MemoryLayout<UnsafeMutablePointer<CChar>?>.size : size
    let compound = H5Tcreate(H5T_COMPOUND, bytes)
    guard compound >= 0 else { return nil }
    guard H5Tinsert(compound, field, 0, stringType) >= 0 else { H5Tclose(compound); return nil }
    return compound
  }

  /// Creates the string type for `storage` (UTF-8); the caller closes it. Nil when libhdf5 fails.
  static func makeType(_ storage: HDF5StringStorage) -> hid_t? {
    let type = H5Tcopy(chdf5_t_c_s1())
    guard type >= 0 else { return nil }
    let size: Int
    switch storage {
    case .variableLength: size = chdf5_t_variable()
    case let .fixedLength(bytes): size = max(1, bytes)
    }
    guard H5Tset_size(type, size) >= 0, H5Tset_cset(type, H5T_CSET_UTF8) >= 0 else { H5Tclose(type); return nil }
    if case .fixedLength = storage { _ = H5Tset_strpad(type, H5T_STR_NULLPAD) }
    return type
  }

  /// Calls `body` with a buffer holding `strings` in the layout of `storage` (pointers for variable length,
  /// NUL-padded bytes for fixed length). Returns nil (without calling `body`) if a fixed-length string is too long.
  static func withBuffer<R>(
    _ strings: [String], _ storage: HDF5StringStorage,
    _ body: (UnsafeRawPointer) -> R
  ) -> R? {
    switch storage {
    case .variableLength:
      let pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
      defer { pointers.forEach { free($0) } }
      return pointers.withUnsafeBytes { body($0.baseAddress!) }
    case let .fixedLength(bytes):
      let size = max(1, bytes)
      var buffer = [UInt8](repeating: 0, count: size * max(1, strings.count))
      for (i, s) in strings.enumerated() {
        let utf8 = Array(s.utf8)
        guard utf8.count <= size else { return nil }
        buffer.replaceSubrange((i * size)..<(i * size + utf8.count), with: utf8)
      }
      return buffer.withUnsafeBytes { body($0.baseAddress!) }
    }
  }
}
