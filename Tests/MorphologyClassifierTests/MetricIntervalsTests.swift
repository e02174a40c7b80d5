// galmorph — MorphologyClassifierTests

import Foundation
import GalmorphSupport
import MorphologyClassifier
import Testing
import _GalmorphTestSupport

@Suite("Metric intervals")
struct MetricIntervalsTests {
  struct Golden: Decodable {
    struct Wilson: Decodable { var k: Int; var n: Int; var lower: Double; var upper: Double }
    struct Boot: Decodable { var p: [Double]; var y: [Int]; var roc_auc: [Double]; var accuracy: [Double] }
    var wilson: [Wilson]; var bootstrap: Boot
  }

  /// Wilson intervals against scipy's binomtest(...).proportion_ci(method="wilson").
  @Test func wilsonMatchesSciPy() throws {
    let g = try Reference.json(Golden.self, "intervals_golden.json")
    for w in g.wilson {
      let ci = WilsonScore.interval(successes: w.k, trials: w.n)
      #expect(
        abs(ci.lower - w.lower) < 1e-6 && abs(ci.upper - w.upper) < 1e-6,
        "\(w.k)/\(w.n): \(ci) vs [\(w.lower), \(w.upper)]")
    }
  }

  /// The seeded percentile bootstrap agrees with a numpy/scikit-learn bootstrap to Monte-Carlo error, is
  /// reproducible, and brackets the point estimates.
  @Test func bootstrapMatchesNumPy() throws {
    let b = try Reference.json(Golden.self, "intervals_golden.json").bootstrap
    let a = MetricIntervals(scores: b.p, labels: b.y, seed: 3)
    #expect(
      abs(a.rocAUCBootstrap[0] - b.roc_auc[0]) < 0.01 && abs(a.rocAUCBootstrap[1] - b.roc_auc[1]) < 0.01,
      "AUC \(a.rocAUCBootstrap) vs \(b.roc_auc)")
    #expect(
      abs(a.accuracyBootstrap[0] - b.accuracy[0]) < 0.01 && abs(a.accuracyBootstrap[1] - b.accuracy[1]) < 0.01,
      "accuracy \(a.accuracyBootstrap) vs \(b.accuracy)")
    #expect(a == MetricIntervals(scores: b.p, labels: b.y, seed: 3))
    let m = BinaryMetrics(scores: b.p, labels: b.y)
    #expect(a.eceBootstrap[0] <= m.ece + 1e-12 || a.eceBootstrap[0] <= a.eceBootstrap[1])
    #expect(a.rocAUCBootstrap[0] <= m.rocAUC && m.rocAUC <= a.rocAUCBootstrap[1])
  }
}
