// galmorph — HDF5IO
//
// Columns of compound ("table") datasets such as PyTables tables or numpy record arrays: one field is read by
// handing libhdf5 a memory type that is a compound with just that member, so only that column is converted and
// returned (libhdf5 matches compound members by name).

import CHDF5

extension HDF5Dataset {
  /// Member names of a compound dataset in stored order; empty for any other type.
  public var fieldNames: [String] {
    if case let .compound(members) = dataType { return members.map(\.name) }
    return []
  }

  /// The numeric field `name` of a compound dataset (all rows, or `rows` of the leading dimension), converted to
  /// `T`. Throws `fieldNotFound` listing the fields, `typeMismatch` for a non-numeric field.
  public func readField<T: HDF5Scalar>(_ name: String, rows: Range<Int>? = nil, as type: T.Type = T.self) throws -> [T]
  {
    let member = try field(name)
    guard member.type.isNumeric else {
      throw HDF5IOError.typeMismatch(
        file: file.displayPath, path: "\(path).\(name)", stored: member.type.description,
        requested: T.hdf5Name)
    }
    try validate(rows: rows)
    let count = rows.map { $0.count * rowElementCount } ?? elementCount
    if count == 0 { return [] }
    return try HDF5Library.locked {
      let memType = H5Tcreate(H5T_COMPOUND, MemoryLayout<T>.size)
      guard memType >= 0 else { throw file.error(path: path, call: "H5Tcreate") }
      defer { H5Tclose(memType) }
      guard H5Tinsert(memType, name, 0, T.hdf5MemoryType) >= 0 else { throw file.error(path: path, call: "H5Tinsert") }
      return try [T](unsafeUninitializedCapacity: count) { buffer, initialized in
        try withSelection(rows: rows) { memSpace, fileSpace in
          if H5Dread(id, memType, memSpace, fileSpace, chdf5_p_default(), buffer.baseAddress) < 0 { throw readError() }
        }
        initialized = count
      }
    }
  }

  /// The string field `name` (fixed or variable length) of a compound dataset, all rows.
  public func readStringField(_ name: String) throws -> [String] {
    let member = try field(name)
    guard member.type.isString else {
      throw HDF5IOError.typeMismatch(
        file: file.displayPath, path: "\(path).\(name)", stored: member.type.description,
        requested: "string")
    }
    return try HDF5Library.locked {
      let type = H5Dget_type(id)
      guard type >= 0 else { throw file.error(path: path, call: "H5Dget_type") }
      defer { H5Tclose(type) }
      let index = H5Tget_member_index(type, name)
      let memberType = index >= 0 ? H5Tget_member_type(type, UInt32(index)) : -1
      guard memberType >= 0 else { throw file.error(path: path, call: "H5Tget_member_type") }
      defer { H5Tclose(memberType) }
      let space = H5Dget_space(id)
      guard space >= 0 else { throw file.error(path: path, call: "H5Dget_space") }
      defer { H5Sclose(space) }
      try checkAllocatable(count: elementCount, elementBytes: HDF5StringCodec.bytesPerValue(memberType))
      let did = id
      guard
        let strings = HDF5StringCodec.read(
          count: elementCount, fileType: memberType, space: space, field: name,
          { mem, buffer in
            H5Dread(did, mem, chdf5_s_all(), chdf5_s_all(), chdf5_p_default(), buffer)
          })
      else { throw readError() }
      return strings
    }
  }

  /// The compound member `name`, after checking filters; throws `fieldNotFound` or `typeMismatch`.
  private func field(_ name: String) throws -> HDF5DataType.Member {
    try requireFiltersAvailable()
    guard case let .compound(members) = dataType else {
      throw HDF5IOError.typeMismatch(
        file: file.displayPath, path: path, stored: dataType.description, requested: "a table (compound type)")
    }
    guard let member = members.first(where: { $0.name == name }) else {
      throw HDF5IOError.fieldNotFound(file: file.displayPath, path: path, field: name, available: members.map(\.name))
    }
    return member
  }
}
