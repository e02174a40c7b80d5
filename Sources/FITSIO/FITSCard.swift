// galmorph — FITSIO
//
// One header card: keyword, value and comment.

/// A header card (keyword record, FITS standard 4.0 §4.1): `KEY = value / comment`.
///
/// Reading: `value` is nil for commentary cards (COMMENT, HISTORY, blank) and for undefined values; long strings
/// split over `CONTINUE` cards (the OGIP long-string convention, as cfitsio's `ffpkls` writes them) are joined
/// into one card. Writing: keys longer than 8 characters or containing spaces are written with the ESO
/// `HIERARCH` convention by cfitsio; strings longer than 68 characters use `CONTINUE` cards.
public struct FITSCard: Hashable, Sendable, Codable {
  public var key: String
  public var value: FITSValue?
  public var comment: String

  public init(_ key: String, _ value: FITSValue?, comment: String = "") {
    self.key = key
    self.value = value
    self.comment = comment
  }

  public init(_ key: String, _ value: String, comment: String = "") { self.init(key, .string(value), comment: comment) }
  public init(_ key: String, _ value: Double, comment: String = "") { self.init(key, .real(value), comment: comment) }
  public init(_ key: String, _ value: Int, comment: String = "") {
    self.init(key, .integer(Int64(value)), comment: comment)
  }
  public init(_ key: String, _ value: Bool, comment: String = "") { self.init(key, .logical(value), comment: comment) }

  /// A COMMENT card.
  public static func comment(_ text: String) -> FITSCard { FITSCard("COMMENT", nil, comment: text) }
  /// A HISTORY card.
  public static func history(_ text: String) -> FITSCard { FITSCard("HISTORY", nil, comment: text) }
}
