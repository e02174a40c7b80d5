// galmorph — MorphologyClassifier
//
// Uncertainty of test-set metrics: Wilson score interval and a seeded percentile bootstrap.
import Foundation
import GalmorphSupport

/// 95 % intervals of the headline metrics of a test set, as the model card and `galmorph evaluate --json` report.
///
/// - Accuracy: the Wilson score interval (Wilson 1927, JASA 22, 209; `WilsonScore`), centre (k + z²/2)/(n + z²),
///   half-width z√n/(n + z²)·√(p̂(1−p̂) + z²/4n) with z = Φ⁻¹(0.975) — good coverage down to small n, unlike the
///   Wald interval.
/// - ROC AUC, ECE and accuracy: percentile bootstrap (Efron & Tibshirani 1993, ch. 13) over `resamples` resamples
///   of the examples with replacement (default 2,000), drawn with `SeededGenerator(seed)`, so the interval is
///   reproducible; its bounds are the 2.5 % and 97.5 % quantiles with numpy's default linear interpolation
///   (`Quantile.central95`). The bootstrap ECE interval reflects sampling noise of the test set only; ECE is
///   biased upwards in small samples, so read it as a range, not a test.
public struct MetricIntervals: Codable, Sendable, Equatable {
  /// [lower, upper] bounds.
  public var accuracyWilson: [Double]
  public var accuracyBootstrap: [Double]
  public var rocAUCBootstrap: [Double]
  public var eceBootstrap: [Double]
  public var resamples: Int
  public var seed: UInt64

  enum CodingKeys: String, CodingKey {
    case accuracyWilson = "accuracy_wilson95", accuracyBootstrap = "accuracy_bootstrap95"
    case rocAUCBootstrap = "roc_auc_bootstrap95", eceBootstrap = "ece_bootstrap95", resamples, seed
  }

  /// Intervals for scores `p` (probability of class 1) and labels `y` at `threshold`.
  public init(scores p: [Double], labels y: [Int], threshold: Double = 0.5, resamples: Int = 2000, seed: UInt64 = 0) {
    precondition(p.count == y.count && resamples > 0, "MetricIntervals: matching scores/labels and resamples > 0")
    let n = p.count
    let correct = zip(p, y).filter { ($0 >= threshold ? 1 : 0) == $1 }.count
    let wilson = WilsonScore.interval(successes: correct, trials: n)
    accuracyWilson = [wilson.lower, wilson.upper]
    var rng = SeededGenerator(seed: seed)
    var acc: [Double] = [], auc: [Double] = [], ece: [Double] = []
    acc.reserveCapacity(resamples); auc.reserveCapacity(resamples); ece.reserveCapacity(resamples)
    var ps = [Double](repeating: 0, count: n), ys = [Int](repeating: 0, count: n)
    for _ in 0..<resamples where n > 0 {
      for k in 0..<n { let i = rng.nextInt(below: n); ps[k] = p[i]; ys[k] = y[i] }
      let m = BinaryMetrics(scores: ps, labels: ys, threshold: threshold)
      acc.append(m.accuracy); ece.append(m.ece)
      if !m.rocAUC.isNaN { auc.append(m.rocAUC) }
    }
    accuracyBootstrap = Quantile.central95(acc); rocAUCBootstrap = Quantile.central95(auc)
    eceBootstrap = Quantile.central95(ece)
    self.resamples = resamples; self.seed = seed
  }
}
