// galmorph — SkyStatistics

import SkyGeometry

/// Shamir's cos-fit dipole statistic computed from sufficient statistics.
///
/// For every trial axis a, the labels (or probabilities) yᵢ at unit vectors xᵢ are fitted by least squares with
/// `y = d·cos φ` (`.dipoleOnly`) or `y = m + d·cos φ` (`.monopoleDipole`), cos φᵢ = xᵢ·a, and
/// χ²(a) = Σ residual² (σ = 1). Everything needed is in the moments
/// `b = Σ yᵢxᵢ`, `M = Σ xᵢxᵢᵀ`, `S = Σ xᵢ`, `Σ y`, `Σ y²`:
///
///   Σ yᵢ(xᵢ·a) = b·a,   Σ (xᵢ·a)² = aᵀMa.
///
/// With a monopole the fit is the centred one: b̃ = b − ȳS, M̃ = M − SSᵀ/N; otherwise b̃ = b, M̃ = M. Then
/// Δχ²(a) = χ²₀ − χ²(a) = (b̃·a)²/(aᵀM̃a) and d(a) = (b̃·a)/(aᵀM̃a). A grid of axes costs O(N + axes).
///
/// The best axis over the whole sphere is in closed form: maximising (b̃·a)²/(aᵀM̃a) is a generalized eigenproblem
/// whose solution is a ∝ M̃⁻¹b̃ with maximum Δχ²* = b̃ᵀM̃⁻¹b̃ — the least-squares dipole vector d̂ = M̃⁻¹b̃ of the
/// linear model y = (m +) d·x, with Cov(d̂) = s²M̃⁻¹, s² = χ²_min/(N − p). Because the full M̃ (not its isotropic
/// value N/3·I) is used, partial-sky footprints are handled exactly: a footprint alone creates no dipole.
///
/// References: Shamir, L. (2012), Phys. Lett. B 715, 25 ("Handedness asymmetry of spiral galaxies with z < 0.3
/// shows cosmic parity violation and a dipole axis"), and later papers using the σ-map with random-label baselines.
public struct CosineDipoleScan: Sendable {
  public let n: Int
  public let model: DipoleModel
  let xs: [Double], ys: [Double], zs: [Double]
  let values: [Double]
  /// True when every value is 0 or 1 (enables the fast subset permutation).
  let binary: Bool
  let ones: Int
  let sumY: Double, sumY2: Double
  let s: [Double]
  let m: [[Double]]
  let b: [Double]

  /// - Parameters:
  ///   - directions: positions of the galaxies.
  ///   - values: one label (0/1, ±1) or probability per direction.
  ///   - model: with or without monopole (default with: labels 0/1 have a non-zero mean).
  /// - Throws: `SkyStatisticsError` on length mismatch, non-finite values or fewer than 5 directions.
  public init(directions: [SkyDirection], values: [Double], model: DipoleModel = .monopoleDipole) throws {
    guard directions.count == values.count else {
      throw SkyStatisticsError.lengthMismatch(what: "dipole values", expected: directions.count, got: values.count)
    }
    guard directions.count >= 5 else {
      throw SkyStatisticsError.fitFailed(
        method: "cosine-fit", reason: "needs at least 5 directions, got \(directions.count)")
    }
    if let bad = values.firstIndex(where: { !$0.isFinite }) {
      throw SkyStatisticsError.invalidValue(name: "label", row: bad, value: values[bad], expected: "a finite number")
    }
    n = directions.count
    self.model = model
    xs = directions.map { $0.x }; ys = directions.map { $0.y }; zs = directions.map { $0.z }
    self.values = values
    binary = values.allSatisfy { $0 == 0 || $0 == 1 }
    ones = binary ? values.reduce(0) { $0 + ($1 == 1 ? 1 : 0) } : 0
    var sy = 0.0, sy2 = 0.0
    var sx0 = 0.0, sx1 = 0.0, sx2 = 0.0, b0 = 0.0, b1 = 0.0, b2 = 0.0
    var m00 = 0.0, m01 = 0.0, m02 = 0.0, m11 = 0.0, m12 = 0.0, m22 = 0.0
    for i in 0..<directions.count {
      let x = xs[i], yy = ys[i], z = zs[i], v = values[i]
      sy += v; sy2 += v * v
      sx0 += x; sx1 += yy; sx2 += z
      b0 += v * x; b1 += v * yy; b2 += v * z
      m00 += x * x; m01 += x * yy; m02 += x * z; m11 += yy * yy; m12 += yy * z; m22 += z * z
    }
    let sv = [sx0, sx1, sx2], bv = [b0, b1, b2]
    let mm = [[m00, m01, m02], [m01, m11, m12], [m02, m12, m22]]
    sumY = sy; sumY2 = sy2; s = sv; m = mm; b = bv
  }

