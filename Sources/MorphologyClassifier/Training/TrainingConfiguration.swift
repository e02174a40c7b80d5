// galmorph — MorphologyClassifier
//
// Everything that determines a training run.
import Foundation
import GalmorphSupport
import NeuralNet

/// Settings of a training run. Together with the data and the seed they fix the result bit for bit.
public struct TrainingConfiguration: Codable, Sendable, Equatable {
  /// When to stop early.
  public enum StopMetric: String, Codable, Sendable, CaseIterable {
    /// Lowest validation cross-entropy.
    case loss
    /// Highest validation ROC AUC.
    case auc
  }
  /// Learning-rate schedule, evaluated per optimizer step.
  public enum Schedule: String, Codable, Sendable, CaseIterable {
    case constant
    /// Cosine annealing to 0 over all steps (Loshchilov & Hutter 2017) with a 1-epoch-free start.
    case cosine
    /// ×0.1 every `stepEpochs` epochs (PyTorch StepLR).
    case step
  }

  /// Network description; default Net B at the recipe's input size.
  public var architecture: Architecture
  public var recipe: PreprocessingRecipe
  /// Maximum epochs (default 30).
  public var epochs: Int
  /// Examples per optimizer step (default 32, as the Keras baseline).
  public var batchSize: Int
  /// Initial Adam learning rate (default 1e-3, Kingma & Ba's default).
  public var learningRate: Float
  public var schedule: Schedule
  /// Epochs between ×0.1 decays for `.step` (default 10).
  public var stepEpochs: Int
  public var balancing: ClassBalancing
  /// Fraction of the non-test examples held out for validation when there is no split column (default 0.2,
  /// stratified, seeded with `seed`).
  public var validationFraction: Double
  /// Fraction of all examples held out as a TEST part that training never sees (default 0 = none): stratified, drawn
  /// first with `SeededGenerator(seed ^ 0x7E57)`, before the validation split. Its catalog rows are recorded in the
  /// model's training summary (`test_rows`) so `galmorph evaluate --held-out` can score exactly that part.
  public var testFraction: Double {
    get { storedTestFraction ?? 0 }
    set { storedTestFraction = newValue == 0 ? nil : newValue }
  }
  /// Stored only when non-zero, so that configurations (and the checkpoints and audit fingerprints made from their
  /// JSON) written before this field existed keep their encoding.
  private var storedTestFraction: Double?
  public var stopMetric: StopMetric
  /// Epochs without improvement before stopping (default 5; 0 = never stop early).
  public var patience: Int
  /// Training augmentation; nil = none.
  public var augmentation: Augmentation?
  /// Seed of initialisation, example order, augmentation and dropout; also of the test/validation split unless
  /// ``splitSeed`` is set.
  public var seed: UInt64
  /// Seed of the test and validation splits (default: ``seed``). Setting it lets models trained with different
  /// `seed`s share one held-out test part and one validation part — the members of an ensemble.
  public var splitSeed: UInt64 {
    get { storedSplitSeed ?? seed }
    set { storedSplitSeed = newValue == seed ? nil : newValue }
  }
  /// Stored only when it differs from `seed` (older encodings and fingerprints are unchanged).
  private var storedSplitSeed: UInt64?
  /// Equal total loss weight per group of training examples (HEALPix pixel or condition bin; nil = none). The data
  /// must carry the groups (``LabelledDataset/groups``). Absent from the encoding when nil.
  public var groupBalancing: GroupBalancing?
  /// A domain-adversarial head with gradient reversal (nil = none; absent from the encoding when nil). Its groups
  /// must be those of ``groupBalancing`` when both are set (the data carry one group per example).
  public var adversary: DomainAdversary?
  /// Virtual adversarial training (nil = none; absent from the encoding when nil).
  public var vat: VirtualAdversarialTraining?

