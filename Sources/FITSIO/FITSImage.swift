// galmorph — FITSIO
//
// Pixels of an image HDU (or a box of it) as Float or Double, with missing pixels as NaN.

import CCFITSIO

/// A floating-point pixel type cfitsio converts to (`TFLOAT`, `TDOUBLE`).
public protocol FITSPixel: BinaryFloatingPoint, BitwiseCopyable, Sendable, Codable {
  /// cfitsio's datatype code for this type.
  static var cfitsioDatatype: Int32 { get }
}

extension Float: FITSPixel { public static var cfitsioDatatype: Int32 { TFLOAT } }
extension Double: FITSPixel { public static var cfitsioDatatype: Int32 { TDOUBLE } }

/// Shape and storage type of an image HDU, without its pixels.
public struct FITSImageInfo: Hashable, Sendable, Codable {
  /// BITPIX of the stored (or, for tile-compressed images, the original: ZBITPIX) pixels: 8, 16, 32, 64, −32, −64.
  public var bitpix: Int
  /// NAXIS1, NAXIS2, … (FITS order: NAXIS1 varies fastest). Empty when NAXIS = 0 (no data).
  public var shape: [Int]
  /// True for a tile-compressed image.
  public var isCompressed: Bool
  /// BSCALE and BZERO (1 and 0 when absent); physical value = BZERO + BSCALE × stored value.
  public var bscale: Double
  public var bzero: Double
  /// BLANK (integer images only): the stored value that marks an undefined pixel.
  public var blank: Int64?

  /// Number of pixels (0 when NAXIS = 0).
  public var pixelCount: Int { shape.isEmpty ? 0 : shape.reduce(1, *) }
}

/// An image or image box read from a FITS file.
///
/// Layout: `pixels` is in FITS order, NAXIS1 fastest: the pixel at 0-based `(x, y, z)` is
/// `pixels[x + shape[0] * (y + shape[1] * z)]` (so a 2-D image is row-major with `y` as the row, and a cube is a
/// stack of `shape[2]` planes). Values are physical: `BZERO + BSCALE × stored` (FITS standard 4.0 §5.3), applied
/// by cfitsio in double precision. Missing pixels — integer pixels equal to BLANK, and NaN floating-point pixels
/// (§5.3.3) — are NaN, and `missingCount` counts them.
public struct FITSImage<Pixel: FITSPixel>: Sendable, Equatable {
  public var shape: [Int]
  public var pixels: [Pixel]
  public var missingCount: Int

  public init(shape: [Int], pixels: [Pixel], missingCount: Int? = nil) {
    precondition(shape.reduce(1, *) == pixels.count, "FITSImage: \(pixels.count) pixels do not fill shape \(shape)")
    self.shape = shape
    self.pixels = pixels
    self.missingCount = missingCount ?? pixels.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
  }

  /// Width (NAXIS1).
  public var width: Int { shape.first ?? 0 }
  /// Height (NAXIS2; 1 for a 1-D image).
  public var height: Int { shape.count > 1 ? shape[1] : 1 }

  /// The pixel at 0-based coordinates in FITS axis order (x = NAXIS1 index first).
  public subscript(_ coordinates: Int...) -> Pixel {
    precondition(
      coordinates.count == shape.count, "FITSImage: \(coordinates.count) coordinates for \(shape.count) axes")
    var offset = 0
    var stride = 1
    for (c, n) in zip(coordinates, shape) {
      precondition(c >= 0 && c < n, "FITSImage: coordinate \(c) outside 0..<\(n)")
      offset += c * stride
      stride *= n
    }
    return pixels[offset]
  }
}
