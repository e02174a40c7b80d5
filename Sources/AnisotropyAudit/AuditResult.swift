// galmorph — AnisotropyAudit
//
// Every number of an audit, as written to audit.json and re-rendered by `galmorph report`.

import GalmorphSupport
import SkyGeometry
import SkyStatistics

/// The outcome of `galmorph audit` (audit.json). Fractions and rates carry 95% Wilson intervals; p-values are
/// given raw and adjusted (`AuditConfiguration.adjustment`, over the splits for the verdicts and over all dipole
/// tests for the dipoles).
public struct AuditResult: Codable, Sendable {
  /// 2: units (sky and control reservoir pairs) and the rank test replace the per-seed control pairs of version 1;
  /// 3: the training side's shift S beside D, and the rank test of the larger of the two (each scaled);
  /// 4: the dipoles' σ-maps stored in `sigma_maps_file` (``AuditSigmaMaps``).
  public static let currentFormatVersion = 4
  /// The result's file in an audit folder.
  public static let fileName = "audit.json"
  public var formatVersion: Int
  public var provenance: Provenance
  public var configuration: AuditConfiguration
  public var input: AuditInput
  public var models: [ModelSummary]
  public var splits: [SplitAnalysis]
  /// Dipoles of the true labels and of every model's annotations of the test set.
  public var dipoles: [DipoleSummary]
  /// Seconds per stage: load, train, annotate, analyse.
  public var timings: [String: Double]
  /// Per-galaxy test-set annotations (relative to audit.json): id, ra, dec, label, side per split, p per model.
  public var annotationsFile: String
  /// The dipoles' σ-maps (``AuditSigmaMaps``, relative to audit.json).
  public var sigmaMapsFile: String
  /// The context probe (`galmorph audit --probe`); nil (absent from audit.json) without it.
  public var probe: AuditProbe?

  public init(
    formatVersion: Int = AuditResult.currentFormatVersion, provenance: Provenance,
    configuration: AuditConfiguration, input: AuditInput, models: [ModelSummary], splits: [SplitAnalysis],
    dipoles: [DipoleSummary], timings: [String: Double], annotationsFile: String,
    sigmaMapsFile: String = AuditSigmaMaps.fileName, probe: AuditProbe? = nil
  ) {
    self.formatVersion = formatVersion; self.provenance = provenance; self.configuration = configuration
    self.input = input; self.models = models; self.splits = splits; self.dipoles = dipoles; self.timings = timings
    self.annotationsFile = annotationsFile; self.sigmaMapsFile = sigmaMapsFile; self.probe = probe
  }

  enum CodingKeys: String, CodingKey {
    case formatVersion = "format_version", provenance, configuration, input, models, splits, dipoles, timings
    case annotationsFile = "annotations_file", sigmaMapsFile = "sigma_maps_file", probe
  }
}

/// The sample and its division.
public struct AuditInput: Codable, Sendable, Equatable {
  public var path: String
  public var sha256: String
  public var galaxies: Int
  public var spirals: Int
  public var testGalaxies: Int
  public var testSpirals: Int
  /// Galaxies per training set, of which spirals (identical for every model).
  public var trainingSize: Int
  public var trainingSpirals: Int

  public init(
    path: String, sha256: String, galaxies: Int, spirals: Int, testGalaxies: Int, testSpirals: Int,
    trainingSize: Int, trainingSpirals: Int
  ) {
    self.path = path; self.sha256 = sha256; self.galaxies = galaxies; self.spirals = spirals
    self.testGalaxies = testGalaxies; self.testSpirals = testSpirals; self.trainingSize = trainingSize
    self.trainingSpirals = trainingSpirals
  }
}

/// A proportion k/n with its 95% Wilson interval.
public struct Proportion: Codable, Sendable, Equatable {
  public var k: Int
  public var n: Int
  public var value: Double
  public var lower: Double
  public var upper: Double

  public init(_ k: Int, _ n: Int) {
    self.k = k; self.n = n
    value = n > 0 ? Double(k) / Double(n) : .nan
    if n > 0, let ci = try? BinomialInterval(successes: k, trials: n, confidenceLevel: 0.95, method: .wilson) {
      lower = ci.lower; upper = ci.upper
    } else {
      lower = .nan; upper = .nan
    }
  }
}

/// A model as trained, with its test-set performance.
public struct ModelSummary: Codable, Sendable, Equatable {
  public var name: String
  public var role: ModelRole
  public var split: String?
  /// Control unit number (nil for sky models).
  public var unit: Int?
  public var seed: UInt64
  public var file: String
  public var sha256: String
  public var trainingSize: Int
  public var trainingSpiralFraction: Double
  public var epochs: Int
  public var bestEpoch: Int
  public var validationAUC: Double
  /// p_spiral at or above which the model calls a galaxy spiral.
  public var threshold: Double
  public var testAUC: Double
  public var testAccuracy: Proportion
  /// Fraction of all test galaxies called spiral.
  public var calledSpiral: Proportion
  public var trainSeconds: Double
}

