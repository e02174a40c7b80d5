// galmorph — SkyGeometry

/// The two sides of a sky split.
public enum SplitSide: String, Sendable, Hashable, Codable {
  case a = "A", b = "B"
}

/// A division of the sky into side A and side B, used to train on one part of the sky and test on the other
/// (the anisotropy audit) and for hemisphere comparisons of label fractions.
///
/// Boundaries belong to side A, so every direction has exactly one side:
/// - `.raRange(lowerDegrees: lo, upperDegrees: hi)`: A is RA ∈ [lo, hi) taken eastward from `lo`, with
///   wrap-around (`ra:300,60` is RA ≥ 300° or RA < 60°). Angles are reduced modulo 360; lo == hi is empty.
/// - `.declination(thresholdDegrees: δ₀)`: A is δ ≥ δ₀ (`dec:0` = the northern equatorial hemisphere).
/// - `.galacticLatitude(thresholdDegrees: b₀)`: A is b ≥ b₀ (astropy Galactic frame).
/// - `.hemisphere(pole:)`: A is the closed hemisphere around `pole`, x · pole ≥ 0 (`axis:RA,DEC`).
/// - `.healpix(nside:ordering:pixels:)`: A is the union of the listed HEALPix pixels.
///
/// Codable (a tagged JSON object), and `description` gives back the parseable string form.
public enum SkySplit: Sendable, Hashable, Codable, CustomStringConvertible {
  case raRange(lowerDegrees: Double, upperDegrees: Double)
  case declination(thresholdDegrees: Double)
  case galacticLatitude(thresholdDegrees: Double)
  case hemisphere(pole: SkyDirection)
  case healpix(nside: Int, ordering: PixelOrdering, pixels: [Int])

  /// The side of one direction.
  public func side(of d: SkyDirection) -> SplitSide {
    switch self {
    case let .raRange(lo, hi):
      let l = SkySplit.reduce(lo), h = SkySplit.reduce(hi), r = d.ra
      let inside = l <= h ? (r >= l && r < h) : (r >= l || r < h)
      return inside ? .a : .b
    case let .declination(t):
      return d.dec >= t ? .a : .b
    case let .galacticLatitude(t):
      return d.galactic.b >= t ? .a : .b
    case let .hemisphere(pole):
      return d.dot(pole) >= 0 ? .a : .b
    case let .healpix(nside, ordering, pixels):
      guard let h = try? HEALPix(nside: nside, ordering: ordering) else { return .b }
      return Set(pixels).contains(h.pixel(of: d)) ? .a : .b
    }
  }

  /// Sides of many directions (the HEALPix form builds its pixel set once).
  public func sides(of directions: [SkyDirection]) -> [SplitSide] {
    if case let .healpix(nside, ordering, pixels) = self, let h = try? HEALPix(nside: nside, ordering: ordering) {
      let set = Set(pixels)
      return directions.map { set.contains(h.pixel(of: $0)) ? .a : .b }
    }
    return directions.map { side(of: $0) }
  }

  /// Membership as a Bool mask (true = side A).
  public func isSideA(_ directions: [SkyDirection]) -> [Bool] { sides(of: directions).map { $0 == .a } }

  static func reduce(_ a: Double) -> Double {
    var r = a.truncatingRemainder(dividingBy: 360)
    if r < 0 { r += 360 }
    return r
  }

  public var description: String {
    switch self {
    case let .raRange(lo, hi): return "ra:\(SkySplit.fmt(lo)),\(SkySplit.fmt(hi))"
    case let .declination(t): return "dec:\(SkySplit.fmt(t))"
    case let .galacticLatitude(t): return "galactic-b:\(SkySplit.fmt(t))"
    case let .hemisphere(p): return "axis:\(SkySplit.fmt(p.ra)),\(SkySplit.fmt(p.dec))"
    case let .healpix(nside, ordering, pixels):
      let list = pixels.map(String.init).joined(separator: ",")
      return ordering == .ring ? "healpix:\(nside):\(list)" : "healpix:\(nside):nested:\(list)"
    }
  }

  static func fmt(_ v: Double) -> String {
    let r = (v * 1e9).rounded() / 1e9  // nanodegree precision, so "axis:150,30" prints back as typed
    return r == r.rounded() && abs(r) < 1e15 ? String(Int(r)) : String(r)
  }
}
