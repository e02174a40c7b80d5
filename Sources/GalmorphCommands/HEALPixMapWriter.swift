// galmorph — GalmorphCommands
//
// Full-sky HEALPix maps as FITS binary tables in the layout healpy's `write_map` produces and `read_map` reads.
// Depends only on FITSIO and SkyGeometry, so it can move into a library target unchanged.

import FITSIO
import Foundation
import GalmorphSupport
import SkyGeometry

/// Writes a full-sky HEALPix map (one value per pixel) as a FITS file that `healpy.read_map` reads.
///
/// Layout, as `healpy.write_map(path, m, column_names=[name], coord=coordsys, dtype=np.float64)` (healpy 1.20)
/// writes it, following the HEALPix FITS conventions (Górski et al. 2005, ApJ 622, 759; "The HEALPix primer",
/// §"FITS format"):
/// - an empty primary HDU, then one binary table with a single `D` (float64) column named `columnName`;
/// - maps of more than 1024 pixels are stored 1024 pixels per row (TFORM `1024D`, NAXIS2 = npix/1024, healpy's
///   default `fits_IDL=True`), smaller maps one pixel per row (TFORM `D`);
/// - header cards PIXTYPE = 'HEALPIX', ORDERING = 'RING' | 'NESTED', COORDSYS (default 'C', celestial/equatorial),
///   NSIDE, FIRSTPIX = 0, LASTPIX = npix − 1, INDXSCHM = 'IMPLICIT', OBJECT = 'FULLSKY', then `cards`
///   (e.g. provenance). NaN values stay NaN (healpy reads them as NaN; it maps only UNSEEN = −1.6375e30 to UNSEEN).
/// The file appears atomically (`FITSWriter`).
struct HEALPixMapWriter {
  var pixelization: HEALPix
  var columnName: String = "SIGMA"
  var unit: String = ""
  /// 'C' celestial (ICRS/equatorial), 'G' Galactic, 'E' ecliptic.
  var coordinateSystem: String = "C"
  var extensionName: String = "xtension"

  /// The HEALPix-convention cards of the table header (without the table-structure cards).
  var healpixCards: [FITSCard] {
    [
      FITSCard("PIXTYPE", "HEALPIX", comment: "HEALPIX pixelisation"),
      FITSCard("ORDERING", pixelization.ordering == .ring ? "RING" : "NESTED",
               comment: "Pixel ordering scheme, either RING or NESTED"),
      FITSCard("COORDSYS", coordinateSystem, comment: "Ecliptic, Galactic or Celestial (equatorial)"),
      FITSCard("NSIDE", pixelization.nside, comment: "Resolution parameter of HEALPIX"),
      FITSCard("FIRSTPIX", 0, comment: "First pixel # (0 based)"),
      FITSCard("LASTPIX", pixelization.pixelCount - 1, comment: "Last pixel # (0 based)"),
      FITSCard("INDXSCHM", "IMPLICIT", comment: "Indexing: IMPLICIT or EXPLICIT"),
      FITSCard("OBJECT", "FULLSKY", comment: "Sky coverage, either FULLSKY or PARTIAL"),
    ]
  }

  /// Writes `values` (length = pixel count, in `pixelization.ordering`) to `url` with extra `cards`.
  func write(_ values: [Double], cards: [FITSCard] = [], to url: URL) throws {
    let npix = pixelization.pixelCount
    guard values.count == npix else {
      throw CommandError.input(path: url.path, reason: "a HEALPix map of nside \(pixelization.nside) needs \(npix) values, got \(values.count)")
    }
    let perRow = npix > 1024 ? 1024 : 1
    let spec = FITSColumnSpec(columnName, .float64, repeatCount: perRow, unit: unit)
    try FITSWriter.writeTable(columns: [spec], values: [.double(values)], extname: extensionName,
                              cards: healpixCards + cards, to: url)
  }
}

extension HEALPixMapWriter {
  /// The nside whose pixels best match an equal-angle grid of `step` degrees: the smallest power of two with
  /// pixel size √(4π/12)/nside rad (≈ 58.6°/nside) at most `step` (1° → 64).
  static func nside(matchingStepDegrees step: Double) -> Int {
    var nside = 1
    while (4 * Double.pi / 12).squareRoot() * 180 / .pi / Double(nside) > step && nside < 8192 { nside *= 2 }
    return nside
  }
}