/// One split's analysis: the sky unit's D per seed, the control units' D's, and the rank test between them.
public struct SplitAnalysis: Codable, Sendable {
  public var name: String
  public var split: SkySplit
  /// True spiral fraction of the test galaxies on side A and side B.
  public var trueFraction: [Proportion]
  /// The sky unit, seed by seed.
  public var seeds: [SeedAnalysis]
  /// Every control unit's D's on this split's test sides.
  public var controls: [ControlUnitAnalysis]
  /// The verdict's test: the sky unit's combination of mean |D| and mean |S| ranked among the control units'.
  public var test: UnitRankTest
  /// The sky unit's D over seeds: mean, Student-t interval, sign test.
  public var sky: SeedSummary
  /// The sky unit's S over seeds, likewise.
  public var shift: SeedSummary
  /// The sky unit's mean per-class D's over seeds (among true spirals: TPR; among true ellipticals: FPR).
  public var meanDSpirals: Double
  public var meanDEllipticals: Double
  /// Mean and standard deviation over control units of their mean D: the spread the sky unit is judged against.
  public var controlMeanD: Double
  public var controlSDD: Double
  /// Mean and standard deviation over control units of their mean S.
  public var controlMeanS: Double
  public var controlSDS: Double
  /// (sky mean D − control mean D) / control sd: descriptive, not the test.
  public var zScore: Double
  /// `test.pValue` adjusted over the splits.
  public var pAdjusted: Double
  /// The smallest adjusted p the design can reach, k/(M + 1) for k splits.
  public var smallestAdjustedP: Double
  public var verdict: Verdict

  /// Mean D of the sky unit over seeds.
  public var meanD: Double { sky.mean }

  enum CodingKeys: String, CodingKey {
    case name, split, trueFraction = "true_fraction", seeds, controls, test, sky, shift = "sky_S"
    case meanDSpirals = "mean_D_spirals", meanDEllipticals = "mean_D_ellipticals", controlMeanD = "control_mean_D"
    case controlSDD = "control_sd_D", controlMeanS = "control_mean_S", controlSDS = "control_sd_S", zScore = "z",
      pAdjusted = "p_adjusted", smallestAdjustedP = "smallest_adjusted_p"
    case verdict
  }
}

/// One seed of a split's sky unit: the side-A and side-B models' context statistic and rates.
public struct SeedAnalysis: Codable, Sendable {
  public var seed: UInt64
  public var sky: ContextStatistic
  /// Side A, side B.
  public var models: [SideRates]
  /// Exact McNemar p of the two sky models' disagreements.
  public var mcNemar: Double

  enum CodingKeys: String, CodingKey { case seed, sky, models, mcNemar = "mcnemar" }
}

/// One control unit on one split's test sides.
public struct ControlUnitAnalysis: Codable, Sendable, Equatable {
  /// Unit number 1…M.
  public var unit: Int
  /// D per seed.
  public var d: [Double]
  /// S per seed.
  public var shift: [Double]
  /// The unit's combined statistic T (`UnitRankTest`).
  public var statistic: Double

  enum CodingKeys: String, CodingKey { case unit, d = "D", shift = "S", statistic = "T" }
}

/// One model's spiral fraction and error rate on each test side (`[A, B]`).
public struct SideRates: Codable, Sendable, Equatable {
  public var name: String
  public var role: ModelRole
  public var calledSpiral: [Proportion]
  public var errorRate: [Proportion]
}

/// The verdict of one split.
public struct Verdict: Codable, Sendable, Equatable {
  /// False also when no verdict is possible (`conclusive` false).
  public var detected: Bool
  /// False when D is undefined or the design cannot reach α (the statement says why).
  public var conclusive: Bool
  public var alpha: Double
  /// Of the component that gives the sky unit its statistic (`UnitRankTest.skyComponent`): "own-side" (D > 0: each model calls more
  /// spirals on its own training side), "other-side" (D < 0), "side-A-more-spiral" (S > 0: the model trained on
  /// side A calls more spirals on both sides), "side-B-more-spiral" (S < 0); "none" without a detection.
  public var direction: String
  public var statement: String
}

/// A dipole fit (cos-fit, closed-form best axis) with its look-elsewhere-corrected permutation p-value.
public struct DipoleSummary: Codable, Sendable, Equatable {
  /// "truth" or a model name.
  public var name: String
  public var role: AnnotationSet
  public var n: Int
  public var amplitude: Double
  public var amplitudeErr: Double
  public var axis: AxisCoordinates
  public var pValue: Double
  public var pAdjusted: Double
  public var sigma: Double
}

/// Whose calls a dipole was fitted to: the test set's true labels (`"labels"` in JSON) or a model's annotations (its
/// ``ModelRole`` raw value).
public enum AnnotationSet: Sendable, Equatable, Codable, CustomStringConvertible {
  case trueLabels
  case model(ModelRole)

  /// `labels`, `side-A`, `side-B`, `control-A`, `control-B`.
  public var description: String {
    switch self {
    case .trueLabels: return "labels"
    case let .model(role): return role.rawValue
    }
  }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    if text == "labels" { self = .trueLabels; return }
    guard let role = ModelRole(rawValue: text) else {
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: decoder.codingPath,
          debugDescription:
            "unknown annotation set '\(text)': expected labels or one of \(ModelRole.allCases.map(\.rawValue).joined(separator: ", "))"
        ))
    }
    self = .model(role)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(description)
  }
}