  /// Convenience for binary labels (true = 1).
  public init(directions: [SkyDirection], labels: [Bool], model: DipoleModel = .monopoleDipole) throws {
    try self.init(directions: directions, values: labels.map { $0 ? 1 : 0 }, model: model)
  }

  var mean: Double { sumY / Double(n) }

  /// M̃ (centred second moment with a monopole, M without).
  var effectiveM: [[Double]] {
    guard model == .monopoleDipole else { return m }
    return (0..<3).map { r in (0..<3).map { c in m[r][c] - s[r] * s[c] / Double(n) } }
  }

  /// b̃ for a label-weighted sum `bRaw = Σ yᵢxᵢ`.
  func effectiveB(_ bRaw: [Double]) -> [Double] {
    model == .monopoleDipole ? (0..<3).map { bRaw[$0] - mean * s[$0] } : bRaw
  }

  /// χ² of the model without dipole: Σ(y − ȳ)² with a monopole, Σ y² without.
  public var nullChiSquare: Double { model == .monopoleDipole ? sumY2 - sumY * sumY / Double(n) : sumY2 }

  /// Δχ²(a) = χ²₀ − χ²(a) for one axis.
  public func deltaChiSquare(axis a: SkyDirection) -> Double {
    let bt = effectiveB(b), v = [a.x, a.y, a.z]
    let t = bt[0] * v[0] + bt[1] * v[1] + bt[2] * v[2]
    let q = SmallMatrix.quadratic(effectiveM, v)
    return q > 0 ? t * t / q : 0
  }

  /// χ²(a), the residual sum of squares of the cos-fit about axis a.
  public func chiSquare(axis a: SkyDirection) -> Double { nullChiSquare - deltaChiSquare(axis: a) }

  /// The fitted coefficient d(a) of cos φ about axis a.
  public func amplitude(axis a: SkyDirection) -> Double {
    let bt = effectiveB(b), v = [a.x, a.y, a.z]
    let q = SmallMatrix.quadratic(effectiveM, v)
    return q > 0 ? (bt[0] * v[0] + bt[1] * v[1] + bt[2] * v[2]) / q : 0
  }

  /// Δχ²* = b̃ᵀM̃⁻¹b̃ for a given b̃ (the maximum over all axes).
  static func maxDelta(_ inv: [[Double]], _ bt: [Double]) -> Double { SmallMatrix.quadratic(inv, bt) }

  /// The best axis over the whole sphere (closed form) with amplitude and uncertainties; no p-value.
  public func bestFit() throws -> DipoleFit {
    guard let inv = SmallMatrix.inverse(effectiveM) else {
      throw SkyStatisticsError.fitFailed(
        method: "cosine-fit",
        reason: "the directions do not constrain all three dipole components (degenerate footprint)")
    }
    let bt = effectiveB(b)
    let d = SmallMatrix.multiply(inv, bt)
    let delta = Self.maxDelta(inv, bt)
    let params = model == .monopoleDipole ? 4 : 3
    let s2 = max(0, nullChiSquare - delta) / Double(max(1, n - params))
    let cov = inv.map { $0.map { $0 * s2 } }
    let (axis, amp, ampErr, dirErr) = DipoleFit.axisSummary(d, cov)
    var mono: Double?
    if model == .monopoleDipole { mono = mean - (d[0] * s[0] + d[1] * s[1] + d[2] * s[2]) / Double(n) }
    return DipoleFit(
      n: n, method: .cosineFit, model: model, bestAxis: AxisCoordinates(axis), dipoleVector: d,
      amplitude: amp, amplitudeErr: ampErr, directionErrDegrees: dirErr, monopole: mono,
      monopoleErr: nil, statistic: delta, pValue: nil, sigma: nil, pValueMethod: .none,
      permutations: nil, seed: nil, deltaBIC: nil, covariance: cov, iterations: nil)
  }
}
