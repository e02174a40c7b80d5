// galmorph — HDF5IO

/// Storage options for a new dataset.
///
/// Compression needs chunked storage: when `gzipLevel` or `shuffle` is set without `chunks`, a chunk shape is
/// chosen automatically: whole rows, about 256 KiB per chunk (at least one row). Whole rows suit reading batches
/// along the leading dimension; small chunks keep random access cheap (reading one 69×69×3 image decompresses at
/// most 18 images, a 256×256×3 image only itself), while staying well above the per-chunk overhead.
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
    let rows = max(1, min(shape.first ?? 1, (256 << 10) / rowBytes))
    return [rows] + shape.dropFirst().map { max(1, $0) }
  }
}
