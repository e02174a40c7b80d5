// galmorph — Reports
//
// Binned spiral fractions for the audit figures: per HEALPix pixel, and per RA or Dec bin with Wilson intervals.

import Foundation
import SkyGeometry
import SkyStatistics

/// Binned fractions of 0/1 calls over the sky.
public enum SkyBinning {
  /// The fraction of ones per HEALPix pixel (RING ordering): `counts[p]` galaxies in pixel `p`, `fractions[p]` the
  /// share with `calls == 1`, or nil for an empty pixel (drawn as “no data”, never as zero).
  public static func healpixFractions(ra: [Double], dec: [Double], calls: [Int], nside: Int) throws
    -> (counts: [Int], fractions: [Double?])
  {
    precondition(ra.count == dec.count && ra.count == calls.count, "SkyBinning: lengths differ")
    let h = try HEALPix(nside: nside)
    var n = [Int](repeating: 0, count: h.pixelCount), k = n
    for i in ra.indices {
      let p = h.pixel(raDegrees: ra[i], decDegrees: dec[i])
      n[p] += 1
      k[p] += calls[i]
    }
    return (n, zip(k, n).map { $1 > 0 ? Double($0) / Double($1) : nil })
  }

  /// The NSIDE (2, 4 or 8) of the finest map whose pixels hold at least `perPixel` (default 10) galaxies on average,
  /// so that a pixel's fraction is not pure shot noise; 2 (48 pixels) for small samples.
  public static func automaticNside(count: Int, perPixel: Int = 10) -> Int {
    var nside = 2
    while nside < 8 && count >= perPixel * 12 * (2 * nside) * (2 * nside) { nside *= 2 }
    return nside
  }

  /// Fractions of ones in equal-width bins of `coordinate` over `range` (the last bin closed), with two-sided
  /// Wilson score intervals at `confidenceLevel` (default 0.95; Wilson 1927, recommended by Brown, Cai & DasGupta
  /// 2001 for small n). Empty bins are left out. Returns bin centres, counts, fractions and interval bounds.
  public static func binnedFractions(
    coordinate: [Double], calls: [Int], range: ClosedRange<Double>, bins: Int,
    confidenceLevel: Double = 0.95
  ) throws
    -> (centres: [Double], counts: [Int], fractions: [Double], lower: [Double], upper: [Double])
  {
    precondition(coordinate.count == calls.count && bins > 0, "SkyBinning: lengths differ or no bins")
    let width = (range.upperBound - range.lowerBound) / Double(bins)
    var n = [Int](repeating: 0, count: bins), k = n
    for (x, c) in zip(coordinate, calls) where range.contains(x) {
      let b = min(bins - 1, Int((x - range.lowerBound) / width))
      n[b] += 1
      k[b] += c
    }
    var out: (centres: [Double], counts: [Int], fractions: [Double], lower: [Double], upper: [Double]) = (
      [], [], [], [], []
    )
    for b in 0..<bins where n[b] > 0 {
      let ci = try BinomialInterval(successes: k[b], trials: n[b], confidenceLevel: confidenceLevel, method: .wilson)
      out.centres.append(range.lowerBound + (Double(b) + 0.5) * width)
      out.counts.append(n[b])
      out.fractions.append(Double(k[b]) / Double(n[b]))
      out.lower.append(ci.lower)
      out.upper.append(ci.upper)
    }
    return out
  }
}
