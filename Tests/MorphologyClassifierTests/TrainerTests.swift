// galmorph — MorphologyClassifierTests

import Foundation
import GalmorphSupport
@testable import MorphologyClassifier
import Testing
import _GalmorphTestSupport

@Suite("Training", .serialized)
struct TrainerTests {
  static let data = SyntheticGalaxies.dataset(n: 240)

  func bits(_ m: ClassifierModel) -> [String: [UInt32]] {
    m.network.parameters().mapValues { $0.values.map(\.bitPattern) }
  }
  func deterministic(_ h: [EpochRecord]) -> [[Double]] {
    h.map { [Double($0.epoch), $0.trainLoss, $0.trainAccuracy, $0.validationLoss, $0.validationAUC, $0.learningRate] }
  }

  @Test func convergesAndIsReproducible() throws {
    let cfg = SyntheticGalaxies.config(epochs: 4)
    let a = try Trainer(config: cfg, progressStyle: .silent).train(Self.data)
    let b = try Trainer(config: cfg, progressStyle: .silent).train(Self.data)
    let auc = BinaryMetrics.rocAUC(scores: a.validationLogits, labels: a.validationLabels)
    #expect(auc > 0.95, "validation AUC \(auc) after 4 epochs on discs vs rings")
    #expect(a.split.validation.count == 60)
    #expect(bits(a.model) == bits(b.model))
    #expect(deterministic(a.history) == deterministic(b.history))
    #expect(a.model.provenance?.seed == 3)
    // Another seed gives other weights.
    let c = try Trainer(config: SyntheticGalaxies.config(epochs: 1, seed: 4), progressStyle: .silent).train(Self.data)
    #expect(bits(c.model) != bits(a.model))
  }

  /// The test part is stratified, disjoint from training and validation, independent of the validation
  /// fraction, and recorded (as catalog rows) in the model's training summary.
  @Test func heldOutTestPartIsNeverTrainedOn() throws {
    var cfg = SyntheticGalaxies.config(epochs: 1)
    cfg.testFraction = 0.25
    let r = try Trainer(config: cfg, progressStyle: .silent).train(Self.data)
    #expect(r.test.count == 60 && r.test.filter { Self.data.labels[$0] == 1 }.count == 30)
    #expect(Set(r.test).isDisjoint(with: r.split.train) && Set(r.test).isDisjoint(with: r.split.validation))
    #expect(r.split.train.count + r.split.validation.count + r.test.count == Self.data.count)
    #expect(
      r.split.validation.count == 46, "validation: round(0.25 × 90) = 23 of the 90 non-test examples of each class")
    let recorded = try JSONDecoder().decode([Int].self, from: Data((r.model.trainingSummary["test_rows"] ?? "").utf8))
    #expect(recorded == r.test.map { Self.data.rows[$0] })
    #expect(r.model.trainingSummary["test_fraction"] == "0.25" && r.model.trainingSummary["split_seed"] == "3")
    cfg.validationFraction = 0.4
    #expect(Trainer(config: cfg).testIndices(Self.data) == r.test)
  }

  @Test func resumeAfterInterruptEqualsUninterrupted() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let cfg = SyntheticGalaxies.config(epochs: 4)
    let full = try Trainer(config: cfg, progressStyle: .silent).train(Self.data)
    let ck = tmp.file("ck.h5"), log = tmp.file("log.jsonl")
    let first = try Trainer(config: cfg, checkpointURL: ck, logURL: log, progressStyle: .silent).train(
      Self.data, stopAfterEpochs: 2)
    #expect(first.interrupted && first.history.count == 2)
    #expect(FileManager.default.fileExists(atPath: ck.path))
    let resumed = try Trainer(config: cfg, checkpointURL: ck, logURL: log, progressStyle: .silent).train(
      Self.data, resume: true)
    #expect(!resumed.interrupted)
    #expect(bits(resumed.model) == bits(full.model))
    #expect(deterministic(resumed.history) == deterministic(full.history))
    let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 4 && lines[0].contains("\"val_auc\""))
    // A checkpoint from another configuration is refused, naming the file.
    var other = cfg; other.learningRate = 1e-2
    #expect(throws: ClassifierError.self) {
      try Trainer(config: other, checkpointURL: ck, progressStyle: .silent).train(Self.data, resume: true)
    }
  }

  @Test func earlyStoppingStopsAndKeepsBestEpoch() throws {
    var cfg = SyntheticGalaxies.config(epochs: 30)
    cfg.patience = 1
    cfg.learningRate = 5e-3
    let r = try Trainer(config: cfg, progressStyle: .silent).train(Self.data)
    #expect(r.stoppedEarly && r.history.count < 30)
    let best = r.history.min { $0.validationLoss < $1.validationLoss }!
    #expect(r.bestEpoch == best.epoch)
  }

  @Test func augmentationIsSeededPerExample() {
    let img = Self.data.image(0)
    var r1 = SeededGenerator(seed: 1).stream(5), r2 = SeededGenerator(seed: 1).stream(5)
    #expect(Augmentation().apply(img, rng: &r1) == Augmentation().apply(img, rng: &r2))
    let x1 = BatchAssembler.assemble(
      Self.data, indices: [0, 1, 2], positions: [0, 1, 2], epoch: 3, seed: 9, augmentation: Augmentation())
    let x2 = BatchAssembler.assemble(
      Self.data, indices: [2], positions: [2], epoch: 3, seed: 9, augmentation: Augmentation())
    #expect(Array(x1[(2 * Self.data.exampleSize)...]) == x2)
  }
}
