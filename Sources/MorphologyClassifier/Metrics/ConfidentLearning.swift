// galmorph — MorphologyClassifier
//
// Confident learning on out-of-fold probabilities: which labels are likely wrong.

/// Confident learning for the two classes (Northcutt, Jiang & Chuang 2021, JAIR 70, 1373; cleanlab's
/// `compute_confident_joint` and `find_label_issues(filter_by="confident_learning")`).
///
/// Inputs are out-of-fold probabilities p̂(spiral | x) — from a model that never trained on x — and the given labels.
/// Per class k the confident threshold is t_k = mean of p̂_k over the examples labelled k (p̂_1 = p, p̂_0 = 1 − p).
/// An example is confidently of class j when p̂_j ≥ t_j − 10⁻⁶; when both classes qualify, the larger p̂ decides.
/// Counting each confident example at (given label, confident class) gives the confident joint C; the examples
/// off its diagonal — confidently of the other class — are the suspected mislabels. The suspect score is
/// 1 − p̂_{given label} (1 − cleanlab's "self-confidence"), for ranking all examples (e.g. the ROC AUC of finding
/// injected label flips).
public struct ConfidentLearning: Sendable, Equatable {
  /// t_0 (elliptical) and t_1 (spiral).
  public let thresholds: [Double]
  /// C[given][confident], 2 × 2 (examples confident of neither class are not counted).
  public let confidentJoint: [[Int]]
  /// Per example: confidently of the class it is not labelled as.
  public let suspect: [Bool]
  /// Per example: 1 − p̂ of its given label.
  public let score: [Double]

  /// - Parameters: pSpiral: out-of-fold p̂(spiral) per example; labels: 0 (elliptical) or 1 (spiral).
  public init(pSpiral: [Double], labels: [Int]) {
    precondition(pSpiral.count == labels.count, "one probability per label")
    var sums = [0.0, 0.0], counts = [0, 0]
    for (p, y) in zip(pSpiral, labels) { sums[y] += y == 1 ? p : 1 - p; counts[y] += 1 }
    let t = (0..<2).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : 1 }
    var joint = [[0, 0], [0, 0]]
    var suspect = [Bool](repeating: false, count: labels.count)
    for (i, (p, y)) in zip(pSpiral, labels).enumerated() {
      let probs = [1 - p, p]
      let confident = (0..<2).filter { probs[$0] >= t[$0] - 1e-6 }
      guard !confident.isEmpty else { continue }
      let guess = confident.count > 1 ? (probs[1] > probs[0] ? 1 : 0) : confident[0]
      joint[y][guess] += 1
      suspect[i] = guess != y
    }
    thresholds = t
    confidentJoint = joint
    self.suspect = suspect
    score = zip(pSpiral, labels).map { p, y in y == 1 ? 1 - p : p }
  }

  /// Suspects per class: (labelled elliptical, labelled spiral).
  public func suspectCounts(labels: [Int]) -> [Int] {
    var c = [0, 0]
    for (s, y) in zip(suspect, labels) where s { c[y] += 1 }
    return c
  }
}
