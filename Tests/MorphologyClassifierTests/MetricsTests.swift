// galmorph — MorphologyClassifierTests

import Testing
@testable import MorphologyClassifier
import _GalmorphTestSupport

@Suite("Metrics")
struct MetricsTests {
  @Test func metricsMatchScikitLearn() throws {
    let g = try ClassifierGolden.load().metrics
    let labels = g["labels"]!.numbers.map { Int($0) }
    let m = BinaryMetrics(scores: g["scores"]!.numbers, labels: labels)
    for (name, value) in [
      ("accuracy", m.accuracy), ("balanced_accuracy", m.balancedAccuracy), ("precision", m.precision),
      ("recall", m.recall), ("f1", m.f1), ("roc_auc", m.rocAUC), ("pr_auc", m.prAUC),
      ("fpr_at_tpr_0.90", m.fprAtTPR90), ("fpr_at_tpr_0.95", m.fprAtTPR95), ("ece", m.ece),
    ] {
      expectClose(value, g[name]!.number, rtol: 1e-12, atol: 1e-14, name)
    }
    #expect(m.confusion == g["confusion_matrix"]!.ints)
  }

  @Test func temperatureMatchesScipy() throws {
    let g = try ClassifierGolden.load().metrics
    let t = TemperatureScaling.fit(logits: g["logits"]!.numbers, labels: g["labels"]!.numbers.map { Int($0) })
    expectClose(t.temperature, g["temperature"]!.number, rtol: 1e-6, "temperature")
  }

  @Test func perfectAndInvertedRankings() {
    let y = [0, 0, 1, 1]
    #expect(BinaryMetrics.rocAUC(scores: [0.1, 0.2, 0.8, 0.9], labels: y) == 1)
    #expect(BinaryMetrics.rocAUC(scores: [0.9, 0.8, 0.2, 0.1], labels: y) == 0)
    #expect(BinaryMetrics.rocAUC(scores: [0.5, 0.5, 0.5, 0.5], labels: y) == 0.5)
    #expect(BinaryMetrics.rocAUC(scores: [0.1, 0.2], labels: [1, 1]).isNaN)
  }
}
