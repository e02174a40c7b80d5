// galmorph — FITSIO
//
// Naming an HDU (header-data unit) of a FITS file, and what kind it is.

/// Selects an HDU: by 0-based position (0 = primary, as in astropy's `HDUList`; cfitsio counts from 1) or by
/// EXTNAME (case-insensitive, first match; cfitsio `ffmnhd` with `ANY_HDU`, which also matches HDUNAME).
///
/// Integer and string literals convert: `file.readImage(1)`, `file.readImage("SCI")`.
public enum FITSHDU: Hashable, Sendable, CustomStringConvertible, ExpressibleByIntegerLiteral,
  ExpressibleByStringLiteral
{
  case index(Int)
  case name(String)

  /// The primary HDU (index 0).
  public static let primary = FITSHDU.index(0)

  public init(integerLiteral value: Int) { self = .index(value) }
  public init(stringLiteral value: String) { self = .name(value) }

  public var description: String {
    switch self {
    case let .index(i): return "HDU \(i)"
    case let .name(n): return "HDU '\(n)'"
    }
  }
}

/// The kind of an HDU. Tile-compressed images (stored as binary tables, FITS standard 4.0 §10) report `.image`,
/// as cfitsio decompresses them transparently; `FITSHDUInfo.isCompressed` tells them apart.
public enum FITSHDUKind: String, Codable, Sendable {
  case image
  case binaryTable = "bintable"
  case asciiTable = "ascii"
}

/// Where an HDU sits and what it is.
public struct FITSHDUInfo: Hashable, Sendable {
  /// 0-based position in the file (0 = primary).
  public var index: Int
  public var kind: FITSHDUKind
  /// The EXTNAME card, if any (a compressed image's EXTNAME, often `COMPRESSED_IMAGE`, comes from its table).
  public var extname: String?
  /// True for a tile-compressed image (RICE, GZIP, HCOMPRESS, PLIO).
  public var isCompressed: Bool

  /// `HDU 1 'SCI'`: the label error messages use.
  public var label: String { extname.map { "HDU \(index) '\($0)'" } ?? "HDU \(index)" }
}
