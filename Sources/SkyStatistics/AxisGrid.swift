// galmorph — SkyStatistics

import SkyGeometry

/// The set of trial axes of a σ-map.
///
/// - `.raDec(stepDegrees:)`: cell centres of an equal-angle grid, RA = (i + ½)·step, Dec = −90 + (j + ½)·step,
///   ordered Dec-major from the south (index = j·nRA + i), as `numpy.meshgrid(ra, dec, indexing="xy").ravel()`.
///   The default 1° grid has 360 × 180 = 64,800 axes (Shamir's σ-maps use this grid). Cells are not equal-area.
/// - `.healpix(nside:)`: HEALPix pixel centres in ring order (equal-area; nside 16 = 3,072 axes).
///
/// Axes a and −a describe the same cos-fit with the sign of d flipped; both are kept so maps cover the sphere.
public enum AxisGrid: Sendable, Hashable, Codable {
  case raDec(stepDegrees: Double)
  case healpix(nside: Int)

  /// The default 1° RA/Dec grid (64,800 axes).
  public static let oneDegree = AxisGrid.raDec(stepDegrees: 1)

  /// The axes in grid order.
  public func axes() throws -> [SkyDirection] {
    switch self {
    case let .raDec(step):
      guard step > 0, step <= 90, (180 / step).rounded() == 180 / step, (360 / step).rounded() == 360 / step else {
        throw SkyStatisticsError.invalidArgument(
          name: "grid step", value: "\(step)", expected: "a divisor of 180 degrees")
      }
      let nra = Int((360 / step).rounded()), ndec = Int((180 / step).rounded())
      var out = [SkyDirection]()
      out.reserveCapacity(nra * ndec)
      for j in 0..<ndec {
        for i in 0..<nra {
          out.append(SkyDirection(raDegrees: (Double(i) + 0.5) * step, decDegrees: -90 + (Double(j) + 0.5) * step))
        }
      }
      return out
    case let .healpix(nside):
      return try HEALPix(nside: nside, ordering: .ring).centres()
    }
  }
}
