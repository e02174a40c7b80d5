// galmorph — SkyGeometry

import Foundation

extension SkyDirection {
  /// Great-circle angular separation in degrees, by the Vincenty formula
  /// `θ = atan2(|a × b|, a · b)`.
  ///
  /// This is Vincenty's (1975) special case for the sphere, written in vector form: with
  /// `|a × b| = √((cos δ₂ sin Δα)² + (cos δ₁ sin δ₂ − sin δ₁ cos δ₂ cos Δα)²)` and
  /// `a · b = sin δ₁ sin δ₂ + cos δ₁ cos δ₂ cos Δα` it is the formula astropy's `angular_separation` uses. It is
  /// accurate for all separations, unlike `acos(a · b)` (which loses digits near 0° and 180°) or haversine
  /// (which loses them near 180°).
  public func separation(to o: SkyDirection) -> Double {
    let cx = y * o.z - z * o.y, cy = z * o.x - x * o.z, cz = x * o.y - y * o.x
    let s = (cx * cx + cy * cy + cz * cz).squareRoot()
    return atan2(s, dot(o)) * 180 / .pi
  }
}
