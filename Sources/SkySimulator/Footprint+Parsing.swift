// galmorph — SkySimulator
//
// A footprint from its one-line text form (`galmorph simulate --footprint`).

import CatalogIO
import Foundation

extension Footprint {
  /// Parses `full`, `dec:MIN,MAX`, `galactic-b:MIN,MAX`, `abs-galactic-b:MIN,MAX` (degrees) or `positions:FILE`
  /// (a catalog with RA/Dec columns in any format `Catalog.load` reads; galaxy i sits at row i mod N).
  /// Throws ``SkySimulatorError/invalidFootprint(text:reason:)`` for an unknown kind, a malformed range or an empty
  /// position catalog, and the catalog's own errors (naming file, row and column) for unreadable positions.
  /// Ranges are checked by ``validate()``, not here.
  public init(parsing text: String) throws {
    func pair(_ s: Substring) throws -> (Double, Double) {
      let p = s.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
      guard p.count == 2 else {
        throw SkySimulatorError.invalidFootprint(text: text, reason: "expected two numbers MIN,MAX")
      }
      return (p[0], p[1])
    }
    if text == "full" { self = .fullSky; return }
    guard let colon = text.firstIndex(of: ":") else {
      throw SkySimulatorError.invalidFootprint(
        text: text,
        reason: "unknown footprint; use full, dec:MIN,MAX, "
          + "galactic-b:MIN,MAX, abs-galactic-b:MIN,MAX or positions:FILE")
    }
    let kind = text[..<colon], rest = text[text.index(after: colon)...]
    switch kind {
    case "dec": let (a, b) = try pair(rest); self = .declinationBand(minDec: a, maxDec: b)
    case "galactic-b": let (a, b) = try pair(rest); self = .galacticLatitudeBand(minB: a, maxB: b)
    case "abs-galactic-b": let (a, b) = try pair(rest); self = .absoluteGalacticLatitudeBand(minAbsB: a, maxAbsB: b)
    case "positions":
      let cat = try Catalog.load(contentsOf: URL(fileURLWithPath: String(rest)))
      guard cat.count > 0 else {
        throw SkySimulatorError.invalidFootprint(text: text, reason: "no positions in \(rest)")
      }
      self = .positions(zip(cat.ra, cat.dec).map { SkyPosition(ra: $0, dec: $1) })
    default:
      throw SkySimulatorError.invalidFootprint(
        text: text,
        reason: "unknown footprint kind '\(kind)'; use full, dec, "
          + "galactic-b, abs-galactic-b or positions")
    }
  }
}
