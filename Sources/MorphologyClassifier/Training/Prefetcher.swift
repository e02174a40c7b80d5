// galmorph — MorphologyClassifier
//
// Assembling the next training batch on another thread while the network trains on the current one.
import Foundation
import GalmorphSupport

/// Double-buffered batch assembly: `take(b)` returns batch `b` (waiting if it is still being built) and starts
/// building batch `b + 1` on a global dispatch queue. Batches are deterministic (see ``BatchAssembler``).
final class Prefetcher: @unchecked Sendable {
  private let data: LabelledDataset
  private let order: [Int]
  private let batches: [Range<Int>]
  private let epoch: Int, seed: UInt64
  private let augmentation: Augmentation?
  private let contextRanges: ContextAugmentation.Ranges?
  private var pending: (index: Int, group: DispatchGroup, box: Box)?

  final class Box: @unchecked Sendable { var values: [Float] = [] }

  init(
    data: LabelledDataset, order: [Int], batches: [Range<Int>], epoch: Int, seed: UInt64, augmentation: Augmentation?,
    contextRanges: ContextAugmentation.Ranges? = nil
  ) {
    self.data = data; self.order = order; self.batches = batches; self.epoch = epoch; self.seed = seed
    self.augmentation = augmentation; self.contextRanges = contextRanges
  }

  private func build(_ b: Int) -> [Float] {
    let r = batches[b]
    return BatchAssembler.assemble(
      data, indices: Array(order[r]), positions: Array(r), epoch: epoch, seed: seed,
      augmentation: augmentation, contextRanges: contextRanges)
  }

  private func start(_ b: Int) {
    guard b < batches.count else { pending = nil; return }
    let group = DispatchGroup(), box = Box()
    DispatchQueue.global().async(group: group) { [self] in box.values = self.build(b) }
    pending = (b, group, box)
  }

  func take(_ b: Int) -> [Float] {
    let x: [Float]
    if let p = pending, p.index == b { p.group.wait(); x = p.box.values } else { x = build(b) }
    start(b + 1)
    return x
  }
}
