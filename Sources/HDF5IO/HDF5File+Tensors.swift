// galmorph — HDF5IO
//
// A small generic API for sets of named Float32 arrays (model weights, optimizer state): each tensor is one
// little-endian float32 dataset whose path is its key (`conv1/kernel` → `/conv1/kernel`), so files read back
// bit-identically (no conversion happens: stored and memory types are both IEEE binary32) and open in h5py /
// Keras-style tools as nested groups.

extension HDF5File {
  /// Writes `values` with `shape` as float32 dataset `path`, creating parent groups and replacing an existing
  /// dataset of the same name.
  public func writeTensor(
    path: String, shape: [Int], values: [Float],
    options: HDF5DatasetOptions = .contiguous
  ) throws {
    let path = Self.normalize(path)
    if exists(path) { try removeObject(path) }
    try createDataset(path, shape: shape, values: values, options: options)
  }

  /// Reads dataset `path` as a tensor (float32 is returned bit-identically; other numeric types are converted).
  public func readTensor(path: String) throws -> HDF5Tensor {
    let dataset = try dataset(path)
    return HDF5Tensor(shape: dataset.shape, values: try dataset.read(as: Float.self))
  }

  /// Writes every tensor of `tensors` at `group/key` (keys may contain `/` for nesting).
  public func writeTensors(_ tensors: [String: HDF5Tensor], under group: String = "/") throws {
    let base = Self.normalize(group)
    for key in tensors.keys.sorted() {
      guard let tensor = tensors[key] else { continue }
      try writeTensor(path: base == "/" ? key : "\(base)/\(key)", shape: tensor.shape, values: tensor.values)
    }
  }

  /// Reads every numeric dataset below `group` as a tensor, keyed by its path relative to `group`
  /// (`conv1/kernel`). Non-numeric datasets are skipped.
  public func readTensors(under group: String = "/") throws -> [String: HDF5Tensor] {
    let base = Self.normalize(group)
    let prefix = base == "/" ? "/" : base + "/"
    var tensors: [String: HDF5Tensor] = [:]
    for node in try walk() where node.kind == .dataset && node.path.hasPrefix(prefix) {
      let dataset = try dataset(node.path)
      guard dataset.dataType.isNumeric else { continue }
      tensors[String(node.path.dropFirst(prefix.count))] = HDF5Tensor(
        shape: dataset.shape, values: try dataset.read(as: Float.self))
    }
    return tensors
  }
}
