// galmorph — MorphologyClassifier
//
// Labelled, preprocessed examples held in memory for training and evaluation.
import Foundation
import GalmorphSupport

/// Preprocessed network inputs with binary labels (spiral = 1, elliptical = 0).
///
/// `inputs` holds `count` images of `recipe.inputSize`² × `recipe.channels` Float32 values each (HWC, contiguous),
/// already cropped, resized and standardised; augmentation is applied per batch by ``BatchAssembler``. Holding the
/// 64×64 inputs (48 KiB each; 4,545 GZ1 cutouts ≈ 220 MB) instead of the 423-px JPEGs makes every epoch after the
/// first decode-free.
public struct LabelledDataset: Sendable {
  public var recipe: PreprocessingRecipe
  public var inputs: [Float]
  public var labels: [Int]
  /// Soft target P(spiral) per example (a vote fraction), or the hard label as 0/1.
  public var targets: [Float]
  /// Catalog row (0-based data row) of each example, for messages and split columns.
  public var rows: [Int]
  /// Optional fixed split: true = validation (from a split column).
  public var isValidation: [Bool]?
  /// The catalog or image stack the data came from.
  public var source: String
  /// SHA-256 of the source file (the data checksum in model provenance).
  public var sourceSHA256: String
  /// For an image stack made by ``ImageStackExport``: SHA-256 of the catalog it was made from (its `rows` are that
  /// catalog's rows); nil otherwise.
  public var upstreamSHA256: String?
  /// Dropped rows per label value (see ``LabelMapping``).
  public var droppedLabels: [String: Int]
  /// Group of each example for ``GroupBalancing`` (a HEALPix pixel or a condition bin); nil when not balancing.
  public var groups: [Int]?
  /// Examples whose labels are removed (true): they take no part in the supervised loss or the validation part,
  /// only in virtual adversarial training's smoothness term. nil = all labelled.
  public var unlabelled: [Bool]?
  /// The last `appendedUnlabelled` examples come from another source (an extra unlabelled stack,
  /// ``appendingUnlabelled(_:)``): they are never drawn into the test or validation part, so the held-out parts are
  /// those of the same data without them.
  public var appendedUnlabelled = 0

  public init(
    recipe: PreprocessingRecipe, inputs: [Float], labels: [Int], targets: [Float]? = nil, rows: [Int]? = nil,
    isValidation: [Bool]? = nil, source: String, sourceSHA256: String = "", droppedLabels: [String: Int] = [:]
  ) {
    precondition(
      inputs.count == labels.count * recipe.inputSize * recipe.inputSize * recipe.channels,
      "LabelledDataset: input count does not match labels")
    self.recipe = recipe; self.inputs = inputs; self.labels = labels
    self.targets = targets ?? labels.map(Float.init)
    self.rows = rows ?? Array(labels.indices)
    self.isValidation = isValidation; self.source = source; self.sourceSHA256 = sourceSHA256
    self.droppedLabels = droppedLabels
  }

  public var count: Int { labels.count }
  /// Examples of the dataset's own source (all but the appended unlabelled ones).
  public var primaryCount: Int { count - appendedUnlabelled }

  /// This dataset followed by `extra`'s examples as unlabelled (labels and targets 0, no loss weight); the groups of
  /// ``GroupBalancing`` cannot be extended to them, so `groups` must be nil.
  public func appendingUnlabelled(_ extra: LabelledDataset) throws -> LabelledDataset {
    guard extra.recipe == recipe else {
      throw ClassifierError.invalidInput(
        path: extra.source, reason: "unlabelled images were preprocessed with another recipe than the labelled ones")
    }
    guard groups == nil else {
      throw ClassifierError.invalidInput(
        path: extra.source,
        reason: "unlabelled images carry no groups; they cannot be used with --balance-by or --adversary")
    }
    var out = self
    out.inputs += extra.inputs
    out.labels += [Int](repeating: 0, count: extra.count)
    out.targets += [Float](repeating: 0, count: extra.count)
    out.rows += extra.rows
    out.isValidation = isValidation.map { $0 + [Bool](repeating: false, count: extra.count) }
    out.unlabelled =
      (unlabelled ?? [Bool](repeating: false, count: count)) + [Bool](repeating: true, count: extra.count)
    out.appendedUnlabelled = appendedUnlabelled + extra.count
    return out
  }

