// galmorph — HDF5IO
//
// Looking up, creating and listing groups and datasets by path.

import CHDF5

extension HDF5File {
  /// The root group.
  public func rootGroup() throws -> HDF5Group { try group("/") }

  /// The attributes of the file (its root group).
  public var attributes: HDF5AttributeSet { HDF5AttributeSet(owner: self, file: self, path: "/", id: rootID) }

  /// Opens the group at `path`. Throws `notFound` listing the names in the deepest existing parent group.
  public func group(_ path: String) throws -> HDF5Group {
    let path = Self.normalize(path)
    return try HDF5Library.locked {
      let fid = try openID(for: path)
      try requireLink(path)
      let gid = H5Gopen2(fid, path, chdf5_p_default())
      guard gid >= 0 else {
        throw HDF5IOError.typeMismatch(
          file: displayPath, path: path, stored: "a non-group object (\(HDF5Library.errorStack()))",
          requested: "group")
      }
      return HDF5Group(file: self, path: path, id: gid)
    }
  }

  /// Opens the dataset at `path`. Throws `notFound` listing the names in the deepest existing parent group.
  public func dataset(_ path: String) throws -> HDF5Dataset {
    let path = Self.normalize(path)
    return try HDF5Library.locked {
      let fid = try openID(for: path)
      try requireLink(path)
      let dapl = Self.datasetAccessPlist()
      defer { if dapl >= 0 { H5Pclose(dapl) } }
      let did = H5Dopen2(fid, path, dapl >= 0 ? dapl : chdf5_p_default())
      guard did >= 0 else {
        let reason = HDF5Library.errorStack()
        throw HDF5IOError.readFailed(file: displayPath, path: path, reason: "cannot open as a dataset: \(reason)")
      }
      return try HDF5Dataset(file: self, path: path, id: did)
    }
  }

  /// Whether a link exists at `path` (each intermediate group must exist; a dangling soft link counts).
  public func exists(_ path: String) -> Bool {
    let path = Self.normalize(path)
    if path == "/" { return true }
    return HDF5Library.locked {
      guard id >= 0 else { return false }
      var prefix = ""
      for part in path.split(separator: "/") {
        prefix += "/" + part
        if H5Lexists(id, prefix, chdf5_p_default()) <= 0 { HDF5Library.clearErrors(); return false }
      }
      return true
    }
  }

  /// Creates the group at `path` and any missing intermediate groups; returns the (new or existing) group.
  @discardableResult
  public func createGroup(_ path: String) throws -> HDF5Group {
    let path = Self.normalize(path)
    if exists(path) { return try group(path) }
    return try HDF5Library.locked {
      let fid = try openID(for: path)
      let lcpl = try Self.intermediateGroupsPlist()
      defer { H5Pclose(lcpl) }
      let gid = H5Gcreate2(fid, path, lcpl, chdf5_p_default(), chdf5_p_default())
      guard gid >= 0 else {
        throw HDF5IOError.writeFailed(file: displayPath, path: path, reason: HDF5Library.errorStack())
      }
      return HDF5Group(file: self, path: path, id: gid)
    }
  }

  /// Raw-data chunk cache per open dataset: 16 MiB (libhdf5's default is 1 MiB, smaller than one chunk of a
  /// typical image stack, which would make every partial-chunk read decompress the chunk again).
  static let chunkCacheBytes = 16 << 20

  /// A dataset-access property list with the larger chunk cache, or -1 (caller holds the lock and closes it).
  static func datasetAccessPlist() -> hid_t {
    let dapl = H5Pcreate(chdf5_p_dataset_access())
    guard dapl >= 0 else { HDF5Library.clearErrors(); return -1 }
    _ = H5Pset_chunk_cache(dapl, 12_421, chunkCacheBytes, 0.75)
    return dapl
  }

  /// A link-creation property list that creates missing intermediate groups (caller holds the lock and closes it).
  static func intermediateGroupsPlist() throws -> hid_t {
    let lcpl = H5Pcreate(chdf5_p_link_create())
    guard lcpl >= 0, H5Pset_create_intermediate_group(lcpl, 1) >= 0 else {
      throw HDF5IOError.library(
        file: "", path: "", call: "H5Pset_create_intermediate_group", reason: HDF5Library.errorStack())
    }
    return lcpl
  }

  /// Names of the links in the group at `path`, in name order.
  public func memberNames(of path: String) throws -> [String] {
    let path = Self.normalize(path)
    return try HDF5Library.locked {
      let fid = try openID(for: path)
      var info = H5G_info_t()
      guard H5Gget_info_by_name(fid, path, &info, chdf5_p_default()) >= 0 else {
        throw error(path: path, call: "H5Gget_info_by_name")
      }
      var names: [String] = []
      for i in 0..<info.nlinks {
        let size = H5Lget_name_by_idx(fid, path, H5_INDEX_NAME, H5_ITER_INC, i, nil, 0, chdf5_p_default())
        guard size >= 0 else { throw error(path: path, call: "H5Lget_name_by_idx") }
        var buffer = [CChar](repeating: 0, count: Int(size) + 1)
        _ = H5Lget_name_by_idx(fid, path, H5_INDEX_NAME, H5_ITER_INC, i, &buffer, buffer.count, chdf5_p_default())
        names.append(stringFromBuffer(buffer))
      }
      return names
    }
  }

