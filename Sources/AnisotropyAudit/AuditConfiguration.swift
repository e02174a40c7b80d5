// galmorph — AnisotropyAudit
//
// Everything that defines an audit run; stored in audit.json and checked on `--resume`.

import MorphologyClassifier
import SkyGeometry
import SkyStatistics

/// The settings of an audit.
///
/// Defaults: 5 seeds, test fraction 0.2, α = 0.05 with Holm's correction over the splits (and, separately, over
/// the dipole tests), 1000 paired bootstrap resamples of D, 2000 relabellings for the look-elsewhere-corrected
/// dipole p-values. The training configuration is shared by every model; only its `seed` changes (the audit seed),
/// so the two models of a pair start from the same initial weights and see their data in the same order.
public struct AuditConfiguration: Codable, Sendable, Equatable {
  /// Sky splits, each with its parseable label (`dec:0`, `ra:70,250`, `galactic-b:0`, `axis:RA,DEC`).
  public var splits: [NamedSplit]
  public var seeds: [UInt64]
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

  public init(splits: [NamedSplit], seeds: [UInt64] = [1, 2, 3, 4, 5], baseSeed: UInt64 = 0, testFraction: Double = 0.2,
              maxTrainingSize: Int? = nil, training: TrainingConfiguration, alpha: Double = 0.05,
              adjustment: PValueAdjustment = .holm, bootstrap: Int = 1000, dipolePermutations: Int = 2000) {
    self.splits = splits; self.seeds = seeds; self.baseSeed = baseSeed; self.testFraction = testFraction
    self.maxTrainingSize = maxTrainingSize; self.training = training; self.alpha = alpha
    self.adjustment = adjustment; self.bootstrap = bootstrap; self.dipolePermutations = dipolePermutations
  }
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
