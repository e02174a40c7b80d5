// galmorph — AnisotropyAudit
//
// Mean and sample variance of per-seed statistics.

/// Sample moments of a few values (per-seed D's).
enum SampleMoments {
  /// Mean Σx/n and unbiased sample variance Σ(x − x̄)²/(n − 1); the variance is NaN for fewer than two values and
  /// both are NaN for none.
  static func meanAndVariance(_ v: [Double]) -> (mean: Double, variance: Double) {
    let n = Double(v.count), m = v.reduce(0, +) / n
    guard v.count > 1 else { return (m, .nan) }
    return (m, v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1))
  }
}
