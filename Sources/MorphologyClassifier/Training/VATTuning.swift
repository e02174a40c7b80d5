// galmorph — MorphologyClassifier
//
// Choosing VAT's ε on the validation part: one model per candidate, the best validation ROC AUC kept.
import Foundation
import GalmorphSupport

/// One ε candidate of ``Trainer/tuneVAT(_:epsilons:candidateURL:calibrate:summary:resume:stopAfterEpochs:)``.
public struct VATCandidateRecord: Codable, Sendable, Equatable {
  public var epsilon: Double
  public var file: String
  public var sha256: String
  public var bestEpoch: Int
  public var validationAUC: Double
  /// True when a finished candidate file was reused (`resume`).
  public var reused: Bool
  enum CodingKeys: String, CodingKey {
    case epsilon, file, sha256, bestEpoch = "best_epoch", validationAUC = "val_auc", reused
  }
}

/// The outcome of ``Trainer/tuneVAT(_:epsilons:candidateURL:calibrate:summary:resume:stopAfterEpochs:)``.
public struct VATTuningResult {
  /// The chosen candidate (calibrated when asked; its training summary names ε and the search); nil when the run
  /// was interrupted.
  public var model: ClassifierModel?
  public var candidates: [VATCandidateRecord]
  /// Index into `candidates` of the chosen ε.
  public var chosen: Int?
  public var split: DataSplit
  public var test: [Int]
  /// The chosen model's validation logits and the validation labels.
  public var validationLogits: [Double]
  public var validationLabels: [Int]
  public var interrupted: Bool
}

extension Trainer {
  /// Trains one model per ε in `epsilons` (this trainer's configuration with `vat.epsilon` set; every other VAT
  /// setting, the seed and the split are shared) with ``trainCandidate``, each into `candidateURL(ε)`, (`summary` added to each model's training summary) and keeps
  /// the one with the highest validation ROC AUC; ties go to the smaller ε. Miyato et al. (2019) tune ε the same way, on
  /// held-out labelled data. The chosen model's training summary records `vat_epsilon` and `vat_epsilon_search`
  /// ("ε:AUC" pairs). Resume and interruption behave as in ``trainEnsemble``.
  ///
  /// - Precondition: the configuration has `vat` set; `epsilons` is not empty.
  public func tuneVAT(
    _ data: LabelledDataset, epsilons: [Double], candidateURL: (Double) -> URL, calibrate: Bool = true,
    summary: [String: String] = [:], resume: Bool = false, stopAfterEpochs: Int? = nil
  ) throws -> VATTuningResult {
    precondition(config.vat != nil && !epsilons.isEmpty, "tuneVAT needs a VAT configuration and candidates")
    let split = split(data), test = testIndices(data)
    let labels = split.validation.map { data.labels[$0] }
    var records: [VATCandidateRecord] = [], models: [TrainedCandidate] = []
    for eps in epsilons.sorted() {
      var cfg = config
      cfg.vat?.epsilon = eps
      let url = candidateURL(eps)
      guard
        let c = try trainCandidate(
          cfg, name: "the VAT ε = \(eps) candidate", data: data, split: split, url: url,
          summary: summary.merging(["vat_epsilon": String(eps)]) { $1 }, calibrate: calibrate, resume: resume,
          stopAfterEpochs: stopAfterEpochs)
      else {
        return VATTuningResult(
          model: nil, candidates: records, chosen: nil, split: split, test: test, validationLogits: [],
          validationLabels: labels, interrupted: true)
      }
      records.append(
        VATCandidateRecord(
          epsilon: eps, file: url.lastPathComponent, sha256: c.sha256, bestEpoch: c.bestEpoch,
          validationAUC: BinaryMetrics.rocAUC(scores: c.validationLogits, labels: labels), reused: c.reused))
      models.append(c)
    }
    let best = Self.bestCandidate(records.map(\.validationAUC))
    let model = models[best].model
    model.trainingSummary["vat_epsilon_search"] =
      records.map { String(format: "%g:%.4f", $0.epsilon, $0.validationAUC) }.joined(separator: ",")
    model.provenance?.extra["vat_candidates"] = String(
      decoding: try JSONCoding.encoder().encode(records), as: UTF8.self)
    return VATTuningResult(
      model: model, candidates: records, chosen: best, split: split, test: test,
      validationLogits: models[best].validationLogits, validationLabels: labels, interrupted: false)
  }

  /// Index of the highest score; the first among equals (the smaller ε, candidates being sorted); NaN (a
  /// validation part with one class) ranks last.
  static func bestCandidate(_ scores: [Double]) -> Int {
    let ranked = scores.map { $0.isNaN ? -Double.infinity : $0 }
    var best = 0
    for (i, s) in ranked.enumerated() where s > ranked[best] { best = i }
    return best
  }
}
