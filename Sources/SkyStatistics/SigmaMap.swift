// galmorph — SkyStatistics

import SkyGeometry

/// Shamir's σ-map: the significance of the cos-fit about every axis of a grid against a random-label baseline.
///
/// σ(a) = (mean_k χ²_k(a) − χ²(a)) / sd_k χ²_k(a) = (Δχ²(a) − mean_k Δχ²_k(a)) / sd_k Δχ²_k(a), where k runs over
/// K relabelings of the same positions (the look-elsewhere permutations) and sd uses K − 1. Arrays are in
/// `grid` order (see `AxisGrid`). The best axis is the grid axis of largest σ, reported on the side where the
/// fitted d > 0. Codable for JSON output / FITS writing by the CLI.
public struct SigmaMap: Sendable, Codable {
  public var grid: AxisGrid
  public var model: DipoleModel
  public var permutations: Int
  public var seed: UInt64
  public var sigma: [Double]
  public var deltaChiSquare: [Double]
  public var bestIndex: Int
  public var bestAxis: AxisCoordinates
  public var bestSigma: Double
  /// d(a) at the best axis (positive).
  public var bestAmplitude: Double
}

/// A cos-fit with its look-elsewhere significance and (optionally) its σ-map.
public struct DipoleScanResult: Sendable, Codable {
  public var fit: DipoleFit
  public var map: SigmaMap?
  /// Δχ²* of every permutation (the null distribution of the max statistic), in permutation order.
  public var permutationStatistics: [Double]
}
