// galmorph — HDF5IO
//
// An open dataset and its metadata (shape, type, layout, filters), read once when it is opened.

import CHDF5

/// An open dataset. Keeps its file open. Metadata is read when the dataset is opened; data is read on demand
/// (whole, or a hyperslab of rows along the leading dimension).
public final class HDF5Dataset: @unchecked Sendable {
  /// The file holding the dataset.
  public let file: HDF5File
  /// Absolute path of the dataset in the file.
  public let path: String
  /// Dimensions (row-major, C order, as h5py reports them); `[]` for a scalar dataset.
  public internal(set) var shape: [Int]
  /// Maximum dimensions; `nil` entries are unlimited.
  public let maxShape: [Int?]
  /// The stored datatype.
  public let dataType: HDF5DataType
  /// Chunk dimensions for chunked storage, `nil` for contiguous or compact storage.
  public let chunkShape: [Int]?
  /// The filter pipeline (empty for unfiltered data).
  public let filters: [HDF5Filter]
  let id: hid_t

  /// Reads the metadata (caller holds the lock). Closes `id` and throws if it cannot be read.
  init(file: HDF5File, path: String, id: hid_t) throws {
    self.file = file
    self.path = path
    self.id = id
    do {
      let space = H5Dget_space(id)
      guard space >= 0 else { throw file.error(path: path, call: "H5Dget_space") }
      defer { H5Sclose(space) }
      (shape, maxShape) = try Self.dimensions(of: space, file: file, path: path)
      let type = H5Dget_type(id)
      guard type >= 0 else { throw file.error(path: path, call: "H5Dget_type") }
      dataType = HDF5DataType.describe(type)
      H5Tclose(type)
      let dcpl = H5Dget_create_plist(id)
      guard dcpl >= 0 else { throw file.error(path: path, call: "H5Dget_create_plist") }
      defer { H5Pclose(dcpl) }
      (chunkShape, filters) = Self.layout(dcpl)
    } catch {
      H5Dclose(id)
      throw error
    }
  }

  deinit { HDF5Library.locked { _ = H5Dclose(id) } }

  /// The attributes of this dataset.
  public var attributes: HDF5AttributeSet { HDF5AttributeSet(owner: self, file: file, path: path, id: id) }

  /// Number of elements (product of `shape`; 1 for a scalar dataset).
  public var elementCount: Int { shape.reduce(1, *) }

  /// Elements per row of the leading dimension (product of `shape.dropFirst()`).
  public var rowElementCount: Int { shape.dropFirst().reduce(1, *) }

  /// Current and maximum dimensions of dataspace `space` (caller holds the lock); `[]` for scalar or null.
  ///
  /// A corrupt dataspace can hold any 64-bit size: dimensions beyond `Int.max`, or whose product (the element count)
  /// overflows, throw ``HDF5IOError/layout(file:path:reason:)`` instead of trapping in the conversion (a `make fuzz`
  /// hdf5-stack finding, session 19).
  static func dimensions(of space: hid_t, file: HDF5File, path: String) throws -> ([Int], [Int?]) {
    let rank = Int(H5Sget_simple_extent_ndims(space))
    guard rank >= 0 else { throw file.error(path: path, call: "H5Sget_simple_extent_ndims") }
    if rank == 0 { return ([], []) }
    var dims = [hsize_t](repeating: 0, count: rank)
    var maxDims = [hsize_t](repeating: 0, count: rank)
    guard H5Sget_simple_extent_dims(space, &dims, &maxDims) >= 0 else {
      throw file.error(path: path, call: "H5Sget_simple_extent_dims")
    }
    let unlimited = chdf5_s_unlimited()
    let shape = dims.compactMap { Int(exactly: $0) }
    var product = 1, overflow = shape.count != rank
    for n in shape where !overflow { (product, overflow) = product.multipliedReportingOverflow(by: n) }
    guard !overflow else {
      throw HDF5IOError.layout(
        file: file.displayPath, path: path,
        reason: "its dataspace has dimensions \(dims.map(String.init)) — more elements than any file can hold; the "
          + "file is corrupt")
    }
    return (shape, maxDims.map { $0 == unlimited ? nil : Int(exactly: $0) })
  }

  /// Chunk shape and filter pipeline from a dataset creation property list (caller holds the lock).
  static func layout(_ dcpl: hid_t) -> ([Int]?, [HDF5Filter]) {
    var chunks: [Int]? = nil
    if H5Pget_layout(dcpl) == H5D_CHUNKED {
      var dims = [hsize_t](repeating: 0, count: 32)
      let rank = Int(H5Pget_chunk(dcpl, 32, &dims))
      if rank >= 0 { chunks = dims.prefix(rank).map { Int($0) } }
    }
    var filters: [HDF5Filter] = []
    let count = max(0, Int(H5Pget_nfilters(dcpl)))
    for i in 0..<count {
      var flags: UInt32 = 0
      var nValues = 16
      var values = [UInt32](repeating: 0, count: 16)
      var name = [CChar](repeating: 0, count: 256)
      var config: UInt32 = 0
      let fid = H5Pget_filter2(dcpl, UInt32(i), &flags, &nValues, &values, name.count, &name, &config)
      guard fid >= 0 else { continue }
      let id = Int(fid)
      let stored = stringFromBuffer(name)
      let label = HDF5Filter.knownNames[id] ?? (stored.isEmpty ? "filter\(id)" : stored)
      filters.append(
        HDF5Filter(
          id: id, name: label, values: Array(values.prefix(min(nValues, 16))),
          isAvailable: H5Zfilter_avail(fid) > 0))
    }
    HDF5Library.clearErrors()
    return (chunks, filters)
  }
}
