// galmorph — SkyStatistics

import SkyGeometry

/// Monopole + dipole least-squares fit of a HEALPix map, as healpy `fit_dipole(map, gal_cut=0)`.
///
/// Minimises Σ_p (v_p − m − d·x_p)² over the pixels p with a value (nil = unobserved, healpy's UNSEEN), with
/// x_p the pixel centre (`pix2vec` in the map's ordering), by the 4×4 normal equations. healpy returns only
/// (m, d); galmorph adds the covariance s²(ZᵀZ)⁻¹ with s² = RSS/(N_pix − 4), which is what healpy lacks
/// (healpy issue #830).
public enum MapDipoleFit {
  public static func fit(map: [Double?], healpix: HEALPix) throws -> DipoleFit {
    guard map.count == healpix.pixelCount else {
      throw SkyStatisticsError.lengthMismatch(
        what: "HEALPix map (nside \(healpix.nside))", expected: healpix.pixelCount,
        got: map.count)
    }
    var a = [[Double]](repeating: [0, 0, 0, 0], count: 4)
    var v = [0.0, 0, 0, 0]
    var used = 0
    var rows: [([Double], Double)] = []
    for (p, value) in map.enumerated() {
      guard let value, value.isFinite else { continue }
      let c = healpix.centre(ofPixel: p)
      let z = [1, c.x, c.y, c.z]
      for r in 0..<4 {
        v[r] += z[r] * value
        for s in 0..<4 { a[r][s] += z[r] * z[s] }
      }
      rows.append((z, value))
      used += 1
    }
    guard used > 4, let inv = SmallMatrix.inverse(a) else {
      throw SkyStatisticsError.fitFailed(
        method: "map-least-squares", reason: "too few observed pixels (\(used)) to fit 4 parameters")
    }
    let theta = SmallMatrix.multiply(inv, v)
    var rss = 0.0
    for (z, value) in rows {
      let r = value - zip(z, theta).reduce(0) { $0 + $1.0 * $1.1 }
      rss += r * r
    }
    let s2 = rss / Double(used - 4)
    let cov = inv.map { $0.map { $0 * s2 } }
    let d = Array(theta[1...])
    let (axis, amp, ampErr, dirErr) = DipoleFit.axisSummary(d, (1...3).map { r in (1...3).map { cov[r][$0] } })
    return DipoleFit(
      n: used, method: .mapLeastSquares, model: .monopoleDipole, bestAxis: AxisCoordinates(axis),
      dipoleVector: d, amplitude: amp, amplitudeErr: ampErr, directionErrDegrees: dirErr,
      monopole: theta[0], monopoleErr: cov[0][0].squareRoot(), statistic: rss, pValue: nil, sigma: nil,
      pValueMethod: .none, permutations: nil, seed: nil, deltaBIC: nil, covariance: cov, iterations: nil)
  }
}
