// galmorph — HDF5IO
//
// Batches of images from a `[N, H, W, C]` dataset read through hyperslabs, so that only the requested rows are
// read (and, for chunked data, decompressed): a 10 GB stack is never loaded whole.

/// A reader for an image stack stored as one dataset of shape `[N, H, W, C]` (NHWC, row-major, as h5py/numpy
/// write it; e.g. Galaxy10 `images`, `[N, 69, 69, 3]` or `[N, 256, 256, 3]` uint8) or `[N, H, W]` (one channel).
/// Any stored numeric type is converted to Float32 by libhdf5.
public struct HDF5ImageStack: Sendable {
  /// The image dataset.
  public let dataset: HDF5Dataset
  /// Number of images `N`.
  public var count: Int { dataset.shape[0] }
  /// Image height `H` (rows).
  public let height: Int
  /// Image width `W` (columns).
  public let width: Int
  /// Channels per pixel `C` (1 for a rank-3 stack).
  public let channels: Int

  /// Opens the stack at `path` in `file`. Throws `shapeMismatch` unless the dataset has rank 3 or 4, and
  /// `typeMismatch` unless it is numeric.
  public init(file: HDF5File, path: String = "images") throws {
    let dataset = try file.dataset(path)
    guard dataset.shape.count == 4 || dataset.shape.count == 3 else {
      throw HDF5IOError.shapeMismatch(
        file: file.displayPath, path: dataset.path,
        reason: "an image stack needs shape [N, H, W, C] or [N, H, W], found \(dataset.shape)")
    }
    guard dataset.dataType.isNumeric else {
      throw HDF5IOError.typeMismatch(
        file: file.displayPath, path: dataset.path, stored: dataset.dataType.description,
        requested: "numeric image data")
    }
    // Images of zero height, width or channels hold no pixels: refused here, before any buffer is sized from them.
    guard dataset.shape.dropFirst().allSatisfy({ $0 > 0 }) else {
      throw HDF5IOError.shapeMismatch(
        file: file.displayPath, path: dataset.path,
        reason: "images of shape \(Array(dataset.shape.dropFirst())) hold no pixels (every side must be positive)")
    }
    self.dataset = dataset
    height = dataset.shape[1]
    width = dataset.shape[2]
    channels = dataset.shape.count == 4 ? dataset.shape[3] : 1
  }

  /// Floats per image: `H·W·C`.
  public var imageElementCount: Int { height * width * channels }

  /// Images `rows` as Float32 `[n·H·W·C]` (NHWC), each value multiplied by `scale` (e.g. `1/255` for uint8).
  public func batch(rows: Range<Int>, scale: Float = 1) throws -> [Float] {
    var values = try dataset.read(rows: rows, as: Float.self)
    if scale != 1 { Self.multiply(&values, by: scale) }
    return values
  }

  /// Images at `indices` (any order, repeats allowed) as Float32 `[n·H·W·C]` in the order given. Consecutive
  /// indices are read with one hyperslab each run.
  public func batch(indices: [Int], scale: Float = 1) throws -> [Float] {
    let per = imageElementCount
    var result = [Float](repeating: 0, count: indices.count * per)
    let order = indices.indices.sorted { indices[$0] < indices[$1] }
    var i = 0
    while i < order.count {
      var j = i + 1
      while j < order.count, indices[order[j]] <= indices[order[j - 1]] + 1 { j += 1 }
      let first = indices[order[i]], last = indices[order[j - 1]]
      let run = try dataset.read(rows: first..<(last + 1), as: Float.self)
      for k in i..<j {
        let source = (indices[order[k]] - first) * per
        let target = order[k] * per
        result.withUnsafeMutableBufferPointer { out in
          run.withUnsafeBufferPointer { src in
            out.baseAddress!.advanced(by: target).update(from: src.baseAddress!.advanced(by: source), count: per)
          }
        }
      }
      i = j
    }
    if scale != 1 { Self.multiply(&result, by: scale) }
    return result
  }

  private static func multiply(_ values: inout [Float], by scale: Float) {
    values.withUnsafeMutableBufferPointer { buffer in
      for i in buffer.indices { buffer[i] *= scale }
    }
  }
}
