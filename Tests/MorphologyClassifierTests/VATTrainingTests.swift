// galmorph — MorphologyClassifierTests
//
// Removed labels, appended unlabelled images, injected flips and the ε search of virtual adversarial training.

import Foundation
import GalmorphSupport
import Testing
import _GalmorphTestSupport

@testable import MorphologyClassifier

@Suite("VAT training: removed labels, unlabelled images, ε search")
struct VATTrainingTests {
  /// Appending unlabelled images or removing labels must not move the held-out test part: the comparison of plain,
  /// VAT and clean + retrain models is made on one test part.
  @Test func heldOutPartsDoNotMoveWhenLabelsAreRemovedOrImagesAppended() throws {
    let data = SyntheticGalaxies.dataset(n: 60)
    var cfg = SyntheticGalaxies.config(epochs: 1)
    cfg.testFraction = 0.2
    let trainer = Trainer(config: cfg, progressStyle: .silent)
    let plain = trainer.split(data), test = trainer.testIndices(data)
    #expect(!test.isEmpty)

    let extra = SyntheticGalaxies.dataset(n: 10, seed: 99)
    let appended = try data.appendingUnlabelled(extra)
    #expect(appended.count == 70 && appended.primaryCount == 60)
    #expect(trainer.testIndices(appended) == test)
    let a = trainer.split(appended)
    #expect(a.validation == plain.validation)
    #expect(a.train == plain.train + Array(60..<70))

    var removed = data
    let gone = [plain.validation[0], plain.train[0], test[0]]
    removed.removeLabels(at: gone)
    #expect(trainer.testIndices(removed) == test, "a suspect in the test part stays there")
    let r = trainer.split(removed)
    #expect(r.validation == plain.validation.filter { $0 != gone[0] })
    #expect(r.train == (plain.train + [gone[0]]).sorted())
  }

  @Test func appendingRefusesAnotherRecipeOrGroups() throws {
    let data = SyntheticGalaxies.dataset(n: 10)
    #expect(throws: ClassifierError.self) { try data.appendingUnlabelled(SyntheticGalaxies.dataset(n: 4, size: 16)) }
    var grouped = data
    grouped.groups = Array(repeating: 0, count: 10)
    #expect(throws: ClassifierError.self) { try grouped.appendingUnlabelled(SyntheticGalaxies.dataset(n: 4)) }
  }

  @Test func injectedFlipsAreSeededAndFlipLabelsAndTargets() {
    let a = LabelNoise.flips(count: 1000, fraction: 0.05, seed: 19)
    #expect(a.count == 50 && Set(a).count == 50 && a == a.sorted())
    #expect(a == LabelNoise.flips(count: 1000, fraction: 0.05, seed: 19))
    #expect(a != LabelNoise.flips(count: 1000, fraction: 0.05, seed: 20))
    var data = SyntheticGalaxies.dataset(n: 40)
    let before = data.labels
    let flipped = LabelNoise.inject(into: &data, fraction: 0.1, seed: 3)
    #expect(flipped.count == 4)
    for i in 0..<40 {
      let expected = flipped.contains(i) ? 1 - before[i] : before[i]
      #expect(data.labels[i] == expected && data.targets[i] == Float(expected))
    }
  }

  /// Unlabelled examples take no part in the supervised loss: with VAT off, flipping the targets of removed
  /// examples changes nothing, while flipping one labelled example's target does. (Targets, not labels: the
  /// stratified split follows the labels.)
  @Test func removedLabelsDoNotReachTheLoss() throws {
    var data = SyntheticGalaxies.dataset(n: 60)
    let cfg = SyntheticGalaxies.config(epochs: 1)
    let trainer = Trainer(config: cfg, progressStyle: .silent)
    let some = trainer.split(data).train.prefix(10).map { $0 }
    data.removeLabels(at: some)
    let a = try trainer.train(data).model.network.parameters()
    for i in some { data.targets[i] = 1 - data.targets[i] }
    let b = try trainer.train(data).model.network.parameters()
    #expect(a.keys.allSatisfy { a[$0]!.values == b[$0]!.values })
    // and a labelled example's flip does change the weights (the check can fail)
    let other = trainer.split(data).train.first { !some.contains($0) }!
    data.targets[other] = 1 - data.targets[other]
    let c = try trainer.train(data).model.network.parameters()
    #expect(a.keys.contains { a[$0]!.values != c[$0]!.values })
  }

