// galmorph — HDF5IO

import CHDF5

/// An open group. Keeps its file open.
public final class HDF5Group: @unchecked Sendable {
  /// The file holding the group.
  public let file: HDF5File
  /// Absolute path of the group in the file (`/` for the root).
  public let path: String
  let id: hid_t

  init(file: HDF5File, path: String, id: hid_t) {
    self.file = file
    self.path = path
    self.id = id
  }

  deinit { HDF5Library.locked { _ = H5Gclose(id) } }

  /// The attributes of this group.
  public var attributes: HDF5AttributeSet { HDF5AttributeSet(owner: self, file: file, path: path, id: id) }

  /// Names of the links (groups, datasets, soft/external links) directly in this group, in name order.
  public func memberNames() throws -> [String] { try file.memberNames(of: path) }
}
