// galmorph — MorphologyClassifier
//
// Classification metrics for a binary classifier (spiral = positive class 1, elliptical = 0).

import Foundation

/// Threshold metrics, ranking metrics and calibration of binary predictions, as `galmorph evaluate` reports them.
///
/// Definitions follow scikit-learn (tested against it): ROC AUC is the Mann–Whitney probability that a random
/// positive scores above a random negative, ties counting ½ (`roc_auc_score`); PR AUC is average precision,
/// AP = Σₙ (Rₙ − Rₙ₋₁) Pₙ over distinct thresholds (`average_precision_score`); balanced accuracy is the mean of the
/// recalls of the two classes; FPR at TPR τ is the false-positive rate at the highest threshold whose TPR ≥ τ on
/// the ROC curve (`roc_curve`, no interpolation).
public struct BinaryMetrics: Codable, Sendable, Equatable {
  public var n: Int
  public var positives: Int
  public var threshold: Double
  public var accuracy: Double
  public var balancedAccuracy: Double
  public var precision: Double
  public var recall: Double
  public var f1: Double
  public var rocAUC: Double
  public var prAUC: Double
  public var fprAtTPR90: Double
  public var fprAtTPR95: Double
  /// [[TN, FP], [FN, TP]] (rows: true class 0, 1; columns: predicted 0, 1), as sklearn's `confusion_matrix`.
  public var confusion: [[Int]]
  public var ece: Double
  public var reliability: [ReliabilityBin]

  enum CodingKeys: String, CodingKey {
    case n, positives, threshold, accuracy, balancedAccuracy = "balanced_accuracy", precision, recall, f1
    case rocAUC = "roc_auc", prAUC = "pr_auc", fprAtTPR90 = "fpr_at_tpr_0.90", fprAtTPR95 = "fpr_at_tpr_0.95"
    case confusion = "confusion_matrix", ece, reliability
  }

  /// Computes every metric for scores `p` ∈ [0, 1] (probability of class 1) and true labels `y` ∈ {0, 1}.
  /// - Parameters:
  ///   - threshold: predicted class is 1 when `p ≥ threshold`. Default 0.5.
  ///   - bins: number of equal-width probability bins for the ECE and reliability table. Default 10.
  public init(scores p: [Double], labels y: [Int], threshold: Double = 0.5, bins: Int = 10) {
    precondition(p.count == y.count, "BinaryMetrics: \(p.count) scores for \(y.count) labels")
    n = p.count
    positives = y.reduce(0) { $0 + ($1 == 1 ? 1 : 0) }
    self.threshold = threshold
    var tp = 0, fp = 0, tn = 0, fn = 0
    for i in 0..<n {
      let pred = p[i] >= threshold
      switch (pred, y[i] == 1) {
      case (true, true): tp += 1
      case (true, false): fp += 1
      case (false, false): tn += 1
      case (false, true): fn += 1
      }
    }
    confusion = [[tn, fp], [fn, tp]]
    func ratio(_ a: Int, _ b: Int) -> Double { b > 0 ? Double(a) / Double(b) : 0 }
    accuracy = ratio(tp + tn, n)
    precision = ratio(tp, tp + fp)
    recall = ratio(tp, tp + fn)
    balancedAccuracy = 0.5 * (recall + ratio(tn, tn + fp))
    f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
    rocAUC = BinaryMetrics.rocAUC(scores: p, labels: y)
    prAUC = BinaryMetrics.averagePrecision(scores: p, labels: y)
    let roc = BinaryMetrics.rocCurve(scores: p, labels: y)
    fprAtTPR90 = roc.first { $0.tpr >= 0.90 }?.fpr ?? 1
    fprAtTPR95 = roc.first { $0.tpr >= 0.95 }?.fpr ?? 1
    let table = ReliabilityBin.table(scores: p, labels: y, bins: bins)
    let total = Double(max(p.count, 1))
    reliability = table
    ece = table.reduce(0) { $0 + Double($1.count) / total * abs($1.meanPredicted - $1.observedFrequency) }
  }

  /// Mann–Whitney ROC AUC with average ranks for ties. `nan` when one class is absent.
  public static func rocAUC(scores p: [Double], labels y: [Int]) -> Double {
    let order = p.indices.sorted { p[$0] < p[$1] }
    var ranks = [Double](repeating: 0, count: p.count)
    var i = 0
    while i < order.count {
      var j = i
      while j + 1 < order.count && p[order[j + 1]] == p[order[i]] { j += 1 }
      let avg = Double(i + j) / 2 + 1
      for k in i...j { ranks[order[k]] = avg }
      i = j + 1
    }
    var nPos = 0.0, sumRanks = 0.0
    for k in p.indices where y[k] == 1 { nPos += 1; sumRanks += ranks[k] }
    let nNeg = Double(p.count) - nPos
    guard nPos > 0 && nNeg > 0 else { return .nan }
    return (sumRanks - nPos * (nPos + 1) / 2) / (nPos * nNeg)
  }

