// galmorph — Plotting
//
// The Mollweide equal-area projection and its inverse (Snyder 1987, pp. 249-252).

import Foundation

/// Which way longitude (RA) increases on a sky map.
public enum LongitudeDirection: Sendable, Equatable {
  /// Astronomical convention: the sky seen from inside the sphere, east (increasing RA) to the LEFT.
  case increasingLeft
  /// Geographic convention: increasing longitude to the right.
  case increasingRight
}

/// Mollweide's equal-area pseudocylindrical projection of the unit sphere.
///
/// Forward (Snyder 1987, "Map Projections — A Working Manual", USGS PP 1395, pp. 249-252, eqs. 31-1 to 31-3):
/// `x = (2√2/π) Δλ cos θ`, `y = √2 sin θ`, where the auxiliary angle θ solves `2θ + sin 2θ = π sin φ` and
/// `Δλ = λ − λ₀` is wrapped to [−180°, 180°). The map is the ellipse `x²/8 + y²/2 ≤ 1` (x ∈ [−2√2, 2√2],
/// y ∈ [−√2, √2]). With `.increasingLeft` (the default, astronomical) x is mirrored: `x → −x`.
/// Inverse (eqs. 31-4 to 31-6): `θ = asin(y/√2)`, `φ = asin((2θ + sin 2θ)/π)`, `λ = λ₀ + π x / (2√2 cos θ)`.
/// Angles are in degrees at the API; returned longitudes are in [0°, 360°).
public struct MollweideProjection: Sendable, Equatable {
  /// The longitude at the map's centre, degrees. Default 180°, so RA/longitude 0° lies on the left/right edge
  /// and the map reads 360° … 0° (left to right) with `.increasingLeft` — the usual all-sky layout.
  public var centerLongitude: Double
  /// Which way longitude increases. Default `.increasingLeft` (astronomical).
  public var longitudeDirection: LongitudeDirection

  public init(centerLongitude: Double = 180, longitudeDirection: LongitudeDirection = .increasingLeft) {
    self.centerLongitude = centerLongitude
    self.longitudeDirection = longitudeDirection
  }

  /// Half-width of the map ellipse: 2√2.
  public static let xRadius = 2 * 2.0.squareRoot()
  /// Half-height of the map ellipse: √2.
  public static let yRadius = 2.0.squareRoot()

  /// The auxiliary angle θ (radians) with `2θ + sin 2θ = π sin φ`, by Newton's iteration
  /// `θ ← θ − (2θ + sin 2θ − π sin φ) / (4 cos² θ)` from `θ₀ = φ`, or, within 10° of a pole where Newton
  /// converges only linearly from φ, from the cubic start `π/2 − θ₀ = (3π(1 − sin|φ|)/4)^{1/3}`; stops when the
  /// step is below 1e-15 rad (≤ 60 iterations). Exact at the poles and the equator.
  public static func auxiliaryAngle(latitudeRadians phi: Double) -> Double {
    let halfPi = Double.pi / 2
    if abs(phi) >= halfPi { return phi < 0 ? -halfPi : halfPi }
    if phi == 0 { return 0 }
    let target = Double.pi * sin(phi)
    var theta = phi
    if abs(phi) > 80 * Double.pi / 180 {
      // 1 − sin|φ| = 2 sin²((π/2 − |φ|)/2), computed without cancellation.
      let s = sin((halfPi - abs(phi)) / 2)
      let u = cbrt(3 * Double.pi * 2 * s * s / 4)
      theta = (halfPi - u) * (phi < 0 ? -1 : 1)
    }
    for _ in 0..<60 {
      let c = cos(theta)
      let derivative = 4 * c * c
      if derivative == 0 { break }
      let delta = (2 * theta + sin(2 * theta) - target) / derivative
      theta -= delta
      if abs(delta) < 1e-15 { break }
    }
    return max(-halfPi, min(halfPi, theta))
  }

  /// The signed longitude offset from the centre, degrees, wrapped to [−180, 180).
  func offset(longitude: Double) -> Double {
    var d = (longitude - centerLongitude + 180).truncatingRemainder(dividingBy: 360)
    if d < 0 { d += 360 }
    return d - 180
  }

  /// Map coordinates (unit sphere) of (longitude, latitude) in degrees.
  public func project(longitude: Double, latitude: Double) -> (x: Double, y: Double) {
    let phi = max(-90, min(90, latitude)) * Double.pi / 180
    let theta = MollweideProjection.auxiliaryAngle(latitudeRadians: phi)
    let dlam = offset(longitude: longitude) * Double.pi / 180
    let x = 2 * 2.0.squareRoot() / Double.pi * dlam * cos(theta)
    return (longitudeDirection == .increasingLeft ? -x : x, 2.0.squareRoot() * sin(theta))
  }

  /// (longitude in [0, 360), latitude) in degrees of the map point (x, y), or nil outside the ellipse
  /// `x²/8 + y²/2 ≤ 1` (a relative slack of 1e-12 admits points on the rim). At the poles longitude is the centre's.
  public func inverse(x: Double, y: Double) -> (longitude: Double, latitude: Double)? {
    guard x.isFinite, y.isFinite, x * x / 8 + y * y / 2 <= 1 + 1e-12 else { return nil }
    let gx = longitudeDirection == .increasingLeft ? -x : x
    let theta = asin(max(-1, min(1, y / 2.0.squareRoot())))
    let latitude = asin(max(-1, min(1, (2 * theta + sin(2 * theta)) / Double.pi))) * 180 / Double.pi
    let c = cos(theta)
    var dlam = 0.0
    if c > 0 { dlam = max(-Double.pi, min(Double.pi, Double.pi * gx / (2 * 2.0.squareRoot() * c))) }
    var longitude = (centerLongitude + dlam * 180 / Double.pi).truncatingRemainder(dividingBy: 360)
    if longitude < 0 { longitude += 360 }
    if longitude >= 360 { longitude -= 360 }
    return (longitude, latitude)
  }
}
