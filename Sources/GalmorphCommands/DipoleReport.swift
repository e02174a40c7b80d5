// galmorph — GalmorphCommands
//
// The JSON written by `galmorph dipole --json` and `--out DIR` (dipole.json).

import Foundation
import GalmorphSupport
import SkyStatistics

/// One dipole estimate as reported: the `DipoleFit` fields under snake_case keys.
public struct DipoleResultRow: Codable, Sendable, Equatable {
  /// `cosine-fit` or `bernoulli-likelihood` (`DipoleMethod` raw values).
  public var method: String
  public var n: Int
  public var bestAxis: AxisCoordinates
  public var amplitude: Double
  public var amplitudeErr: Double
  public var directionErrDegrees: Double?
  public var monopole: Double?
  /// Δχ² (cos-fit) or 2Δln L (likelihood).
  public var statistic: Double
  /// Look-elsewhere corrected for the cos-fit (label permutations); the χ²₃ likelihood-ratio p for the Bernoulli fit.
  public var pValue: Double?
  public var sigma: Double?
  public var pValueMethod: String
  public var permutations: Int?
  public var seed: UInt64?
  public var deltaBIC: Double?

  enum CodingKeys: String, CodingKey {
    case method, n, bestAxis = "best_axis", amplitude, amplitudeErr = "amplitude_err"
    case directionErrDegrees = "direction_err_deg", monopole, statistic, pValue = "p_value", sigma
    case pValueMethod = "p_value_method", permutations, seed, deltaBIC = "delta_bic"
  }

  init(_ fit: DipoleFit) {
    method = fit.method.rawValue; n = fit.n; bestAxis = fit.bestAxis; amplitude = fit.amplitude
    amplitudeErr = fit.amplitudeErr; directionErrDegrees = fit.directionErrDegrees; monopole = fit.monopole
    statistic = fit.statistic; pValue = fit.pValue; sigma = fit.sigma; pValueMethod = fit.pValueMethod
    permutations = fit.permutations; seed = fit.seed; deltaBIC = fit.deltaBIC
  }
}

/// What the σ-map showed (the full map goes to the FITS file).
public struct SigmaMapSummary: Codable, Sendable, Equatable {
  /// `radec:<step>` or `healpix:<nside>`.
  public var grid: String
  public var axes: Int
  public var bestAxis: AxisCoordinates
  public var bestSigma: Double
  public var bestAmplitude: Double
  /// NSIDE of the HEALPix map written with `--out` (the grid itself, or the nside matching the RA/Dec step).
  public var healpixNside: Int

  enum CodingKeys: String, CodingKey {
    case grid, axes, bestAxis = "best_axis", bestSigma = "best_sigma", bestAmplitude = "best_amplitude"
    case healpixNside = "healpix_nside"
  }
}

/// `galmorph dipole` output. The top-level estimate is the first of `results` (the cos-fit when both methods ran).
public struct DipoleReport: Codable, Sendable {
  public var catalog: String
  public var rows: Int
  public var n: Int
  public var nDropped: Int
  /// Σ labels: the number of positives for class labels, the summed probability otherwise.
  public var nPositive: Double
  public var raColumn: String
  public var decColumn: String
  public var labelColumn: String
  public var positive: String?
  public var method: String
  public var bestAxis: AxisCoordinates
  public var amplitude: Double
  public var amplitudeErr: Double
  public var pValue: Double?
  public var sigma: Double?
  public var results: [DipoleResultRow]
  public var sigmaMap: SigmaMapSummary?
  /// Files written with `--out`, by role (`fits`, `png`, `json`, `markdown`, `latex`).
  public var files: [String: String]?
  public var provenance: Provenance

  enum CodingKeys: String, CodingKey {
    case catalog, rows, n, nDropped = "n_dropped", nPositive = "n_positive", raColumn = "ra_column"
    case decColumn = "dec_column", labelColumn = "label_column", positive, method, bestAxis = "best_axis"
    case amplitude, amplitudeErr = "amplitude_err", pValue = "p_value", sigma, results, sigmaMap = "sigma_map"
    case files, provenance
  }

  init(sample: LabelledSample, results: [DipoleResultRow], sigmaMap: SigmaMapSummary?, provenance: Provenance) {
    precondition(!results.isEmpty, "a dipole report needs at least one result")
    catalog = sample.source; rows = sample.rows; n = sample.count; nDropped = sample.dropped
    nPositive = sample.positives; raColumn = sample.raColumn; decColumn = sample.decColumn
    labelColumn = sample.labelColumn; positive = sample.positive
    let primary = results[0]
    method = primary.method; bestAxis = primary.bestAxis; amplitude = primary.amplitude
    amplitudeErr = primary.amplitudeErr; pValue = primary.pValue; sigma = primary.sigma
    self.results = results; self.sigmaMap = sigmaMap; self.provenance = provenance
  }

  /// Pretty, key-sorted JSON (`JSONCoding`).
  func jsonData() throws -> Data { try JSONCoding.encoder().encode(self) }
}
