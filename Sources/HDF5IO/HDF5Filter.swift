// galmorph — HDF5IO
//
// Filters in a dataset's pipeline, with the registered names of the common third-party ones so that an
// unavailable filter can be named in the error (ids from the HDF Group filter registry,
// https://github.com/HDFGroup/hdf5_plugins/blob/master/docs/RegisteredFilterPlugins.md).

/// One filter of a chunked dataset's pipeline.
public struct HDF5Filter: Codable, Equatable, Sendable, CustomStringConvertible {
  /// Filter id (1 deflate, 2 shuffle, 3 fletcher32, 4 szip, 5 nbit, 6 scaleoffset, 305 LZO, 307 bzip2,
  /// 32001 blosc, 32004 lz4, 32008 bitshuffle, 32015 zstd ...).
  public var id: Int
  /// Name: the well-known name for registered ids, else the name stored in the file.
  public var name: String
  /// Client data values (for deflate: the compression level).
  public var values: [UInt32]
  /// Whether this libhdf5 can apply the filter (decode data compressed with it).
  public var isAvailable: Bool

  public init(id: Int, name: String, values: [UInt32], isAvailable: Bool) {
    self.id = id
    self.name = name
    self.values = values
    self.isAvailable = isAvailable
  }

  /// `gzip(4)`, `shuffle`, `fletcher32`, `lzo`, `blosc` ... (deflate shows its level).
  public var description: String {
    if id == 1, let level = values.first { return "gzip(\(level))" }
    return name
  }

  /// Well-known names of registered filter ids.
  public static let knownNames: [Int: String] = [
    1: "gzip", 2: "shuffle", 3: "fletcher32", 4: "szip", 5: "nbit", 6: "scaleoffset",
    305: "lzo", 307: "bzip2", 32000: "lzf", 32001: "blosc", 32002: "mafisc", 32003: "snappy", 32004: "lz4",
    32005: "apax", 32006: "cbf", 32007: "jpeg-xr", 32008: "bitshuffle", 32009: "spdp", 32010: "lpc-rice",
    32011: "ccsds-123", 32012: "jpeg-ls", 32013: "zfp", 32014: "fpzip", 32015: "zstd", 32016: "b3d",
    32017: "sz", 32018: "fcidecomp", 32019: "jpeg", 32020: "vbz", 32022: "sz3", 32026: "blosc2",
  ]
}
