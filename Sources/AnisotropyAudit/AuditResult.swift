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
  public static let currentFormatVersion = 1
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

  public init(formatVersion: Int = AuditResult.currentFormatVersion, provenance: Provenance,
              configuration: AuditConfiguration, input: AuditInput, models: [ModelSummary], splits: [SplitAnalysis],
              dipoles: [DipoleSummary], timings: [String: Double], annotationsFile: String) {
    self.formatVersion = formatVersion; self.provenance = provenance; self.configuration = configuration
    self.input = input; self.models = models; self.splits = splits; self.dipoles = dipoles; self.timings = timings
    self.annotationsFile = annotationsFile
  }

  enum CodingKeys: String, CodingKey {
    case formatVersion = "format_version", provenance, configuration, input, models, splits, dipoles, timings
    case annotationsFile = "annotations_file"
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

  public init(path: String, sha256: String, galaxies: Int, spirals: Int, testGalaxies: Int, testSpirals: Int,
              trainingSize: Int, trainingSpirals: Int) {
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

/// One split's analysis over all seeds.
public struct SplitAnalysis: Codable, Sendable {
  public var name: String
  public var split: SkySplit
  /// True spiral fraction of the test galaxies on side A and side B.
  public var trueFraction: [Proportion]
  public var seeds: [SeedAnalysis]
  /// Sky-split |D| against control |D| over seeds: one-sided two-sample permutation test of the means (the
  /// verdict's test; context of either sign, even a sign that changes with the seed, makes |D| larger).
  public var comparison: SeedComparison
  /// Signed D's, two-sided: whether the context has a consistent direction.
  public var signedComparison: SeedComparison?
  /// The same comparison by Welch's t-test (a check on the permutation test).
  public var welch: WelchTest
  /// How many seeds give D > 0, with a two-sided binomial sign test (p = ½).
  public var signPositive: Int
  public var signPValue: Double
  /// Mean of the sky-split D over seeds and its standard error (sd/√n).
  public var meanD: Double
  public var standardErrorD: Double
  /// Mean and standard deviation of the control D's: the spread the sky D is judged against.
  public var controlMeanD: Double
  public var controlSDD: Double
  /// `comparison.pValue` adjusted over the splits.
  public var pAdjusted: Double
  public var verdict: Verdict
}

/// One seed of one split: the sky pair and the control pair on this split's test sides.
public struct SeedAnalysis: Codable, Sendable {
  public var seed: UInt64
  public var sky: ContextStatistic
  public var control: ContextStatistic
  /// Side A, side B, control 1, control 2.
  public var models: [SideRates]
  /// Exact McNemar p of the two sky models' disagreements, and of the two control models'.
  public var mcNemarSky: Double
  public var mcNemarControl: Double
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
  public var detected: Bool
  public var alpha: Double
  /// "own-side" (D > 0: each model calls more spirals on its own training side), "other-side" (D < 0) or "none".
  public var direction: String
  public var statement: String
}

/// A dipole fit (cos-fit, closed-form best axis) with its look-elsewhere-corrected permutation p-value.
public struct DipoleSummary: Codable, Sendable, Equatable {
  /// "truth" or a model name.
  public var name: String
  public var role: String
  public var n: Int
  public var amplitude: Double
  public var amplitudeErr: Double
  public var axis: AxisCoordinates
  public var pValue: Double
  public var pAdjusted: Double
  public var sigma: Double
}
