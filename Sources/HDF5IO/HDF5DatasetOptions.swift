// galmorph — HDF5IO

/// Storage options for a new dataset.
///
/// Compression needs chunked storage: when `gzipLevel` or `shuffle` is set without `chunks`, a chunk shape is
/// chosen automatically (whole rows, about 1 MiB per chunk, the size h5py's guesser aims for), which suits reading
/// batches of rows along the leading dimension.
public struct HDF5DatasetOptions: Equatable, Sendable {
  /// Chunk dimensions (same rank as the shape, each ≥ 1), or `nil` for contiguous storage (or automatic chunks
  /// when compressing or when `unlimitedRows` is set).
  public var chunks: [Int]?
  /// Deflate (gzip) level 0–9, or `nil` for none. Level 4 (h5py's default) balances size and speed.
  public var gzipLevel: Int?
  /// Byte shuffle before compression (groups the bytes of each element; improves gzip on numeric data).
  public var shuffle: Bool
  /// Let the leading dimension grow later (`maxshape=(None, ...)`); needs chunked storage.
  public var unlimitedRows: Bool

  public init(chunks: [Int]? = nil, gzipLevel: Int? = nil, shuffle: Bool = false, unlimitedRows: Bool = false) {
    self.chunks = chunks
    self.gzipLevel = gzipLevel
    self.shuffle = shuffle
    self.unlimitedRows = unlimitedRows
  }

  /// Contiguous, uncompressed storage.
  public static let contiguous = HDF5DatasetOptions()
  /// gzip level 4 with shuffle and automatic chunks.
  public static let compressed = HDF5DatasetOptions(gzipLevel: 4, shuffle: true)

  /// Whether chunked storage is needed.
  var needsChunks: Bool { chunks != nil || gzipLevel != nil || shuffle || unlimitedRows }

  /// The chunk shape to use for `shape` with elements of `elementSize` bytes.
  func chunkShape(for shape: [Int], elementSize: Int) -> [Int] {
    if let chunks { return chunks }
    let rowBytes = max(1, shape.dropFirst().reduce(1, *) * elementSize)
    let rows = max(1, min(shape.first ?? 1, (1 << 20) / rowBytes))
    return [rows] + shape.dropFirst().map { max(1, $0) }
  }
}
