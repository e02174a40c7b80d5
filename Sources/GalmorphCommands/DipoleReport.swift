// galmorph — GalmorphCommands
//
// The JSON written by `galmorph dipole --json` and `--out DIR` (dipole.json).

import Foundation
import GalmorphSupport
import SkyStatistics

/// One dipole estimate as reported: the `DipoleFit` fields under snake_case keys.
struct DipoleResultRow: Codable, Sendable, Equatable {
  /// `cosine-fit` or `bernoulli-likelihood` (`DipoleMethod` raw values).
  var method: String
  var n: Int
  var bestAxis: AxisCoordinates
  var amplitude: Double
  var amplitudeErr: Double
  var directionErrDegrees: Double?
  var monopole: Double?
  /// Δχ² (cos-fit) or 2Δln L (likelihood).
  var statistic: Double
  /// Look-elsewhere corrected for the cos-fit (label permutations); the χ²₃ likelihood-ratio p for the Bernoulli fit.
  var pValue: Double?
  var sigma: Double?
  var pValueMethod: String
  var permutations: Int?
  var seed: UInt64?
  var deltaBIC: Double?

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
struct SigmaMapSummary: Codable, Sendable, Equatable {
  /// `radec:<step>` or `healpix:<nside>`.
  var grid: String
  var axes: Int
  var bestAxis: AxisCoordinates
  var bestSigma: Double
  var bestAmplitude: Double
  /// NSIDE of the HEALPix map written with `--out` (the grid itself, or the nside matching the RA/Dec step).
  var healpixNside: Int

  enum CodingKeys: String, CodingKey {
    case grid, axes, bestAxis = "best_axis", bestSigma = "best_sigma", bestAmplitude = "best_amplitude"
    case healpixNside = "healpix_nside"
  }
}

/// `galmorph dipole` output. The top-level estimate is the first of `results` (the cos-fit when both methods ran).
struct DipoleReport: Codable, Sendable {
  var catalog: String
  var rows: Int
  var n: Int
  var nDropped: Int
  /// Σ labels: the number of positives for class labels, the summed probability otherwise.
  var nPositive: Double
  var raColumn: String
  var decColumn: String
  var labelColumn: String
  var positive: String?
  var method: String
  var bestAxis: AxisCoordinates
  var amplitude: Double
  var amplitudeErr: Double
  var pValue: Double?
  var sigma: Double?
  var results: [DipoleResultRow]
  var sigmaMap: SigmaMapSummary?
  /// Files written with `--out`, by role (`fits`, `png`, `json`, `markdown`, `latex`).
  var files: [String: String]?
  var provenance: Provenance

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