  @Test func bestCandidateTakesTheHighestScoreAndTheFirstOfTies() {
    #expect(Trainer.bestCandidate([0.8, 0.9, 0.85]) == 1)
    #expect(Trainer.bestCandidate([0.9, 0.9, 0.85]) == 0)
    #expect(Trainer.bestCandidate([.nan, 0.7]) == 1)
  }

  /// The ε search trains one model per candidate into its own file, keeps the best validation AUC, and on resume
  /// reuses finished candidates (refusing one made with another configuration).
  @Test func epsilonSearchKeepsTheBestValidationAUCAndResumes() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let data = SyntheticGalaxies.dataset(n: 60)
    var cfg = SyntheticGalaxies.config(epochs: 1)
    cfg.vat = VirtualAdversarialTraining(epsilon: 1)
    let trainer = Trainer(config: cfg, progressStyle: .silent)
    let url = { (e: Double) in tmp.file("eps\(e).h5") }
    let r = try trainer.tuneVAT(data, epsilons: [3, 0.5], candidateURL: url, summary: ["note": "x"])
    #expect(r.candidates.map(\.epsilon) == [0.5, 3])
    let aucs = r.candidates.map(\.validationAUC)
    #expect(r.chosen == Trainer.bestCandidate(aucs))
    let chosen = r.candidates[r.chosen!]
    #expect(r.model?.trainingSummary["vat_epsilon"] == String(chosen.epsilon))
    #expect(r.model?.trainingSummary["note"] == "x")
    #expect(r.model?.trainingSummary["vat_epsilon_search"]?.split(separator: ",").count == 2)
    for c in r.candidates {
      let m = try ClassifierModel.load(from: url(c.epsilon))
      #expect(try Checksum.sha256(fileAt: url(c.epsilon)) == c.sha256)
      #expect(m.trainingSummary["vat_epsilon"] == String(c.epsilon))
    }
    let again = try trainer.tuneVAT(data, epsilons: [0.5, 3], candidateURL: url, resume: true)
    #expect(again.candidates.allSatisfy { $0.reused })
    #expect(again.candidates.map(\.validationAUC) == aucs)
    // a candidate file made with other settings is refused on resume, naming it
    var other = cfg
    other.vat?.xi = 1e-3
    #expect(throws: ClassifierError.self) {
      try Trainer(config: other, progressStyle: .silent).tuneVAT(data, epsilons: [0.5], candidateURL: url, resume: true)
    }
  }

  /// The small version of the GZ1 label-noise comparison that can fail: with 15 % of the labels flipped, a VAT
  /// model still separates the synthetic rings and blobs of its held-out part, scored on the true labels.
  @Test func vatLearnsThroughInjectedLabelNoise() throws {
    var data = SyntheticGalaxies.dataset(n: 240)
    let truth = data.labels
    LabelNoise.inject(into: &data, fraction: 0.15, seed: 5)
    var cfg = SyntheticGalaxies.config(epochs: 6)
    cfg.testFraction = 0.25
    cfg.vat = VirtualAdversarialTraining(epsilon: 2)
    let trainer = Trainer(config: cfg, progressStyle: .silent)
    let r = try trainer.train(data)
    let test = trainer.testIndices(data)
    let z = try Trainer.evaluate(r.model.network, data: data, indices: test).logits
    let auc = BinaryMetrics.rocAUC(scores: z, labels: test.map { truth[$0] })
    #expect(auc > 0.95, "held-out ROC AUC \(auc)")
  }
}
