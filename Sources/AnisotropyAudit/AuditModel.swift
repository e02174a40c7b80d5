// galmorph — AnisotropyAudit
//
// One model of an audit: its role, training rows and, once trained, its calls on the common test set.

/// What a model of the audit was trained on.
public enum ModelRole: String, Codable, Sendable, CaseIterable {
  /// Side A of a sky split.
  case sideA = "side-A"
  /// Side B of a sky split.
  case sideB = "side-B"
  /// First random, sky-independent half (control).
  case control1 = "control-1"
  /// Second random half (control).
  case control2 = "control-2"
}

/// A model to train: `name` is also its file stem in `OUT/models/`.
public struct ModelJob: Codable, Sendable, Equatable {
  public var name: String
  public var role: ModelRole
  /// Index into the configuration's splits (nil for control models, which serve every split).
  public var split: Int?
  public var seed: UInt64
  public var rows: [Int]

  /// The jobs of a design, seed by seed: every split's side-A and side-B model, then the control pair.
  public static func jobs(for design: AuditDesign, splitNames: [String]) -> [ModelJob] {
    design.seeds.flatMap { sd -> [ModelJob] in
      var jobs: [ModelJob] = []
      for (s, pair) in sd.sky.enumerated() {
        let stem = fileStem(splitNames[s])
        jobs.append(ModelJob(name: "\(stem)-seed\(sd.seed)-A", role: .sideA, split: s, seed: sd.seed, rows: pair[0]))
        jobs.append(ModelJob(name: "\(stem)-seed\(sd.seed)-B", role: .sideB, split: s, seed: sd.seed, rows: pair[1]))
      }
      jobs.append(ModelJob(name: "control-seed\(sd.seed)-1", role: .control1, split: nil, seed: sd.seed, rows: sd.control[0]))
      jobs.append(ModelJob(name: "control-seed\(sd.seed)-2", role: .control2, split: nil, seed: sd.seed, rows: sd.control[1]))
      return jobs
    }
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
}
