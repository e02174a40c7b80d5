// galmorph — HDF5IO
//
// Attributes of a file (its root group), a group or a dataset: list, read typed or untyped, write, delete.

import CHDF5

/// The attributes of one object. Obtained from `HDF5File.attributes`, `HDF5Group.attributes` or
/// `HDF5Dataset.attributes`; keeps the object open.
public struct HDF5AttributeSet: @unchecked Sendable {
  let owner: AnyObject
  let file: HDF5File
  /// Path of the object carrying the attributes.
  public let path: String
  let id: hid_t

  init(owner: AnyObject, file: HDF5File, path: String, id: hid_t) {
    self.owner = owner
    self.file = file
    self.path = path
    self.id = id
  }

  /// Attribute names in name order.
  public func names() throws -> [String] {
    try HDF5Library.locked {
      var info = H5O_info_t()
      guard H5Oget_info2(id, &info, UInt32(H5O_INFO_NUM_ATTRS)) >= 0 else {
        throw file.error(path: path, call: "H5Oget_info")
      }
      var names: [String] = []
      for i in 0..<info.num_attrs {
        let size = H5Aget_name_by_idx(id, ".", H5_INDEX_NAME, H5_ITER_INC, i, nil, 0, chdf5_p_default())
        guard size >= 0 else { throw file.error(path: path, call: "H5Aget_name_by_idx") }
        var buffer = [CChar](repeating: 0, count: Int(size) + 1)
        _ = H5Aget_name_by_idx(id, ".", H5_INDEX_NAME, H5_ITER_INC, i, &buffer, buffer.count, chdf5_p_default())
        names.append(stringFromBuffer(buffer))
      }
      return names
    }
  }

  /// Whether the attribute `name` exists.
  public func contains(_ name: String) -> Bool {
    HDF5Library.locked {
      let found = H5Aexists(id, name) > 0
      HDF5Library.clearErrors()
      return found
    }
  }

  /// Stored type and shape of attribute `name` (`[]` for a scalar; `nil` for an empty/null dataspace).
  public func info(_ name: String) throws -> (type: HDF5DataType, shape: [Int]?) {
    try withAttribute(name) { aid, type, space in
      let shape =
        H5Sget_simple_extent_type(space) == H5S_NULL
        ? nil
        : try HDF5Dataset.dimensions(of: space, file: file, path: "\(path)@\(name)").0
      return (HDF5DataType.describe(type), shape)
    }
  }

  /// Values of numeric attribute `name` converted to `T` (row-major; one value for a scalar).
  public func read<T: HDF5Scalar>(_ name: String, as type: T.Type = T.self) throws -> [T] {
    try withAttribute(name) { aid, fileType, space in
      let stored = HDF5DataType.describe(fileType)
      guard stored.isNumeric else {
        throw HDF5IOError.typeMismatch(
          file: file.displayPath, path: "\(path)@\(name)", stored: stored.description, requested: T.hdf5Name)
      }
      let count = max(0, Int(H5Sget_select_npoints(space)))
      if count == 0 || H5Sget_simple_extent_type(space) == H5S_NULL { return [] }
      try checkAllocatable(name, count: count, elementBytes: MemoryLayout<T>.stride, space: space)
      return try [T](unsafeUninitializedCapacity: count) { buffer, initialized in
        guard H5Aread(aid, T.hdf5MemoryType, buffer.baseAddress) >= 0 else {
          throw HDF5IOError.readFailed(
            file: file.displayPath, path: "\(path)@\(name)", reason: HDF5Library.errorStack())
        }
        initialized = count
      }
    }
  }

  /// The single value of numeric attribute `name`.
  public func scalar<T: HDF5Scalar>(_ name: String, as type: T.Type = T.self) throws -> T {
    let values = try read(name, as: T.self)
    guard values.count == 1, let value = values.first else {
      throw HDF5IOError.shapeMismatch(
        file: file.displayPath, path: "\(path)@\(name)", reason: "expected one value, found \(values.count)")
    }
    return value
  }

  /// Values of string attribute `name` (fixed or variable length; fixed ones cut at the first NUL).
  public func strings(_ name: String) throws -> [String] {
    try withAttribute(name) { aid, fileType, space in
      guard H5Tget_class(fileType) == H5T_STRING else {
        throw HDF5IOError.typeMismatch(
          file: file.displayPath, path: "\(path)@\(name)",
          stored: HDF5DataType.describe(fileType).description, requested: "string")
      }
      let count = H5Sget_simple_extent_type(space) == H5S_NULL ? 0 : max(0, Int(H5Sget_select_npoints(space)))
      try checkAllocatable(name, count: count, elementBytes: HDF5StringCodec.bytesPerValue(fileType), space: space)
      guard
        let values = HDF5StringCodec.read(
          count: count, fileType: fileType, space: space,
          { mem, buffer in
            H5Aread(aid, mem, buffer)
          })
      else {
        throw HDF5IOError.readFailed(file: file.displayPath, path: "\(path)@\(name)", reason: HDF5Library.errorStack())
      }
      return values
    }
  }

  /// The single string of attribute `name` (a one-element array counts).
  public func string(_ name: String) throws -> String {
    let values = try strings(name)
    guard values.count == 1, let value = values.first else {
      throw HDF5IOError.shapeMismatch(
        file: file.displayPath, path: "\(path)@\(name)", reason: "expected one string, found \(values.count)")
    }
    return value
  }

  /// The value of attribute `name` whatever its type: integers, unsigned integers, reals or strings; other types
  /// come back as `.unsupported(description)`.
  public func value(_ name: String) throws -> HDF5AttributeValue {
    let (type, _) = try info(name)
    switch type {
    case let .integer(_, signed, _):
      return signed ? .integers(try read(name, as: Int64.self)) : .unsignedIntegers(try read(name, as: UInt64.self))
    case .float: return .reals(try read(name, as: Double.self))
    case .string: return .strings(try strings(name))
    default: return .unsupported(type.description)
    }
  }

  /// Throws `layout` when attribute `name`'s declared size would not fit in memory (``HDF5AllocationGuard``).
  private func checkAllocatable(_ name: String, count: Int, elementBytes: Int, space: hid_t) throws {
    try HDF5AllocationGuard.check(
      count: count, elementBytes: elementBytes, file: file.displayPath, path: "\(path)@\(name)",
      shape: (try? HDF5Dataset.dimensions(of: space, file: file, path: "\(path)@\(name)").0) ?? [count])
  }

  /// Opens attribute `name` and calls `body(attribute, type, space)` (all closed afterwards) under the lock.
  /// Throws `attributeNotFound` listing the existing names.
  private func withAttribute<R>(_ name: String, _ body: (hid_t, hid_t, hid_t) throws -> R) throws -> R {
    try HDF5Library.locked {
      guard contains(name) else {
        throw HDF5IOError.attributeNotFound(
          file: file.displayPath, object: path, name: name, available: (try? names()) ?? [])
      }
      let aid = H5Aopen(id, name, chdf5_p_default())
      guard aid >= 0 else {
        throw HDF5IOError.readFailed(file: file.displayPath, path: "\(path)@\(name)", reason: HDF5Library.errorStack())
      }
      defer { H5Aclose(aid) }
      let type = H5Aget_type(aid)
      guard type >= 0 else { throw file.error(path: "\(path)@\(name)", call: "H5Aget_type") }
      defer { H5Tclose(type) }
      let space = H5Aget_space(aid)
      guard space >= 0 else { throw file.error(path: "\(path)@\(name)", call: "H5Aget_space") }
      defer { H5Sclose(space) }
      return try body(aid, type, space)
    }
  }
}
