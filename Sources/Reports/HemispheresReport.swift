// galmorph — Reports
//
// The result of `galmorph hemispheres`: per-split rows and the all-axes scan (JSON with snake_case keys).

import Foundation
import GalmorphSupport
import SkyGeometry
import SkyStatistics

/// One side of a split: counts, fraction and its intervals (at the report's confidence level).
public struct HemisphereSide: Codable, Sendable, Equatable {
  public var n: Int
  public var positives: Int
  public var fraction: Double?
  public var wilson: [Double]
  public var jeffreys: [Double]

  init(_ s: ProportionSummary.Side) {
    n = s.n; positives = s.positives; fraction = s.fraction
    wilson = [s.wilson.lower, s.wilson.upper]; jeffreys = [s.jeffreys.lower, s.jeffreys.upper]
  }
}

/// Two-sided p-values of "same positive fraction on both sides".
///
/// - `binomial`: exact conditional binomial test — given K positives in all, the number on side A is
///   Binomial(K, n_A/n) under H₀ (scipy `binomtest`, two-sided); 1 when K = 0 or a side is empty.
/// - `z`: pooled two-proportion z test; `fisher`: Fisher's exact test; `chi2`, `chi2_yates`: Pearson χ² of the 2×2
///   table without and with Yates' continuity correction (`ProportionSummary`, scipy conventions).
public struct SplitPValues: Codable, Sendable, Equatable {
  public var binomial: Double
  public var z: Double
  public var fisher: Double
  public var chi2: Double
  public var chi2Yates: Double

  enum CodingKeys: String, CodingKey { case binomial, z, fisher, chi2, chi2Yates = "chi2_yates" }

  public var all: [Double] { [binomial, z, fisher, chi2, chi2Yates] }
  init(binomial: Double, z: Double, fisher: Double, chi2: Double, chi2Yates: Double) {
    self.binomial = binomial; self.z = z; self.fisher = fisher; self.chi2 = chi2; self.chi2Yates = chi2Yates
  }
  init(_ v: [Double]) { self.init(binomial: v[0], z: v[1], fisher: v[2], chi2: v[3], chi2Yates: v[4]) }
}

/// One `--split` of the hemispheres report.
public struct HemisphereSplitRow: Codable, Sendable {
  public var split: String
  public var sideA: HemisphereSide
  public var sideB: HemisphereSide
  /// fraction(A) − fraction(B).
  public var difference: Double?
  public var zStatistic: Double
  public var pValues: SplitPValues
  /// `pValues` adjusted across the splits (each test separately) with the report's method.
  public var adjusted: SplitPValues

  enum CodingKeys: String, CodingKey {
    case split, sideA = "side_a", sideB = "side_b", difference, zStatistic = "z_statistic", pValues = "p_values"
    case adjusted
  }

  /// The row of `split` (``ProportionSummary``); `adjusted` starts as the raw p-values until
  /// ``HemispheresReport/init(sample:splits:confidence:adjustment:scan:provenance:)`` adjusts them across the splits.
  public init(split: SkySplit, sample: LabelledSample, confidence: Double) throws {
    let s = try ProportionSummary(
      split: split, directions: sample.directions, labels: sample.labels,
      confidenceLevel: confidence)
    self.split = s.split
    sideA = HemisphereSide(s.a); sideB = HemisphereSide(s.b)
    difference = s.difference; zStatistic = s.z
    pValues = SplitPValues(
      binomial: s.binomialP, z: s.zP, fisher: s.fisherP, chi2: s.chiSquareP,
      chi2Yates: s.chiSquareYatesP)
    adjusted = pValues
  }
}

/// `galmorph hemispheres` output.
public struct HemispheresReport: Codable, Sendable {
  public var catalog: String
  public var rows: Int
  public var n: Int
  public var nDropped: Int
  public var nPositive: Int
  public var labelColumn: String
  public var positive: String?
  public var confidence: Double
  public var adjustment: String
  public var splits: [HemisphereSplitRow]
  public var scan: HemisphereScanSummary?
  public var provenance: Provenance

  enum CodingKeys: String, CodingKey {
    case catalog, rows, n, nDropped = "n_dropped", nPositive = "n_positive", labelColumn = "label_column"
    case positive, confidence, adjustment, splits, scan, provenance
  }

  /// The report of `sample` over `splits`: a row per split (``HemisphereSplitRow``) with each of the five tests'
  /// p-values adjusted across the splits by `adjustment`, and the scan if one ran. `sample` must hold 0/1 labels.
  public init(
    sample: LabelledSample, splits: [SkySplit], confidence: Double = 0.95,
    adjustment: PValueAdjustment = .holm, scan: HemisphereScanResult? = nil, provenance: Provenance
  ) throws {
    guard sample.isBinary else {
      throw SkyStatisticsError.unusableCatalog(
        path: sample.source,
        reason: "column '\(sample.labelColumn)' holds "
          + "probabilities; hemisphere counts need 0/1 labels: pass --positive VALUE for a class column, or a 0/1 column"
      )
    }
    var rows = try splits.map { try HemisphereSplitRow(split: $0, sample: sample, confidence: confidence) }
    let adjusted = (0..<5).map { test in adjustment.adjust(rows.map { $0.pValues.all[test] }) }
    for i in rows.indices { rows[i].adjusted = SplitPValues((0..<5).map { adjusted[$0][i] }) }
    catalog = sample.source; self.rows = sample.rows; n = sample.count; nDropped = sample.dropped
    nPositive = Int(sample.positives); labelColumn = sample.labelColumn; positive = sample.positive
    self.confidence = confidence; self.adjustment = adjustment.rawValue; self.splits = rows
    self.scan = scan?.summary; self.provenance = provenance
  }
}
