// galmorph — AnisotropyAudit
//
// One model of an audit: its role, training rows and, once trained, its calls on the common test set.

/// What a model of the audit was trained on.
public enum ModelRole: String, Codable, Sendable, CaseIterable {
  /// Side A of a sky split.
  case sideA = "side-A"
  /// Side B of a sky split.
  case sideB = "side-B"
  /// Reservoir A of a control unit (a random, sky-independent subset of the pool).
  case controlA = "control-A"
  /// Reservoir B of a control unit (disjoint from reservoir A).
  case controlB = "control-B"

  public var isControl: Bool { self == .controlA || self == .controlB }

  /// Whether a model of this role and control unit is shown in figures and fitted for dipoles: every sky model and
  /// the models of control unit 1.
  public func isFeatured(unit: Int?) -> Bool { !isControl || unit == 1 }
}

/// A model to train: `name` is also its file stem in `OUT/models/`.
public struct ModelJob: Codable, Sendable, Equatable {
  public var name: String
  public var role: ModelRole
  /// Index into the configuration's splits (nil for control models, which serve every split).
  public var split: Int?
  /// Control unit number 1…M (nil for sky models).
  public var unit: Int?
  public var seed: UInt64
  public var rows: [Int]

  /// The jobs of a design, seed by seed: every split's side-A and side-B model, then every control unit's pair
  /// (`control<m>-seed<k>-A/B`, m zero-padded to the width of M).
  public static func jobs(for design: AuditDesign, splitNames: [String]) -> [ModelJob] {
    let width = String(design.controls.count).count
    return design.seeds.enumerated().flatMap { k, seed -> [ModelJob] in
      var jobs: [ModelJob] = []
      for (s, unit) in design.sky.enumerated() {
        let stem = fileStem(splitNames[s])
        jobs.append(
          ModelJob(name: "\(stem)-seed\(seed)-A", role: .sideA, split: s, seed: seed, rows: unit.training[k][0]))
        jobs.append(
          ModelJob(name: "\(stem)-seed\(seed)-B", role: .sideB, split: s, seed: seed, rows: unit.training[k][1]))
      }
      for (m, unit) in design.controls.enumerated() {
        let number = String(m + 1), padded = String(repeating: "0", count: width - number.count) + number
        jobs.append(
          ModelJob(
            name: "control\(padded)-seed\(seed)-A", role: .controlA, unit: m + 1, seed: seed,
            rows: unit.training[k][0]))
        jobs.append(
          ModelJob(
            name: "control\(padded)-seed\(seed)-B", role: .controlB, unit: m + 1, seed: seed,
            rows: unit.training[k][1]))
      }
      return jobs
    }
  }

  public init(name: String, role: ModelRole, split: Int? = nil, unit: Int? = nil, seed: UInt64, rows: [Int]) {
    self.name = name; self.role = role; self.split = split; self.unit = unit; self.seed = seed; self.rows = rows
  }

  /// A file-name-safe form of a split label (`ra:70,250` → `ra_70_250`).
  public static func fileStem(_ label: String) -> String {
    String(label.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "_" })
  }
}

/// A trained model's record: where it is, how it trained, and its spiral probability for every test galaxy
/// (in the order of `AuditDesign.test`). Written to `OUT/models/<name>.json` so that `--resume` can reuse it.
public struct ModelOutcome: Codable, Sendable, Equatable {
  public var name: String
  public var role: ModelRole
  public var split: Int?
  /// Control unit number (nil for sky models).
  public var unit: Int?
  public var seed: UInt64
  public var trainingSize: Int
  public var trainingSpiralFraction: Double
  /// Model file relative to the audit folder, and its SHA-256.
  public var file: String
  public var sha256: String
  public var epochs: Int
  public var bestEpoch: Int
  public var validationAUC: Double
  public var threshold: Double
  public var trainSeconds: Double
  public var annotateSeconds: Double
  /// SHA-256 of (training configuration, rows, input checksum): a resumed audit reuses the model only if it matches.
  public var fingerprint: String
  public var testProbabilities: [Double]

  /// The model's class calls on the test set (1 = spiral when p ≥ threshold).
  public var calls: [Int] { testProbabilities.map { $0 >= threshold ? 1 : 0 } }

  public init(
    name: String, role: ModelRole, split: Int?, unit: Int?, seed: UInt64, trainingSize: Int,
    trainingSpiralFraction: Double, file: String, sha256: String, epochs: Int, bestEpoch: Int,
    validationAUC: Double, threshold: Double, trainSeconds: Double, annotateSeconds: Double,
    fingerprint: String, testProbabilities: [Double]
  ) {
    self.name = name; self.role = role; self.split = split; self.unit = unit; self.seed = seed
    self.trainingSize = trainingSize; self.trainingSpiralFraction = trainingSpiralFraction; self.file = file
    self.sha256 = sha256; self.epochs = epochs; self.bestEpoch = bestEpoch; self.validationAUC = validationAUC
    self.threshold = threshold; self.trainSeconds = trainSeconds; self.annotateSeconds = annotateSeconds
    self.fingerprint = fingerprint; self.testProbabilities = testProbabilities
  }
}