  /// Throws `notFound` unless a link exists at `path` (caller holds the lock).
  func requireLink(_ path: String) throws {
    if path == "/" || exists(path) { return }
    var parent = "/"
    var prefix = ""
    for part in path.split(separator: "/") {
      prefix += "/" + part
      guard exists(prefix) else { break }
      parent = prefix
    }
    let available = (try? memberNames(of: parent)) ?? []
    throw HDF5IOError.notFound(
      file: displayPath, path: path, available: available.map { parent == "/" ? "/\($0)" : "\(parent)/\($0)" })
  }

  /// Lists every link in the file depth-first in name order. Each object is entered once: a second hard link to an
  /// already listed object is reported as `.hardLink` (this also stops cycles). Soft and external links are
  /// reported, never followed.
  public func walk() throws -> [HDF5Node] {
    try HDF5Library.locked {
      var nodes: [HDF5Node] = []
      var seen: [haddr_t: String] = [:]
      let fid = try openID(for: "/")
      var rootInfo = H5O_info_t()
      if H5Oget_info_by_name2(fid, "/", &rootInfo, UInt32(H5O_INFO_BASIC), chdf5_p_default()) >= 0 {
        seen[rootInfo.addr] = "/"
      }
      try walk(group: "/", fid: fid, into: &nodes, seen: &seen)
      return nodes
    }
  }

  private func walk(group: String, fid: hid_t, into nodes: inout [HDF5Node], seen: inout [haddr_t: String]) throws {
    for name in try memberNames(of: group) {
      let path = group == "/" ? "/\(name)" : "\(group)/\(name)"
      var link = H5L_info_t()
      guard H5Lget_info(fid, path, &link, chdf5_p_default()) >= 0 else {
        HDF5Library.clearErrors()
        nodes.append(HDF5Node(path: path, kind: .other))
        continue
      }
      switch link.type {
      case H5L_TYPE_SOFT, H5L_TYPE_EXTERNAL:
        nodes.append(linkNode(path: path, link: link, fid: fid))
      case H5L_TYPE_HARD:
        var info = H5O_info_t()
        guard H5Oget_info_by_name2(fid, path, &info, UInt32(H5O_INFO_BASIC), chdf5_p_default()) >= 0 else {
          HDF5Library.clearErrors()
          nodes.append(HDF5Node(path: path, kind: .other))
          continue
        }
        if let first = seen[info.addr] {
          nodes.append(HDF5Node(path: path, kind: .hardLink, target: first))
          continue
        }
        seen[info.addr] = path
        switch info.type {
        case H5O_TYPE_GROUP:
          nodes.append(HDF5Node(path: path, kind: .group))
          try walk(group: path, fid: fid, into: &nodes, seen: &seen)
        case H5O_TYPE_DATASET: nodes.append(HDF5Node(path: path, kind: .dataset))
        case H5O_TYPE_NAMED_DATATYPE: nodes.append(HDF5Node(path: path, kind: .namedType))
        default: nodes.append(HDF5Node(path: path, kind: .other))
        }
      default:
        nodes.append(HDF5Node(path: path, kind: .other))
      }
    }
  }

  /// A soft or external link node with its target (caller holds the lock).
  private func linkNode(path: String, link: H5L_info_t, fid: hid_t) -> HDF5Node {
    let size = link.u.val_size
    var buffer = [CChar](repeating: 0, count: size + 1)
    guard H5Lget_val(fid, path, &buffer, buffer.count, chdf5_p_default()) >= 0 else {
      HDF5Library.clearErrors()
      return HDF5Node(path: path, kind: link.type == H5L_TYPE_SOFT ? .softLink : .externalLink)
    }
    if link.type == H5L_TYPE_SOFT { return HDF5Node(path: path, kind: .softLink, target: stringFromBuffer(buffer)) }
    return buffer.withUnsafeBufferPointer { raw -> HDF5Node in
      var flags: UInt32 = 0
      var fileName: UnsafePointer<CChar>?
      var objectName: UnsafePointer<CChar>?
      guard H5Lunpack_elink_val(raw.baseAddress, size, &flags, &fileName, &objectName) >= 0, let fileName,
        let objectName
      else {
        HDF5Library.clearErrors()
        return HDF5Node(path: path, kind: .externalLink)
      }
      return HDF5Node(
        path: path, kind: .externalLink, target: "\(String(cString: fileName)):\(String(cString: objectName))")
    }
  }
}
