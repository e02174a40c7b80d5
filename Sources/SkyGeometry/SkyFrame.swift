// galmorph — SkyGeometry

/// Celestial reference frames reachable from ICRS by a fixed rotation, each matching an astropy frame.
///
/// | case | astropy frame | definition |
/// |---|---|---|
/// | `.icrs` | `ICRS` | identity |
/// | `.galactic` | `Galactic` | FK5 (J2000) north Galactic pole α = 192.8594812065348°, δ = 27.12825118085622°, longitude of the north celestial pole l = 122.9319185680026° (Blaauw et al. 1960 / IAU 1958, transferred to FK5 by Murray 1989), composed with astropy's ICRS→FK5 frame-bias matrix (η₀ = −19.9 mas, ξ₀ = 9.1 mas, dα₀ = −22.9 mas; USNO Circular 179) |
/// | `.eclipticJ2000` | `BarycentricMeanEcliptic(equinox="J2000")` | `erfa.ecm06` at J2000.0 TT (IAU 2006 precession, no nutation): `Rz(−ψ_B)·Rx(φ_B)·Rz(γ_B)` with ψ_B = −0.041775″, φ_B = 84381.412819″, γ_B = −0.052928″; i.e. mean obliquity ε₀ = 84381.406″ plus frame bias |
/// | `.supergalactic` | `Supergalactic` | de Vaucouleurs et al. (1991): north supergalactic pole at Galactic (l, b) = (47.37°, +6.32°), zero point where the supergalactic equator meets the Galactic plane: `Rz(90°)·Ry(90° − 6.32°)·Rz(47.37°)` after ICRS→Galactic |
///
/// The geocentric ecliptic frames of astropy (`GeocentricMeanEcliptic`) add aberration and parallax for an
/// observer at the Earth, which is not a fixed rotation; galmorph matches the barycentric one, which is what
/// "ecliptic J2000" means for catalogued extragalactic positions.
public enum SkyFrame: String, Sendable, Hashable, Codable, CaseIterable {
  case icrs, galactic, eclipticJ2000 = "ecliptic-j2000", supergalactic

  /// The rotation taking ICRS unit vectors to this frame.
  public var fromICRS: Rotation3 {
    switch self {
    case .icrs: return .identity
    case .galactic: return SkyFrame.icrsToGalactic
    case .eclipticJ2000: return SkyFrame.icrsToEcliptic
    case .supergalactic: return SkyFrame.icrsToSupergalactic
    }
  }

  static let icrsToFK5J2000: Rotation3 = {
    let mas = 1.0 / 3_600_000
    return Rotation3.axis(0, degrees: 19.9 * mas) * Rotation3.axis(1, degrees: 9.1 * mas)
      * Rotation3.axis(2, degrees: -22.9 * mas)
  }()

  static let icrsToGalactic: Rotation3 =
    Rotation3.axis(2, degrees: 180 - 122.9319185680026) * Rotation3.axis(1, degrees: 90 - 27.12825118085622)
    * Rotation3.axis(2, degrees: 192.8594812065348) * icrsToFK5J2000

  static let icrsToEcliptic: Rotation3 = {
    let arcsec = 1.0 / 3600
    return Rotation3.axis(2, degrees: 0.041775 * arcsec) * Rotation3.axis(0, degrees: 84381.412819 * arcsec)
      * Rotation3.axis(2, degrees: -0.052928 * arcsec)
  }()

  static let icrsToSupergalactic: Rotation3 =
    Rotation3.axis(2, degrees: 90) * Rotation3.axis(1, degrees: 90 - 6.32) * Rotation3.axis(2, degrees: 47.37)
    * icrsToGalactic
}

extension SkyDirection {
  /// Spherical coordinates (longitude in [0, 360), latitude in [−90, 90], degrees) in `frame`.
  public func coordinates(in frame: SkyFrame) -> (longitude: Double, latitude: Double) {
    let (u, v, w) = frame.fromICRS.apply(x, y, z)
    return (SkyDirection.longitude(u, v), SkyDirection.latitude(u, v, w))
  }

  /// A direction from longitude/latitude in degrees given in `frame`.
  public init(longitudeDegrees lon: Double, latitudeDegrees lat: Double, frame: SkyFrame) {
    let local = SkyDirection(longitudeDegrees: lon, latitudeDegrees: lat)
    let (u, v, w) = frame.fromICRS.transposed.apply(local.x, local.y, local.z)
    self.init(x: u, y: v, z: w)
  }

  /// Galactic longitude and latitude (l, b) in degrees (astropy `Galactic`).
  public var galactic: (l: Double, b: Double) {
    let c = coordinates(in: .galactic)
    return (c.longitude, c.latitude)
  }

  /// Barycentric mean ecliptic longitude and latitude (λ, β) at J2000 in degrees.
  public var ecliptic: (lon: Double, lat: Double) {
    let c = coordinates(in: .eclipticJ2000)
    return (c.longitude, c.latitude)
  }

  /// Supergalactic longitude and latitude (SGL, SGB) in degrees.
  public var supergalactic: (sgl: Double, sgb: Double) {
    let c = coordinates(in: .supergalactic)
    return (c.longitude, c.latitude)
  }

  /// A direction from Galactic (l, b) in degrees.
  public init(galacticLDegrees l: Double, bDegrees b: Double) {
    self.init(longitudeDegrees: l, latitudeDegrees: b, frame: .galactic)
  }
}
