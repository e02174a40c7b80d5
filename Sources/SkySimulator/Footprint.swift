// galmorph — SkySimulator
//
// Where on the sky simulated galaxies are placed.

import Foundation
import GalmorphSupport

/// The sky region from which galaxy positions are drawn.
///
/// Random footprints are uniform per unit solid angle: longitude uniform, sine of latitude uniform within the band.
public enum Footprint: Codable, Sendable, Equatable {
  /// The whole sphere (default).
  case fullSky
  /// Declination between `minDec` and `maxDec` degrees (all RA).
  case declinationBand(minDec: Double, maxDec: Double)
  /// Galactic latitude between `minB` and `maxB` degrees (all l).
  case galacticLatitudeBand(minB: Double, maxB: Double)
  /// |Galactic latitude| between `minAbsB` and `maxAbsB` degrees: both hemispheres, e.g. (20, 90) avoids the plane.
  case absoluteGalacticLatitudeBand(minAbsB: Double, maxAbsB: Double)
  /// Exactly these positions, in order; galaxy `i` sits at `positions[i % positions.count]`.
  case positions([SkyPosition])

  /// Checks ranges and finiteness.
  public func validate() throws {
    func band(_ name: String, _ lo: Double, _ hi: Double, _ limit: Double, _ floor: Double) throws {
      guard lo.isFinite, hi.isFinite, lo < hi, lo >= floor, hi <= limit else {
        throw SkySimulatorError.invalidParameter(
          name: name, value: "[\(lo), \(hi)]",
          expected: "finite \(floor) ≤ min < max ≤ \(limit) degrees")
      }
    }
    switch self {
    case .fullSky: return
    case let .declinationBand(lo, hi): try band("footprint.declinationBand", lo, hi, 90, -90)
    case let .galacticLatitudeBand(lo, hi): try band("footprint.galacticLatitudeBand", lo, hi, 90, -90)
    case let .absoluteGalacticLatitudeBand(lo, hi): try band("footprint.absoluteGalacticLatitudeBand", lo, hi, 90, 0)
    case let .positions(list):
      guard !list.isEmpty else { throw SkySimulatorError.invalidPositions(row: 0, reason: "the list is empty") }
      for (row, p) in list.enumerated() {
        guard p.ra.isFinite, p.dec.isFinite, p.dec >= -90, p.dec <= 90 else {
          throw SkySimulatorError.invalidPositions(row: row, reason: "ra \(p.ra), dec \(p.dec) is not a sky position")
        }
      }
    }
  }

  /// The position of galaxy `index`, drawn with `g` for random footprints.
  func position(index: Int, using g: inout SeededGenerator) -> SkyPosition {
    func latitude(_ lo: Double, _ hi: Double) -> Double {
      let s0 = sin(lo * .pi / 180), s1 = sin(hi * .pi / 180)
      return asin(Swift.min(1, Swift.max(-1, s0 + (s1 - s0) * g.nextUnit()))) * 180 / .pi
    }
    switch self {
    case .fullSky:
      let lon = 360 * g.nextUnit()
      return SkyPosition(ra: lon, dec: latitude(-90, 90))
    case let .declinationBand(lo, hi):
      let lon = 360 * g.nextUnit()
      return SkyPosition(ra: lon, dec: latitude(lo, hi))
    case let .galacticLatitudeBand(lo, hi):
      let l = 360 * g.nextUnit()
      return SkyPosition.fromGalactic(l: l, b: latitude(lo, hi))
    case let .absoluteGalacticLatitudeBand(lo, hi):
      let l = 360 * g.nextUnit()
      let north = g.nextUnit() < 0.5
      let b = latitude(lo, hi)
      return SkyPosition.fromGalactic(l: l, b: north ? b : -b)
    case let .positions(list):
      let p = list[index % list.count]
      var ra = p.ra.truncatingRemainder(dividingBy: 360)
      if ra < 0 { ra += 360 }
      return SkyPosition(ra: ra, dec: p.dec)
    }
  }
}
