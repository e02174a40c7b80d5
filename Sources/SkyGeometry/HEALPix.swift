// galmorph — SkyGeometry

import CCHEALPix
import Foundation

/// HEALPix pixel ordering schemes (Górski et al. 2005, ApJ 622, 759, §4).
public enum PixelOrdering: String, Sendable, Hashable, Codable {
  /// Pixels numbered along iso-latitude rings from north to south (healpy's default, `nest=False`).
  case ring
  /// Hierarchical numbering (pixel p at order k contains pixels 4p…4p+3 at order k+1).
  case nested
}

/// A HEALPix tessellation of the sphere through Debian's libchealpix (the reference C implementation).
///
/// Pixel coordinates are ICRS (RA as longitude, Dec as latitude), as in `healpy.ang2pix(nside, ra, dec,
/// lonlat=True)`. `nside` must be a power of two in 1…2²⁹ (healpy's requirement for nested maps; galmorph uses it
/// for both orderings so maps can be converted). Used for maps, sky blocks in k-fold splits and axis grids.
///
/// Reference: Górski, K. M. et al. (2005), "HEALPix: a framework for high-resolution discretization and fast
/// analysis of data distributed on the sphere", ApJ 622, 759.
public struct HEALPix: Sendable, Hashable, Codable {
  public let nside: Int
  public let ordering: PixelOrdering

  /// - Throws: `SkyGeometryError.invalidHEALPix` if `nside` is not a power of two in 1…2²⁹.
  public init(nside: Int, ordering: PixelOrdering = .ring) throws {
    guard nside >= 1, nside <= (1 << 29), nside & (nside - 1) == 0 else {
      throw SkyGeometryError.invalidHEALPix(parameter: "nside", value: nside, expected: "a power of two in 1...2^29")
    }
    self.nside = nside
    self.ordering = ordering
  }

  /// Number of pixels, 12·nside².
  public var pixelCount: Int { 12 * nside * nside }

  /// Solid angle of one pixel in square degrees (all HEALPix pixels have equal area).
  public var pixelAreaSquareDegrees: Double { 4 * .pi * pow(180 / .pi, 2) / Double(pixelCount) }

  /// The pixel containing `direction`.
  public func pixel(of d: SkyDirection) -> Int {
    var v = (d.x, d.y, d.z)
    var p: Int64 = 0
    withUnsafePointer(to: &v) { ptr in
      ptr.withMemoryRebound(to: Double.self, capacity: 3) { vp in
        switch ordering {
        case .ring: vec2pix_ring64(Int64(nside), vp, &p)
        case .nested: vec2pix_nest64(Int64(nside), vp, &p)
        }
      }
    }
    return Int(p)
  }

  /// The pixel containing ICRS (RA, Dec) in degrees (through `ang2pix`, θ = 90° − δ, φ = α).
  public func pixel(raDegrees ra: Double, decDegrees dec: Double) -> Int {
    let theta = (90 - dec) * .pi / 180, phi = ra * .pi / 180
    var p: Int64 = 0
    switch ordering {
    case .ring: ang2pix_ring64(Int64(nside), theta, phi, &p)
    case .nested: ang2pix_nest64(Int64(nside), theta, phi, &p)
    }
    return Int(p)
  }

  /// Pixels of many directions.
  public func pixels(of directions: [SkyDirection]) -> [Int] { directions.map { pixel(of: $0) } }

  /// The centre of `pixel` as a unit vector (`pix2vec`).
  public func centre(ofPixel p: Int) -> SkyDirection {
    precondition(p >= 0 && p < pixelCount, "pixel \(p) out of range 0..<\(pixelCount)")
    var v = (0.0, 0.0, 0.0)
    withUnsafeMutablePointer(to: &v) { ptr in
      ptr.withMemoryRebound(to: Double.self, capacity: 3) { vp in
        switch ordering {
        case .ring: pix2vec_ring64(Int64(nside), Int64(p), vp)
        case .nested: pix2vec_nest64(Int64(nside), Int64(p), vp)
        }
      }
    }
    return SkyDirection(x: v.0, y: v.1, z: v.2)
  }

  /// The centre of `pixel` as ICRS (RA, Dec) in degrees (`pix2ang`).
  public func centreAngles(ofPixel p: Int) -> (ra: Double, dec: Double) {
    precondition(p >= 0 && p < pixelCount, "pixel \(p) out of range 0..<\(pixelCount)")
    var theta = 0.0, phi = 0.0
    switch ordering {
    case .ring: pix2ang_ring64(Int64(nside), Int64(p), &theta, &phi)
    case .nested: pix2ang_nest64(Int64(nside), Int64(p), &theta, &phi)
    }
    return (phi * 180 / .pi, 90 - theta * 180 / .pi)
  }

  /// All pixel centres in pixel order.
  public func centres() -> [SkyDirection] { (0..<pixelCount).map { centre(ofPixel: $0) } }

  /// The same pixel in the other ordering.
  public func convert(pixel p: Int, to target: PixelOrdering) -> Int {
    precondition(p >= 0 && p < pixelCount, "pixel \(p) out of range 0..<\(pixelCount)")
    if target == ordering { return p }
    var q: Int64 = 0
    switch ordering {
    case .ring: ring2nest64(Int64(nside), Int64(p), &q)
    case .nested: nest2ring64(Int64(nside), Int64(p), &q)
    }
    return Int(q)
  }

  /// Counts of directions per pixel (a HEALPix count map).
  public func countMap(_ directions: [SkyDirection]) -> [Int] {
    var m = [Int](repeating: 0, count: pixelCount)
    for d in directions { m[pixel(of: d)] += 1 }
    return m
  }
}

extension HEALPix {
  /// The nside whose pixels best match an equal-angle grid of `step` degrees: the smallest power of two with
  /// pixel size √(4π/12)/nside rad (≈ 58.6°/nside) at most `step` (1° → 64), capped at 8192.
  public static func nside(matchingStepDegrees step: Double) -> Int {
    var nside = 1
    while (4 * Double.pi / 12).squareRoot() * 180 / .pi / Double(nside) > step && nside < 8192 { nside *= 2 }
    return nside
  }
}