  public init(
    architecture: Architecture? = nil, recipe: PreprocessingRecipe = .init(), epochs: Int = 30,
    batchSize: Int = 32, learningRate: Float = 1e-3, schedule: Schedule = .cosine, stepEpochs: Int = 10,
    balancing: ClassBalancing = .weights, validationFraction: Double = 0.2, testFraction: Double = 0,
    stopMetric: StopMetric = .loss,
    patience: Int = 5, augmentation: Augmentation? = Augmentation(), seed: UInt64 = 0, splitSeed: UInt64? = nil
  ) {
    self.architecture =
      architecture ?? ClassifierModel.defaultArchitecture(inputSize: recipe.inputSize, channels: recipe.channels)
    self.recipe = recipe; self.epochs = epochs; self.batchSize = batchSize; self.learningRate = learningRate
    self.schedule = schedule; self.stepEpochs = stepEpochs; self.balancing = balancing
    self.validationFraction = validationFraction; self.storedTestFraction = testFraction == 0 ? nil : testFraction
    self.stopMetric = stopMetric; self.patience = patience
    self.augmentation = augmentation; self.seed = seed
    self.storedSplitSeed = splitSeed == seed ? nil : splitSeed
  }

  enum CodingKeys: String, CodingKey {
    case architecture, recipe, epochs, batchSize, learningRate, schedule, stepEpochs, balancing, validationFraction
    case storedTestFraction = "testFraction", stopMetric, patience, augmentation, seed
    case storedSplitSeed = "splitSeed", groupBalancing, adversary, vat
  }

  /// SHA-256 of (this configuration, the training rows, their targets when given, the input's SHA-256) as sorted-key
  /// JSON: a finished model is reused for a job only when its fingerprint matches (audit models; `clean`'s fold
  /// models, whose labels may be flipped, also pass `targets`).
  public func fingerprint(rows: [Int], targets: [Float]? = nil, input: String) throws -> String {
    struct Key: Encodable {
      let training: TrainingConfiguration; let rows: [Int]; let targets: [Float]?; let input: String
    }
    return Checksum.sha256(
      try JSONCoding.encoder().encode(Key(training: self, rows: rows, targets: targets, input: input)))
  }

  /// The learning rate at optimizer step `step` of a run with `stepsPerEpoch` steps per epoch.
  public func learningRate(step: Int, stepsPerEpoch: Int) -> Float {
    switch schedule {
    case .constant: return learningRate
    case .cosine:
      return CosineDecay(initial: learningRate, totalSteps: max(1, epochs * stepsPerEpoch)).learningRate(at: step)
    case .step:
      return StepDecay(initial: learningRate, stepSize: max(1, stepEpochs * stepsPerEpoch)).learningRate(at: step)
    }
  }
}

/// One line of the per-epoch log (JSON lines).
public struct EpochRecord: Codable, Sendable, Equatable {
  public var epoch: Int
  public var trainLoss: Double
  public var trainAccuracy: Double
  public var validationLoss: Double
  public var validationAccuracy: Double
  public var validationAUC: Double
  public var learningRate: Double
  public var seconds: Double
  public var imagesPerSecond: Double
  /// With a ``DomainAdversary``: the head's mean cross-entropy and accuracy at predicting the training examples'
  /// groups over the epoch (chance: log G and about 1/G for equal groups); nil (absent) otherwise.
  public var adversaryLoss: Double?
  public var adversaryAccuracy: Double?
  /// With VAT: the epoch's mean local distributional smoothness LDS; nil (absent) otherwise.
  public var vatLoss: Double?
  enum CodingKeys: String, CodingKey {
    case epoch, trainLoss = "train_loss", trainAccuracy = "train_accuracy", validationLoss = "val_loss"
    case validationAccuracy = "val_accuracy", validationAUC = "val_auc", learningRate = "lr", seconds
    case imagesPerSecond = "images_per_s", adversaryLoss = "adversary_loss", adversaryAccuracy = "adversary_accuracy"
    case vatLoss = "vat_lds"
  }
}
