// galmorph — HDF5IO

/// A named Float32 array as stored in model files: `shape` (row-major) and its `values`.
public struct HDF5Tensor: Equatable, Sendable {
  public var shape: [Int]
  public var values: [Float]

  /// `values.count` must equal the product of `shape` (checked when written).
  public init(shape: [Int], values: [Float]) {
    self.shape = shape
    self.values = values
  }
}
