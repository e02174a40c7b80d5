// galmorph — SkyStatistics

import SkyGeometry

/// How a dipole was estimated.
public enum DipoleMethod: String, Sendable, Hashable, Codable {
  /// Least-squares fit of y = (m +) d·cos φ over axes (Shamir's cos-fit), best axis in closed form.
  case cosineFit = "cosine-fit"
  /// Bernoulli maximum likelihood of P(y = 1) = m + d·x (Patel & Desmond 2024).
  case bernoulliLikelihood = "bernoulli-likelihood"
  /// Unweighted least squares of a HEALPix map with monopole + dipole (healpy `fit_dipole`, gal_cut = 0).
  case mapLeastSquares = "map-least-squares"
}

/// How a dipole fit's p-value was obtained (its JSON spelling is the raw value).
public enum DipolePValueMethod: String, Sendable, Hashable, Codable, CustomStringConvertible {
  /// No p-value (a plain fit).
  case none = "none"
  /// Label permutations of the fixed positions, the maximum over all axes each time (look-elsewhere corrected).
  case labelPermutation = "label permutation, max over all axes (look-elsewhere corrected)"
  /// Likelihood ratio against the monopole-only model, χ² with 3 degrees of freedom (Wilks).
  case likelihoodRatio = "likelihood ratio vs monopole, chi2(3)"

  public var description: String { rawValue }
}

/// Whether the linear cos-fit has a free monopole.
public enum DipoleModel: String, Sendable, Hashable, Codable {
  /// y = d cos φ (Shamir's statistic for ±1 labels such as spin direction).
  case dipoleOnly = "dipole"
  /// y = m + d cos φ (labels 0/1 or probabilities: the monopole absorbs the mean fraction).
  case monopoleDipole = "monopole+dipole"
}

/// A sky direction reported in ICRS and Galactic degrees.
public struct AxisCoordinates: Sendable, Hashable, Codable {
  public var ra: Double, dec: Double, l: Double, b: Double
  public init(_ d: SkyDirection) {
    ra = d.ra; dec = d.dec
    let g = d.galactic
    l = g.l; b = g.b
  }
  /// The direction back as a `SkyDirection`.
  public var direction: SkyDirection { SkyDirection(raDegrees: ra, decDegrees: dec) }
}

/// The result of a dipole fit: a row of a significance table, Codable for `galmorph dipole --json`.
///
/// - `amplitude` is |d|, the dipole coefficient of the label or probability (a fraction per unit cos φ), `bestAxis`
///   its direction (d/|d|). Note |d̂| is biased upward by noise (it is a vector norm); compare it with
///   `amplitudeErr` and use `pValue` for significance.
/// - `pValue`/`sigma`: for the cos-fit, look-elsewhere corrected by label permutation,
///   p = (1 + #{T_perm ≥ T_obs})/(1 + K); for the Bernoulli fit, the likelihood-ratio test against monopole-only
///   (χ² with 3 degrees of freedom, already global over directions). `sigma = Φ⁻¹(1 − p)` (one-sided Gaussian).
public struct DipoleFit: Sendable, Codable {
  public var n: Int
  public var method: DipoleMethod
  public var model: DipoleModel?
  public var bestAxis: AxisCoordinates
  /// The dipole vector d in ICRS Cartesian components (amplitude × unit axis).
  public var dipoleVector: [Double]
  public var amplitude: Double
  public var amplitudeErr: Double
  /// 1σ angular uncertainty of the axis, √(tr C⊥)/|d| in degrees, from the covariance C of d.
  public var directionErrDegrees: Double?
  public var monopole: Double?
  public var monopoleErr: Double?
  /// The test statistic: Δχ² = χ²(no dipole) − χ²(best axis) for the cos-fit, 2Δln L for the likelihood fit.
  public var statistic: Double
  public var pValue: Double?
  public var sigma: Double?
  public var pValueMethod: DipolePValueMethod
  public var permutations: Int?
  public var seed: UInt64?
  /// BIC(monopole + dipole) − BIC(monopole) = −2Δln L + 3 ln N (negative favours the dipole).
  public var deltaBIC: Double?
  /// Covariance of (m, dx, dy, dz) or (dx, dy, dz), ICRS.
  public var covariance: [[Double]]?
  /// Iterations used by an iterative fit.
  public var iterations: Int?

  /// snake_case keys, as in every galmorph JSON file (`dipole.json`'s `results`).
  enum CodingKeys: String, CodingKey {
    case n, method, model, bestAxis = "best_axis", dipoleVector = "dipole_vector", amplitude
    case amplitudeErr = "amplitude_err", directionErrDegrees = "direction_err_deg", monopole
    case monopoleErr = "monopole_err", statistic, pValue = "p_value", sigma, pValueMethod = "p_value_method"
    case permutations, seed, deltaBIC = "delta_bic", covariance, iterations
  }
}

extension DipoleFit {
  /// Axis, amplitude and their errors from a dipole vector and its 3×3 covariance.
  static func axisSummary(_ d: [Double], _ c: [[Double]]) -> (SkyDirection, Double, Double, Double?) {
    let amp = (d[0] * d[0] + d[1] * d[1] + d[2] * d[2]).squareRoot()
    guard amp > 0 else {
      return (SkyDirection(raDegrees: 0, decDegrees: 90), 0, (c[0][0] + c[1][1] + c[2][2]).squareRoot(), nil)
    }
    let u = d.map { $0 / amp }
    let varA = SmallMatrix.quadratic(c, u)
    let perp = max(0, c[0][0] + c[1][1] + c[2][2] - varA)
    return (
      SkyDirection(x: u[0], y: u[1], z: u[2]), amp, max(0, varA).squareRoot(), perp.squareRoot() / amp * 180 / .pi
    )
  }
}
