// galmorph — FITSIO
//
// Full-sky HEALPix maps as FITS binary tables in the layout healpy's `write_map` produces and `read_map` reads.
// A FITS convention: it needs the map's nside and ordering, not the pixelisation itself (SkyGeometry.HEALPix).

import Foundation

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
public struct HEALPixMapWriter: Sendable {
  /// The HEALPix resolution: 12·nside² pixels.
  public var nside: Int
  /// NESTED instead of RING pixel ordering.
  public var nested: Bool
  public var columnName: String = "SIGMA"
  public var unit: String = ""
  /// 'C' celestial (ICRS/equatorial), 'G' Galactic, 'E' ecliptic.
  public var coordinateSystem: String = "C"
  public var extensionName: String = "xtension"

  public init(nside: Int, nested: Bool = false) { self.nside = nside; self.nested = nested }

  /// 12·nside².
  public var pixelCount: Int { 12 * nside * nside }

  /// The HEALPix-convention cards of the table header (without the table-structure cards).
  public var healpixCards: [FITSCard] {
    [
      FITSCard("PIXTYPE", "HEALPIX", comment: "HEALPIX pixelisation"),
      FITSCard(
        "ORDERING", nested ? "NESTED" : "RING",
        comment: "Pixel ordering scheme, either RING or NESTED"),
      FITSCard("COORDSYS", coordinateSystem, comment: "Ecliptic, Galactic or Celestial (equatorial)"),
      FITSCard("NSIDE", nside, comment: "Resolution parameter of HEALPIX"),
      FITSCard("FIRSTPIX", 0, comment: "First pixel # (0 based)"),
      FITSCard("LASTPIX", pixelCount - 1, comment: "Last pixel # (0 based)"),
      FITSCard("INDXSCHM", "IMPLICIT", comment: "Indexing: IMPLICIT or EXPLICIT"),
      FITSCard("OBJECT", "FULLSKY", comment: "Sky coverage, either FULLSKY or PARTIAL"),
    ]
  }

  /// Writes `values` (length = pixel count, in the writer's ordering) to `url` with extra `cards`.
  public func write(_ values: [Double], cards: [FITSCard] = [], to url: URL) throws {
    try write(columns: [(columnName, values)], cards: cards, to: url)
  }

  /// Writes several maps of the same pixelisation as the columns of one table (`healpy.read_map(path, field=None)`
  /// reads them all, `field=i` the i-th), each `(name, values)` with values in the writer's ordering. Column names
  /// go to TTYPE as given.
  public func write(columns: [(name: String, values: [Double])], cards: [FITSCard] = [], to url: URL) throws {
    let npix = pixelCount
    guard !columns.isEmpty else {
      throw FITSIOError.invalidRequest(path: url.path, hdu: nil, reason: "a HEALPix map file needs at least one map")
    }
    for (name, values) in columns where values.count != npix {
      throw FITSIOError.invalidRequest(
        path: url.path, hdu: nil,
        reason: "a HEALPix map of nside \(nside) needs \(npix) values, got \(values.count) for '\(name)'")
    }
    let perRow = npix > 1024 ? 1024 : 1
    let specs = columns.map { FITSColumnSpec($0.name, .float64, repeatCount: perRow, unit: unit) }
    try FITSWriter.writeTable(
      columns: specs, values: columns.map { .double($0.values) }, extname: extensionName,
      cards: healpixCards + cards, to: url)
  }
}
