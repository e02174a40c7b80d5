// galmorph — MorphologyClassifierTests
//
// Confident learning against cleanlab (Reference/gen_confident_learning_golden.py).

import Foundation
import GalmorphSupport
import Testing
@testable import MorphologyClassifier
import _GalmorphTestSupport

struct ConfidentLearningGolden: Decodable {
  struct Case: Decodable {
    let p_spiral: [Double]
    let labels: [Int]
    let thresholds: [Double]
    let confident_joint: [[Int]]
    let suspects: [Int]
    let self_confidence: [Double]
  }
  let cases: [Case]
}

@Suite("Confident learning")
struct ConfidentLearningTests {
  @Test func matchesCleanlab() throws {
    let g = try Reference.json(ConfidentLearningGolden.self, "confident_learning_golden.json")
    for (k, c) in g.cases.enumerated() {
      let cl = ConfidentLearning(pSpiral: c.p_spiral, labels: c.labels)
      for (a, b) in zip(cl.thresholds, c.thresholds) { #expect(abs(a - b) < 1e-12, "case \(k)") }
      #expect(cl.confidentJoint == c.confident_joint, "case \(k)")
      #expect(cl.suspect.indices.filter { cl.suspect[$0] } == c.suspects, "case \(k)")
      for (a, b) in zip(cl.score, c.self_confidence) { #expect(abs(a - (1 - b)) < 1e-12, "case \(k)") }
      #expect(cl.suspectCounts(labels: c.labels).reduce(0, +) == c.suspects.count)
    }
  }

  @Test func handWorkedExample() {
    // labels 1,1,1,0,0: t1 = (0.9 + 0.8 + 0.2)/3 = 0.6333, t0 = (0.9 + 0.3)/2 = 0.6 (p = 0.1, 0.7)
    let cl = ConfidentLearning(pSpiral: [0.9, 0.8, 0.2, 0.1, 0.7], labels: [1, 1, 1, 0, 0])
    // example 2 (labelled spiral, 1 − p = 0.8 ≥ t0): suspect; example 4 (labelled elliptical, p = 0.7 ≥ t1): suspect
    #expect(cl.suspect == [false, false, true, false, true])
    #expect(cl.confidentJoint == [[1, 1], [1, 2]])
  }
}

@Suite("Cross-validation and mislabel finding")
struct CrossValidationTests {
  @Test func foldsAreStratifiedAndSeeded() {
    let labels = (0..<103).map { $0 % 3 == 0 ? 1 : 0 }
    let f = CrossValidation.folds(labels: labels, k: 5, seed: 4)
    #expect(f == CrossValidation.folds(labels: labels, k: 5, seed: 4))
    #expect(f != CrossValidation.folds(labels: labels, k: 5, seed: 5))
    for cls in 0..<2 {
      let counts = (0..<5).map { k in labels.indices.filter { labels[$0] == cls && f[$0] == k }.count }
      #expect(counts.max()! - counts.min()! <= 1, "class \(cls): \(counts)")
    }
  }

  /// On the toy galaxies (an easy task) with 10 % of the labels flipped, the out-of-fold suspect score ranks the
  /// flips far above the rest, and the fold models are reused when the run is repeated.
  @Test func outOfFoldSuspectsFindInjectedFlips() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    var data = SyntheticGalaxies.dataset(n: 200, seed: 21)
    var rng = SeededGenerator(seed: 8)
    var idx = Array(0..<data.count)
    rng.shuffle(&idx)
    let flipped = Set(idx.prefix(20))
    for i in flipped { data.labels[i] = 1 - data.labels[i]; data.targets[i] = 1 - data.targets[i] }
    var cfg = SyntheticGalaxies.config(epochs: 4)
    cfg.validationFraction = 0.2
    let run = {
      try CrossValidation.outOfFold(
        data, folds: 4, config: cfg, modelURL: { tmp.file("fold\($0).h5") }, progressStyle: .silent)
    }
    let first = try run()
    #expect(first.pSpiral.allSatisfy { $0.isFinite && (0...1).contains($0) })
    let cl = ConfidentLearning(pSpiral: first.pSpiral, labels: data.labels)
    let truth = (0..<data.count).map { flipped.contains($0) ? 1 : 0 }
    let auc = BinaryMetrics.rocAUC(scores: cl.score, labels: truth)
    let hits = flipped.filter { cl.suspect[$0] }.count, flagged = cl.suspect.filter { $0 }.count
    #expect(auc > 0.9, "suspect-score AUC \(auc)")
    #expect(Double(hits) / Double(flipped.count) > 0.6 && Double(hits) / Double(flagged) > 0.5, "\(hits) \(flagged)")
    let again = try run()
    #expect(again.pSpiral == first.pSpiral && again.models == first.models)
  }
}
