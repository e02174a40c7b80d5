// galmorph — SkySimulator
//
// A sky position (ICRS degrees) and its Galactic coordinates.

import Foundation
import SkyGeometry

/// A direction on the sky in ICRS right ascension and declination, in degrees, kept exactly as given.
///
/// Not a second geometry: every computation goes through `SkyGeometry.SkyDirection` (`direction`, `galactic`,
/// `fromGalactic`). The simulator keeps the degrees themselves because they are written as they are: to the truth
/// catalog (`ra`, `dec`), to the configuration JSON (`MorphologyDipole.axis`, `{"ra": …, "dec": …}`) and into sky
/// expressions. A `SkyDirection` stores the unit vector and reads the angles back with `atan2`, which moves some
/// of them by an ulp (dec 30 reads back as 29.999999999999996) and wraps RA into [0, 360); and its decoder rejects
/// |dec| > 90, which `Footprint.validate` reports with the row instead. Reported axes (ra, dec, l, b) are
/// `SkyStatistics.AxisCoordinates`.
public struct SkyPosition: Codable, Sendable, Equatable {
  /// Right ascension in degrees, [0, 360).
  public var ra: Double
  /// Declination in degrees, [−90, 90].
  public var dec: Double

  public init(ra: Double, dec: Double) {
    self.ra = ra
    self.dec = dec
  }

  /// Galactic longitude and latitude (degrees), astropy's `Galactic` frame (through `SkyGeometry`).
  public var galactic: (l: Double, b: Double) { direction.galactic }

  /// The same position as a `SkyGeometry.SkyDirection` (unit vector).
  public var direction: SkyDirection { SkyDirection(raDegrees: ra, decDegrees: dec) }

  /// Cosine of the angle between this position and `other`.
  func cosAngle(to other: SkyPosition) -> Double {
    Swift.min(1, Swift.max(-1, direction.dot(other.direction)))
  }

  /// The ICRS position of Galactic (l, b), degrees.
  static func fromGalactic(l: Double, b: Double) -> SkyPosition {
    let d = SkyDirection(galacticLDegrees: l, bDegrees: b)
    return SkyPosition(ra: d.ra, dec: d.dec)
  }
}
