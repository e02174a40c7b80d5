// galmorph — MorphologyClassifier
//
// Scoring a model on a labelled dataset: `galmorph evaluate`'s numbers, from Swift.

import Foundation

/// A model scored on labelled images: metrics at the model's threshold (``BinaryMetrics``), their bootstrap
/// intervals (``MetricIntervals``), and optionally the metrics after a temperature fitted on a held-apart part.
///
/// Procedure (``evaluate(model:dataset:tta:calibrationFraction:seed:)``): p at temperature 1 (with `tta` = 8, the
/// mean over the 8 dihedral transforms) is turned back into a logit, logit = ln(p / (1 − p)) with p clamped to
/// [10⁻¹², 1 − 10⁻¹²], so that the stored temperature and a fitted one both apply to the same logits. With
/// `calibrationFraction` f > 0, a stratified part f (seeded) fits a temperature (``TemperatureScaling``) and the
/// metrics are computed on the rest; otherwise on every image. Codable with the snake_case keys of
/// `galmorph evaluate --json`.
public struct ModelEvaluation: Codable, Sendable {
  public var model: String
  public var modelSHA256: String
  public var catalog: String
  public var heldOut: Bool
  public var tta: Int
  public var metrics: BinaryMetrics
  public var intervals: MetricIntervals
  /// The temperature fitted on the calibration part, if one was fitted.
  public var temperature: Double?
  /// Metrics with the fitted temperature, on the same images as `metrics`.
  public var calibrated: BinaryMetrics?
  public var n: Int
  public var accuracy: Double
  public var balancedAccuracy: Double
  public var rocAUC: Double
  public var prAUC: Double
  public var ece: Double

  enum CodingKeys: String, CodingKey {
    case model, modelSHA256 = "model_sha256", catalog, heldOut = "held_out", tta, metrics, intervals, temperature
    case calibrated, n, accuracy, balancedAccuracy = "balanced_accuracy", rocAUC = "roc_auc", prAUC = "pr_auc", ece
  }

  /// The scores behind `metrics` (for curves): p of the evaluated images with the model's own temperature, and their labels.
  public struct Scores: Sendable {
    public var probabilities: [Double]
    public var labels: [Int]
  }

  /// Scores `model` on `dataset` (see the type's procedure). `modelPath`, `modelSHA256` and `catalog` are recorded.
  public static func evaluate(
    model: ClassifierModel, modelPath: String, modelSHA256: String, dataset ds: LabelledDataset,
    catalog: String, heldOut: Bool = false, tta: Int = 1, calibrationFraction: Double = 0,
    seed: UInt64 = 0
  ) throws -> (evaluation: ModelEvaluation, scores: Scores) {
    let images = (0..<ds.count).map { ds.image($0) }
    // p at temperature 1 (the model is not touched), back to logits for both the stored and a fitted temperature
    let preds = try model.predict(images: images, tta: tta, temperature: 1)
    let logits = preds.map { log(max($0.p, 1e-12) / max(1 - $0.p, 1e-12)) }
    var evalIdx = Array(0..<ds.count)
    var fitted: Double?
    if calibrationFraction > 0 {
      let split = DataSplit.stratified(labels: ds.labels, validationFraction: calibrationFraction, seed: seed)
      fitted =
        TemperatureScaling.fit(
          logits: split.validation.map { logits[$0] },
          labels: split.validation.map { ds.labels[$0] }
        ).temperature
      evalIdx = split.train
    }
    let y = evalIdx.map { ds.labels[$0] }
    let p = evalIdx.map { model.probability(logit: logits[$0]) }
    let metrics = BinaryMetrics(scores: p, labels: y, threshold: model.threshold)
    let calibrated = fitted.map { t in
      BinaryMetrics(
        scores: evalIdx.map { TemperatureScaling(temperature: t).probability(logit: logits[$0]) }, labels: y,
        threshold: model.threshold)
    }
    let evaluation = ModelEvaluation(
      model: modelPath, modelSHA256: modelSHA256, catalog: catalog, heldOut: heldOut, tta: tta, metrics: metrics,
      intervals: MetricIntervals(scores: p, labels: y, threshold: model.threshold, seed: seed), temperature: fitted,
      calibrated: calibrated, n: metrics.n, accuracy: metrics.accuracy, balancedAccuracy: metrics.balancedAccuracy,
      rocAUC: metrics.rocAUC, prAUC: metrics.prAUC, ece: metrics.ece)
    return (evaluation, Scores(probabilities: p, labels: y))
  }
}
