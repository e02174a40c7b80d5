// galmorph — SkySimulator
//
// A sky position (ICRS degrees) and its Galactic coordinates.

import Foundation

/// A direction on the sky in ICRS right ascension and declination, in degrees.
public struct SkyPosition: Codable, Sendable, Equatable {
  /// Right ascension in degrees, [0, 360).
  public var ra: Double
  /// Declination in degrees, [−90, 90].
  public var dec: Double

  public init(ra: Double, dec: Double) {
    self.ra = ra
    self.dec = dec
  }

  /// Galactic longitude and latitude (degrees) through the IAU 1958 rotation (see `GalacticFrame`).
  public var galactic: (l: Double, b: Double) { GalacticFrame.galactic(ra: ra, dec: dec) }

  /// The unit vector (x toward RA = 0, z toward the north celestial pole).
  var unitVector: SIMD3<Double> { GalacticFrame.unitVector(longitude: ra, latitude: dec) }

  /// Cosine of the angle between this position and `other`.
  func cosAngle(to other: SkyPosition) -> Double {
    let d = (unitVector * other.unitVector).sum()
    return Swift.min(1, Swift.max(-1, d))
  }
}

/// ICRS ↔ Galactic rotation, kept internal so the lead can later swap it for `SkyGeometry`.
///
/// The matrix is the ICRS→Galactic rotation of the Hipparcos catalogue (ESA 1997, Vol. 1, §1.5.3, eq. 1.5.11),
/// which realises the IAU 1958 Galactic system (Blaauw et al. 1960, MNRAS 121, 123) in ICRS; it agrees with
/// astropy's `Galactic` frame to well under 0.1 arcsec.
enum GalacticFrame {
  /// Rows: Galactic x (toward l=0,b=0), y (l=90), z (north Galactic pole) in ICRS components.
  static let rows: [SIMD3<Double>] = [
    SIMD3(-0.0548755604162154, -0.8734370902348850, -0.4838350155487132),
    SIMD3(0.4941094278755837, -0.4448296299600112, 0.7469822444972189),
    SIMD3(-0.8676661490190047, -0.1980763734312015, 0.4559837761750669),
  ]

  static func unitVector(longitude: Double, latitude: Double) -> SIMD3<Double> {
    let lon = longitude * .pi / 180, lat = latitude * .pi / 180
    return SIMD3(cos(lat) * cos(lon), cos(lat) * sin(lon), sin(lat))
  }

  static func angles(of v: SIMD3<Double>) -> (longitude: Double, latitude: Double) {
    var lon = atan2(v.y, v.x) * 180 / .pi
    if lon < 0 { lon += 360 }
    if lon >= 360 { lon -= 360 }
    let lat = atan2(v.z, (v.x * v.x + v.y * v.y).squareRoot()) * 180 / .pi
    return (lon, lat)
  }

  /// ICRS (ra, dec) → Galactic (l, b), degrees.
  static func galactic(ra: Double, dec: Double) -> (l: Double, b: Double) {
    let e = unitVector(longitude: ra, latitude: dec)
    let g = SIMD3((rows[0] * e).sum(), (rows[1] * e).sum(), (rows[2] * e).sum())
    let a = angles(of: g)
    return (a.longitude, a.latitude)
  }

  /// Galactic (l, b) → ICRS (ra, dec), degrees (the transpose rotation).
  static func equatorial(l: Double, b: Double) -> (ra: Double, dec: Double) {
    let g = unitVector(longitude: l, latitude: b)
    let e = rows[0] * g.x + rows[1] * g.y + rows[2] * g.z
    let a = angles(of: e)
    return (a.longitude, a.latitude)
  }
}
