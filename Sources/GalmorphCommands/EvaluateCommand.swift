// galmorph — GalmorphCommands

import ArgumentParser
import Foundation
import GalmorphSupport
import MorphologyClassifier
import Plotting

/// `galmorph evaluate`: metrics of a model on a labelled catalog, optional temperature scaling and plots.
struct EvaluateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "evaluate",
    abstract: "Evaluate a model on a labelled catalog: accuracy, balanced accuracy, ROC/PR AUC, FPR@TPR, ECE.",
    discussion: """
      With --calibration-fraction F a seeded stratified fraction F of the catalog fits a temperature \
      (Guo et al. 2017) and the metrics are reported on the rest, before and after calibration.
      """
  )

  @OptionGroup var data: CatalogOptions
  @OptionGroup var modelOptions: ModelOptions

  @Option(help: "Dihedral test-time augmentation: 1 (none) or 8.")
  var tta: Int = 1

  @Option(name: .customLong("calibration-fraction"), help: "Fraction used to fit a temperature (0 = none).")
  var calibrationFraction: Double = 0

  @Option(name: .customLong("roc-plot"), help: "Write the ROC curve as PNG.")
  var rocPlot: String?

  @Option(name: .customLong("reliability-plot"), help: "Write the reliability diagram as PNG.")
  var reliabilityPlot: String?

  @Flag(help: "Print a JSON object.")
  var json = false

  @Flag(
    name: .customLong("held-out"),
    help:
      "Score only the test rows the model's training held out (recorded in the model as test_rows); the catalog must be the training catalog (checked by SHA-256)."
  )
  var heldOut = false

  func run() throws {
    guard tta == 1 || tta == 8 else { throw ValidationError("--tta must be 1 or 8") }
    guard (0..<1).contains(calibrationFraction) else {
      throw ValidationError("--calibration-fraction must be in [0, 1)")
    }
    for path in [rocPlot, reliabilityPlot].compactMap({ $0 }) { try OutputLocation.prepareParent(ofPath: path) }
    let (model, hash, modelURL) = try modelOptions.load()
    var ds = try data.loadDataset(recipe: model.recipe)
    if heldOut { ds = try HeldOutRows.select(ds, model: model, modelPath: modelURL.path) }
    let (evaluation, scores) = try ModelEvaluation.evaluate(
      model: model, modelPath: modelURL.path, modelSHA256: hash, dataset: ds, catalog: data.catalogPath,
      heldOut: heldOut,
      tta: tta, calibrationFraction: calibrationFraction, seed: data.seed)
    let metrics = evaluation.metrics, calibrated = evaluation.calibrated, fitted = evaluation.temperature
    let pModel = scores.probabilities, y = scores.labels
    if let path = rocPlot {
      let roc = BinaryMetrics.rocCurve(scores: pModel, labels: y)
      let ax = Axes.rocCurve([
        ROCCurve(
          label: "galmorph", falsePositiveRate: roc.map(\.fpr), truePositiveRate: roc.map(\.tpr), auc: metrics.rocAUC)
      ])
      try Figure(axes: ax).writePNG(to: URL(fileURLWithPath: path))
    }
    if let path = reliabilityPlot {
      func bins(_ m: BinaryMetrics) -> [Plotting.ReliabilityBin] {
        m.reliability.map {
          Plotting.ReliabilityBin(
            meanPredicted: $0.meanPredicted, observedFrequency: $0.observedFrequency, count: $0.count)
        }
      }
      var models: [(label: String, bins: [Plotting.ReliabilityBin])] = [("model", bins(metrics))]
      if let c = calibrated, let t = fitted { models.append((String(format: "T = %.3f", t), bins(c))) }
      try Figure(axes: Axes.reliabilityDiagram(models)).writePNG(to: URL(fileURLWithPath: path))
    }
    if json {
      CommandOutput.line(String(decoding: try JSONCoding.encoder().encode(evaluation), as: UTF8.self))
    } else {
      CommandOutput.line(
        String(
          format:
            "n=%d accuracy=%.4f balanced_accuracy=%.4f roc_auc=%.4f pr_auc=%.4f ece=%.4f fpr@tpr0.90=%.4f fpr@tpr0.95=%.4f",
          metrics.n, metrics.accuracy, metrics.balancedAccuracy, metrics.rocAUC, metrics.prAUC, metrics.ece,
          metrics.fprAtTPR90, metrics.fprAtTPR95))
      if let c = calibrated, let t = fitted {
        CommandOutput.line(String(format: "calibrated (T=%.4f): ece=%.4f accuracy=%.4f", t, c.ece, c.accuracy))
      }
    }
  }
}
