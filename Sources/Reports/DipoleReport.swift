// galmorph — Reports
//
// The result of `galmorph dipole` (dipole.json) and its significance table (dipole.md, dipole.tex).

import Foundation
import GalmorphSupport
import SkyStatistics

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

  public init(_ map: SigmaMap, healpixNside: Int) {
    grid = map.grid.name; axes = map.sigma.count; bestAxis = map.bestAxis; bestSigma = map.bestSigma
    bestAmplitude = map.bestAmplitude; self.healpixNside = healpixNside
  }
}

/// `galmorph dipole` output: the sample, every fit (``DipoleFit``, the cos-fit first when both methods ran) and the
/// σ-map summary. The top-level estimate repeats the first fit.
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
  public var method: DipoleMethod
  public var bestAxis: AxisCoordinates
  public var amplitude: Double
  public var amplitudeErr: Double
  public var pValue: Double?
  public var sigma: Double?
  public var results: [DipoleFit]
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

  public init(sample: LabelledSample, results: [DipoleFit], sigmaMap: SigmaMapSummary?, provenance: Provenance) {
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
  public func jsonData() throws -> Data { try JSONCoding.encoder().encode(self) }

  /// One row per fit: method, N, best axis (RA, Dec, l, b), amplitude ± its 1σ standard error, p and σ, in the
  /// columns and number formats of every dipole table (``DipoleColumns``).
  public func table() throws -> SignificanceTable {
    let label = positive.map { "\(labelColumn) = \($0)" } ?? labelColumn
    var table = try SignificanceTable(
      title: "Dipole of \(label)",
      caption:
        "Dipole of \(label) over \(n) galaxies of \(URL(fileURLWithPath: catalog).lastPathComponent): best axis, "
        + "amplitude ± 1σ standard error; p look-elsewhere corrected by label permutation (cos-fit) or from the "
        + "likelihood ratio with 3 degrees of freedom (Bernoulli fit); σ, the one-sided Gaussian equivalent of p.",
      label: "tab:dipole",
      columns: [
        DipoleColumns.method, DipoleColumns.n, DipoleColumns.ra, DipoleColumns.dec, DipoleColumns.l,
        DipoleColumns.b, DipoleColumns.amplitude, DipoleColumns.p, DipoleColumns.sigma,
      ])
    for r in results {
      try table.append([
        .text(r.method.displayName), .integer(r.n), .number(r.bestAxis.ra), .number(r.bestAxis.dec),
        .number(r.bestAxis.l), .number(r.bestAxis.b), .measurement(value: r.amplitude, error: r.amplitudeErr),
        r.pValue.map(TableCell.pValue) ?? .missing, r.sigma.map(TableCell.number) ?? .missing,
      ])
    }
    return table
  }
}

/// The columns of every dipole table (``DipoleReport/table()`` and the audit's dipole table), so that the same fit
/// prints the same way in `dipole.md` and `audit.md`: angles to 0.1°, amplitude ± error to the error's second
/// significant figure, σ to 0.01, p by ``NumberFormat/pValue()``.
public enum DipoleColumns {
  public static let method = TableColumn(key: "method", header: "Method", kind: .text)
  public static let n = TableColumn(key: "N", header: "N", kind: .integer)
  public static let amplitude = TableColumn(key: "amplitude", header: "Amplitude", kind: .measurement)
  public static let ra = TableColumn(
    key: "ra", header: "Axis RA", unit: "deg", kind: .number, format: .fixed(decimals: 1))
  public static let dec = TableColumn(
    key: "dec", header: "Axis Dec", unit: "deg", kind: .number, format: .fixed(decimals: 1))
  public static let l = TableColumn(key: "l", header: "Axis l", unit: "deg", kind: .number, format: .fixed(decimals: 1))
  public static let b = TableColumn(key: "b", header: "Axis b", unit: "deg", kind: .number, format: .fixed(decimals: 1))
  public static let sigma = TableColumn(
    key: "sigma", header: "σ", kind: .number, format: .fixed(decimals: 2),
    latexHeader: "$\\sigma$")
  public static let p = TableColumn(key: "p", header: "p", kind: .pValue)
}

extension DipoleMethod {
  /// `cos-fit`, `Bernoulli ML`, `map least squares`.
  public var displayName: String {
    switch self {
    case .cosineFit: return "cos-fit"
    case .bernoulliLikelihood: return "Bernoulli ML"
    case .mapLeastSquares: return "map least squares"
    }
  }
}

extension AxisGrid {
  /// `radec:<step>` (integers without a point) or `healpix:<nside>`.
  public var name: String {
    switch self {
    case let .raDec(step):
      return "radec:" + (step == step.rounded() && abs(step) < 1e15 ? String(Int(step)) : String(step))
    case let .healpix(nside): return "healpix:\(nside)"
    }
  }
}
