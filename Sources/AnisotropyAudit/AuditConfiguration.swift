// galmorph — AnisotropyAudit
//
// Everything that defines an audit run; stored in audit.json and checked on `--resume`.

import MorphologyClassifier
import SkyGeometry
import SkyStatistics

/// The settings of an audit.
///
/// Defaults: one training seed, M = `minimumControls(splits:alpha:)` control units (the fewest for which the
/// smallest attainable Holm-adjusted p, k/(M + 1) for k splits, is below α: 20 for one split, 40 for two at α = 0.05), test
/// fraction 0.2, α = 0.05 with Holm's correction over the splits (and, separately, over the dipole tests), 1000
/// paired bootstrap resamples of D, and `minimumRelabellings(fits:alpha:)` = ⌈20·m/α⌉ relabellings for the m
/// look-elsewhere-corrected dipole p-values. The training configuration is shared by every model; only its `seed`
/// changes (the training seed), so the two models of a pair start from the same initial weights and see their data
/// in the same order.
public struct AuditConfiguration: Codable, Sendable, Equatable {
  /// Sky splits, each with its parseable label (`dec:0`, `ra:70,250`, `galactic-b:0`, `axis:RA,DEC`).
  public var splits: [NamedSplit]
  /// Training seeds: every unit trains one model pair per seed.
  public var seeds: [UInt64]
  /// M, the number of control units (random, sky-independent reservoir pairs shared by every split).
  public var controls: Int
  /// Seed of the test set and of the training-set draws.
  public var baseSeed: UInt64
  public var testFraction: Double
  /// Cap on galaxies per training set (nil: as many as the smallest side allows).
  public var maxTrainingSize: Int?
  public var training: TrainingConfiguration
  public var alpha: Double
  public var adjustment: PValueAdjustment
  public var bootstrap: Int
  public var dipolePermutations: Int

  /// `controls` and `dipolePermutations` default (nil) to `minimumControls` and `minimumRelabellings`.
  public init(
    splits: [NamedSplit], seeds: [UInt64] = [1], controls: Int? = nil, baseSeed: UInt64 = 0,
    testFraction: Double = 0.2, maxTrainingSize: Int? = nil, training: TrainingConfiguration,
    alpha: Double = 0.05, adjustment: PValueAdjustment = .holm, bootstrap: Int = 1000,
    dipolePermutations: Int? = nil
  ) {
    self.splits = splits; self.seeds = seeds; self.baseSeed = baseSeed; self.testFraction = testFraction
    self.controls = controls ?? Self.minimumControls(splits: splits.count, alpha: alpha)
    self.maxTrainingSize = maxTrainingSize; self.training = training; self.alpha = alpha
    self.adjustment = adjustment; self.bootstrap = bootstrap
    self.dipolePermutations =
      dipolePermutations
      ?? Self.minimumRelabellings(fits: Self.dipoleFits(splits: splits.count, seeds: seeds.count), alpha: alpha)
  }

  /// The fewest control units M for which the smallest attainable adjusted p of k splits, k/(M + 1) (Holm's first
  /// step and Bonferroni alike), lies below α: ⌊k/α⌋ (20 for k = 1, 40 for k = 2 at α = 0.05).
  public static func minimumControls(splits: Int, alpha: Double) -> Int {
    let s = Double(max(1, splits))
    var m = max(1, Int((s / alpha).rounded(.down)))
    while s / Double(m + 1) >= alpha { m += 1 }
    return m
  }

  /// The dipole fits of an audit: the true labels, every sky model and the models of control unit 1
  /// (1 + 2·seeds·(splits + 1)).
  public static func dipoleFits(splits: Int, seeds: Int) -> Int { 1 + 2 * seeds * (splits + 1) }

  /// Relabellings for m look-elsewhere-corrected dipole p-values adjusted over all m: ⌈20·m/α⌉, so that the
  /// smallest attainable p, 1/(K + 1), adjusted (×m) stays at least 20 times below α.
  public static func minimumRelabellings(fits m: Int, alpha: Double) -> Int {
    Int((20 * Double(m) / alpha).rounded(.up))
  }

  /// The smallest adjusted p-value the verdicts can reach: k/(M + 1) for k splits.
  public var smallestAdjustedP: Double { Double(splits.count) / Double(controls + 1) }
}

/// A sky split with the text it was given as.
public struct NamedSplit: Codable, Sendable, Equatable {
  public var name: String
  public var split: SkySplit
  public init(name: String, split: SkySplit) { self.name = name; self.split = split }
  /// Parses `dec:0`, `ra:70,250`, `galactic-b:0`, `axis:RA,DEC` (see `SkySplit(parsing:)`).
  public init(parsing text: String) throws {
    name = text
    split = try SkySplit(parsing: text)
  }
}
