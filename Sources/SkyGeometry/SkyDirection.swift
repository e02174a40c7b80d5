// galmorph — SkyGeometry

import Foundation

/// A direction on the celestial sphere, stored as a unit vector in the ICRS frame.
///
/// Convention for all of galmorph: **angles are in degrees at the API, unit vectors inside**. The vector is
/// `(x, y, z) = (cos δ cos α, cos δ sin α, sin δ)` for right ascension α and declination δ (ICRS, J2000).
/// Reading angles back uses `atan2` forms (`δ = atan2(z, hypot(x, y))`), which stay accurate near the poles where
/// `asin(z)` loses digits. Frames other than ICRS (Galactic, ecliptic, supergalactic) are rotations of this vector;
/// see `SkyFrame`.
///
/// Codable as `{"ra": …, "dec": …}` in degrees, so that JSON output reads naturally.
public struct SkyDirection: Sendable, Hashable, Codable, CustomStringConvertible {
  /// Unit-vector components in ICRS.
  public let x: Double, y: Double, z: Double

  /// A direction from any non-zero vector (normalised). Components are taken in ICRS.
  public init(x: Double, y: Double, z: Double) {
    let r = (x * x + y * y + z * z).squareRoot()
    precondition(r > 0 && r.isFinite, "SkyDirection needs a finite non-zero vector")
    self.x = x / r; self.y = y / r; self.z = z / r
  }

  /// A direction from ICRS right ascension and declination in degrees (δ is clamped to ±90 by the trigonometry;
  /// use `validated(raDegrees:decDegrees:row:)` for catalog input).
  public init(raDegrees ra: Double, decDegrees dec: Double) {
    self.init(longitudeDegrees: ra, latitudeDegrees: dec)
  }

  /// A unit vector from spherical longitude/latitude in degrees (frame-agnostic helper).
  init(longitudeDegrees lon: Double, latitudeDegrees lat: Double) {
    let a = lon * .pi / 180, d = lat * .pi / 180
    let cd = cos(d)
    self.x = cd * cos(a); self.y = cd * sin(a); self.z = sin(d)
  }

  /// Unchecked construction from components that are already a unit vector (internal fast path).
  init(unit x: Double, _ y: Double, _ z: Double) { self.x = x; self.y = y; self.z = z }

  /// A direction from catalog values, throwing `SkyGeometryError.invalidCoordinate` if RA is not finite or
  /// Dec is outside [−90, 90].
  public static func validated(raDegrees ra: Double, decDegrees dec: Double, row: Int? = nil) throws -> SkyDirection {
    guard ra.isFinite else {
      throw SkyGeometryError.invalidCoordinate(name: "RA", value: ra, row: row, expected: "a finite angle in degrees")
    }
    guard dec.isFinite, dec >= -90, dec <= 90 else {
      throw SkyGeometryError.invalidCoordinate(name: "Dec", value: dec, row: row, expected: "degrees in [-90, 90]")
    }
    return SkyDirection(raDegrees: ra, decDegrees: dec)
  }

  /// ICRS right ascension in degrees, in [0, 360).
  public var ra: Double { Self.longitude(x, y) }
  /// ICRS declination in degrees, in [−90, 90].
  public var dec: Double { Self.latitude(x, y, z) }

  /// The components as an array `[x, y, z]`.
  public var vector: [Double] { [x, y, z] }

  /// The antipodal direction.
  public var antipode: SkyDirection { SkyDirection(unit: -x, -y, -z) }

  /// Dot product of the two unit vectors (the cosine of the separation).
  public func dot(_ o: SkyDirection) -> Double { x * o.x + y * o.y + z * o.z }

  static func longitude(_ x: Double, _ y: Double) -> Double {
    if x == 0 && y == 0 { return 0 }
    var l = atan2(y, x) * 180 / .pi
    if l < 0 { l += 360 }
    return l >= 360 ? 0 : l
  }

  static func latitude(_ x: Double, _ y: Double, _ z: Double) -> Double {
    atan2(z, (x * x + y * y).squareRoot()) * 180 / .pi
  }

  public var description: String { "SkyDirection(ra: \(ra), dec: \(dec))" }

  private enum CodingKeys: String, CodingKey { case ra, dec }
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self = try .validated(
      raDegrees: c.decode(Double.self, forKey: .ra), decDegrees: c.decode(Double.self, forKey: .dec))
  }
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(ra, forKey: .ra)
    try c.encode(dec, forKey: .dec)
  }
}
