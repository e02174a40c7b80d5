// galmorph — SkyGeometry

extension SkySplit {
  /// Parses the command-line form of a split.
  ///
  /// Grammar (case-insensitive keys, degrees): `ra:LO,HI` · `dec:DEC` · `galactic-b:B` (also `gal-b:B`, `b:B`) ·
  /// `axis:RA,DEC` · `healpix:NSIDE:P1,P2,...` (ring ordering) · `healpix:NSIDE:nested:P1,...`.
  ///
  /// - Throws: `SkyGeometryError.invalidSplit` naming the string and what is wrong.
  public init(parsing spec: String) throws {
    let trimmed = spec.trimmingCharacters(in: .whitespaces)
    guard let colon = trimmed.firstIndex(of: ":") else {
      throw SkyGeometryError.invalidSplit(spec: spec, reason: "missing ':' after the split kind")
    }
    let key = trimmed[..<colon].lowercased()
    let rest = String(trimmed[trimmed.index(after: colon)...])
    func numbers(_ s: String, count: Int) throws -> [Double] {
      let parts = s.split(separator: ",", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      guard parts.count == count else {
        throw SkyGeometryError.invalidSplit(spec: spec, reason: "expected \(count) number(s) after '\(key):'")
      }
      return try parts.map {
        guard let v = Double($0), v.isFinite else {
          throw SkyGeometryError.invalidSplit(spec: spec, reason: "'\($0)' is not a number")
        }
        return v
      }
    }
    switch key {
    case "ra":
      let v = try numbers(rest, count: 2)
      self = .raRange(lowerDegrees: v[0], upperDegrees: v[1])
    case "dec":
      let v = try numbers(rest, count: 1)
      guard abs(v[0]) <= 90 else { throw SkyGeometryError.invalidSplit(spec: spec, reason: "Dec must be in [-90, 90]") }
      self = .declination(thresholdDegrees: v[0])
    case "galactic-b", "gal-b", "b":
      let v = try numbers(rest, count: 1)
      guard abs(v[0]) <= 90 else { throw SkyGeometryError.invalidSplit(spec: spec, reason: "b must be in [-90, 90]") }
      self = .galacticLatitude(thresholdDegrees: v[0])
    case "axis":
      let v = try numbers(rest, count: 2)
      guard abs(v[1]) <= 90 else { throw SkyGeometryError.invalidSplit(spec: spec, reason: "Dec must be in [-90, 90]") }
      self = .hemisphere(pole: SkyDirection(raDegrees: v[0], decDegrees: v[1]))
    case "healpix":
      var fields = rest.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
      guard fields.count == 2 || fields.count == 3, let nside = Int(fields[0]) else {
        throw SkyGeometryError.invalidSplit(spec: spec, reason: "expected healpix:NSIDE:P1,P2,...")
      }
      var ordering = PixelOrdering.ring
      if fields.count == 3 {
        guard let o = PixelOrdering(rawValue: fields[1].lowercased()) else {
          throw SkyGeometryError.invalidSplit(spec: spec, reason: "ordering must be 'ring' or 'nested'")
        }
        ordering = o
        fields.remove(at: 1)
      }
      let h: HEALPix
      do { h = try HEALPix(nside: nside, ordering: ordering) } catch {
        throw SkyGeometryError.invalidSplit(spec: spec, reason: "NSIDE must be a power of two")
      }
      let pixels = try fields[1].split(separator: ",").map { s -> Int in
        guard let p = Int(s.trimmingCharacters(in: .whitespaces)), p >= 0, p < h.pixelCount else {
          throw SkyGeometryError.invalidSplit(spec: spec, reason: "pixel '\(s)' is not in 0..<\(h.pixelCount)")
        }
        return p
      }
      guard !pixels.isEmpty else { throw SkyGeometryError.invalidSplit(spec: spec, reason: "no pixels listed") }
      self = .healpix(nside: nside, ordering: ordering, pixels: pixels)
    default:
      throw SkyGeometryError.invalidSplit(spec: spec, reason: "unknown kind '\(key)'")
    }
  }
}

import Foundation