  /// Removes the labels of the examples at `indices` (``unlabelled`` true): they leave the supervised loss and the
  /// validation part (clean + retrain), and feed only virtual adversarial training's smoothness term.
  public mutating func removeLabels(at indices: [Int]) {
    var u = unlabelled ?? [Bool](repeating: false, count: count)
    for i in indices { u[i] = true }
    unlabelled = u
  }
  /// Values per example.
  public var exampleSize: Int { recipe.inputSize * recipe.inputSize * recipe.channels }

  /// The input of example `i` as an image.
  public func image(_ i: Int) -> ImageBuffer {
    let n = exampleSize
    return ImageBuffer(
      width: recipe.inputSize, height: recipe.inputSize, channels: recipe.channels,
      pixels: Array(inputs[(i * n)..<((i + 1) * n)]))
  }

  /// The examples at `indices`, in that order.
  public func subset(_ indices: [Int]) -> LabelledDataset {
    let n = exampleSize
    var x = [Float](); x.reserveCapacity(indices.count * n)
    for i in indices { x += inputs[(i * n)..<((i + 1) * n)] }
    var out = LabelledDataset(
      recipe: recipe, inputs: x, labels: indices.map { labels[$0] },
      targets: indices.map { targets[$0] }, rows: indices.map { rows[$0] },
      isValidation: isValidation.map { v in indices.map { v[$0] } }, source: source,
      sourceSHA256: sourceSHA256, droppedLabels: droppedLabels)
    out.upstreamSHA256 = upstreamSHA256
    out.groups = groups.map { g in indices.map { g[$0] } }
    out.unlabelled = unlabelled.map { u in indices.map { u[$0] } }
    return out
  }

  /// Preprocesses images in parallel (`DispatchQueue.concurrentPerform`, one task per chunk of images); results do
  /// not depend on the thread count. The first error (in example order) is rethrown.
  static func preprocessAll(
    count n: Int, recipe: PreprocessingRecipe,
    _ load: @Sendable (Int) throws -> ImageBuffer
  ) throws -> [Float] {
    let size = recipe.inputSize * recipe.inputSize * recipe.channels
    let out = UnsafeMutableBufferPointer<Float>.allocate(capacity: max(1, n * size))
    defer { out.deallocate() }
    let errors = ErrorSlots(count: n)
    let base = UncheckedPointer(pointer: out.baseAddress!)
    DispatchQueue.concurrentPerform(iterations: n) { i in
      do {
        let img = try load(i)
        img.pixels.withUnsafeBufferPointer { src in
          (base.pointer + i * size).update(from: src.baseAddress!, count: size)
        }
      } catch { errors.set(i, error) }
    }
    if let e = errors.first() { throw e }
    return Array(UnsafeBufferPointer(start: out.baseAddress, count: n * size))
  }
}

/// A raw pointer passed into concurrent tasks that write disjoint ranges.
struct UncheckedPointer: @unchecked Sendable { let pointer: UnsafeMutablePointer<Float> }

/// Per-task error slots for concurrent loops (locked).
final class ErrorSlots: @unchecked Sendable {
  private var errors: [Int: any Error] = [:]
  private let lock = NSLock()
  init(count: Int) {}
  func set(_ i: Int, _ e: any Error) { lock.lock(); errors[i] = e; lock.unlock() }
  func first() -> (any Error)? { lock.lock(); defer { lock.unlock() }; return errors.keys.min().flatMap { errors[$0] } }
  func all() -> [Int: any Error] { lock.lock(); defer { lock.unlock() }; return errors }
}
