// galmorph — CatalogIO
//
// A galaxy catalog as the rest of galmorph uses it: verbatim identifiers and positions in degrees.

import Foundation

/// Identifiers and ICRS/J2000 positions of a catalog, validated.
///
/// - `ids` keeps the identifier column's text verbatim (an 18- or 19-digit SDSS objID stays exactly as written, with
///   no round trip through Double). Without an identifier column, the ids are the 0-based row numbers as text.
/// - `ra`, `dec` are degrees. Numeric columns are taken as degrees; text columns are parsed with `Sexagesimal`
///   (sexagesimal RA in hours, decimal in degrees). RA is wrapped into [0, 360) (accepted input: −360 ≤ RA ≤ 720,
///   so 360.0 and small negative values from rounding are kept); Dec must lie in [−90, 90]. Missing or invalid
///   values throw `CatalogIOError.invalidValue` naming the file, the 1-based data row and the column.
public struct Catalog: Sendable {
  /// Where the catalog came from (path), for messages and provenance.
  public var source: String
  /// The identifier column, or nil when ids are row numbers.
  public var idColumn: String?
  public var raColumn: String
  public var decColumn: String
  public var ids: [String]
  /// Right ascension in degrees, in [0, 360).
  public var ra: [Double]
  /// Declination in degrees, in [−90, 90].
  public var dec: [Double]

  public var count: Int { ids.count }

  /// Usual RA column names, in order of preference (compared case-insensitively).
  public static let raNames = [
    "ra", "ra_deg", "radeg", "raj2000", "ra_j2000", "ra_icrs", "_raj2000", "alpha",
    "alpha_j2000", "ra2000", "right_ascension",
  ]
  /// Usual Dec column names, in order of preference (compared case-insensitively).
  public static let decNames = [
    "dec", "dec_deg", "decdeg", "dej2000", "decj2000", "dec_j2000", "de_icrs", "dec_icrs",
    "_dej2000", "delta", "delta_j2000", "de", "dec2000", "declination",
  ]
  /// Usual identifier column names, in order of preference (compared case-insensitively).
  public static let idNames = [
    "id", "objid", "obj_id", "objectid", "object_id", "id_str", "iauname", "name",
    "source_id", "specobjid", "dr7objid", "galaxy_id", "gal_id",
  ]

  public init(
    source: String, idColumn: String?, raColumn: String, decColumn: String, ids: [String], ra: [Double],
    dec: [Double]
  ) {
    precondition(ids.count == ra.count && ra.count == dec.count, "ids, ra and dec must have the same length")
    self.source = source
    self.idColumn = idColumn
    self.raColumn = raColumn
    self.decColumn = decColumn
    self.ids = ids
    self.ra = ra
    self.dec = dec
  }
}