  /// One point of the ROC curve at a distinct score threshold (descending thresholds, starting at (0, 0)).
  public struct ROCPoint: Codable, Sendable, Equatable {
    public var threshold: Double
    public var fpr: Double
    public var tpr: Double
  }

  /// The ROC curve with one point per distinct score (like sklearn `roc_curve(drop_intermediate=False)`), starting
  /// at threshold +∞ with (0, 0) and ending at (1, 1) (Fawcett 2006, "An introduction to ROC analysis"). The one ROC
  /// curve of galmorph: `evaluate`'s figure and the audit report's per-seed figures draw it.
  public static func rocCurve(scores p: [Double], labels y: [Int]) -> [ROCPoint] {
    let nPos = Double(y.filter { $0 == 1 }.count), nNeg = Double(y.count) - nPos
    return [ROCPoint(threshold: .infinity, fpr: 0, tpr: 0)]
      + cumulativeCounts(scores: p, labels: y).map {
        ROCPoint(threshold: $0.threshold, fpr: nNeg > 0 ? $0.fp / nNeg : 0, tpr: nPos > 0 ? $0.tp / nPos : 0)
      }
  }

  /// Average precision (area under the precision–recall step curve), as sklearn `average_precision_score`.
  public static func averagePrecision(scores p: [Double], labels y: [Int]) -> Double {
    let nPos = Double(y.filter { $0 == 1 }.count)
    guard nPos > 0 else { return .nan }
    var ap = 0.0, lastRecall = 0.0
    for c in cumulativeCounts(scores: p, labels: y) {
      let recall = c.tp / nPos, precision = c.tp / (c.tp + c.fp)
      ap += (recall - lastRecall) * precision
      lastRecall = recall
    }
    return ap
  }

  /// True and false positives called at each distinct score taken as the threshold (`p ≥ t`), in decreasing order
  /// of t: the walk down the scores that the ROC and precision–recall curves share.
  static func cumulativeCounts(scores p: [Double], labels y: [Int]) -> [(threshold: Double, tp: Double, fp: Double)] {
    let order = p.indices.sorted { p[$0] > p[$1] }
    var out: [(threshold: Double, tp: Double, fp: Double)] = []
    var tp = 0.0, fp = 0.0, i = 0
    while i < order.count {
      let t = p[order[i]]
      while i < order.count && p[order[i]] == t {
        if y[order[i]] == 1 { tp += 1 } else { fp += 1 }
        i += 1
      }
      out.append((t, tp, fp))
    }
    return out
  }
}

/// One bin of a reliability diagram: predictions with `lower ≤ p < upper` (the last bin includes 1).
public struct ReliabilityBin: Codable, Sendable, Equatable {
  public var lower: Double
  public var upper: Double
  public var count: Int
  public var meanPredicted: Double
  public var observedFrequency: Double

  enum CodingKeys: String, CodingKey {
    case lower, upper, count, meanPredicted = "mean_predicted", observedFrequency = "observed_frequency"
  }

  /// Equal-width bins over [0, 1]. Empty bins are kept with count 0 (and means 0) so tables have fixed rows.
  /// The expected calibration error is ECE = Σ_b (n_b / N) |mean p_b − frequency_b| (Naeini et al. 2015;
  /// Guo et al. 2017, "On Calibration of Modern Neural Networks").
  public static func table(scores p: [Double], labels y: [Int], bins: Int) -> [ReliabilityBin] {
    var count = [Int](repeating: 0, count: bins)
    var sumP = [Double](repeating: 0, count: bins), sumY = [Double](repeating: 0, count: bins)
    for i in p.indices {
      let b = min(bins - 1, max(0, Int(p[i] * Double(bins))))
      count[b] += 1; sumP[b] += p[i]; sumY[b] += Double(y[i])
    }
    return (0..<bins).map { b in
      ReliabilityBin(
        lower: Double(b) / Double(bins), upper: Double(b + 1) / Double(bins), count: count[b],
        meanPredicted: count[b] > 0 ? sumP[b] / Double(count[b]) : 0,
        observedFrequency: count[b] > 0 ? sumY[b] / Double(count[b]) : 0)
    }
  }
}
