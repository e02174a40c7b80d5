// galmorph — MorphologyClassifier
//
// Seeded per-example augmentation and batch assembly, in parallel over the batch.
import Foundation
import GalmorphSupport

/// Random symmetry augmentation of training examples.
///
/// Each example of each epoch gets its own generator `SeededGenerator(seed).stream(epoch).stream(position)`, so the
/// augmentation depends only on (seed, epoch, position in the epoch order) — not on threads, batch boundaries or
/// whether training was resumed. Draws: dihedral index k ∈ 0…7 (the 8 symmetries of the square; morphology is
/// invariant under them, Dieleman et al. 2015, MNRAS 450, 1441), then shifts dy, dx ∈ [−maxShift, maxShift]
/// (default ±2 px, cutout centring jitter; reflected edges).
public struct Augmentation: Codable, Sendable, Equatable {
  public var dihedral: Bool
  public var maxShift: Int
  /// Observing-context augmentation after the symmetry draws (nil = none; absent from the encoding when nil, so
  /// configurations and fingerprints written before it existed are unchanged).
  public var context: ContextAugmentation?
  public init(dihedral: Bool = true, maxShift: Int = 2, context: ContextAugmentation? = nil) {
    self.dihedral = dihedral; self.maxShift = maxShift; self.context = context
  }
  public static let none = Augmentation(dihedral: false, maxShift: 0)

  /// The augmented copy of `image` for `rng`; `contextRanges` are the training images' conditions, needed when
  /// ``context`` is set (``ContextAugmentation/Ranges/measure(_:)``).
  public func apply(
    _ image: ImageBuffer, rng: inout SeededGenerator, contextRanges: ContextAugmentation.Ranges? = nil
  ) -> ImageBuffer {
    var img = image
    if dihedral { img = img.dihedral(rng.nextInt(below: 8)) }
    if maxShift > 0 {
      let dy = rng.nextInt(below: 2 * maxShift + 1) - maxShift, dx = rng.nextInt(below: 2 * maxShift + 1) - maxShift
      img = img.shifted(dy: dy, dx: dx)
    }
    if let context, let contextRanges { img = context.apply(img, ranges: contextRanges, rng: &rng) }
    return img
  }
}

/// Gathers the examples of a batch into one contiguous NHWC array, augmenting each on its own task
/// (`DispatchQueue.concurrentPerform` over the batch).
public enum BatchAssembler {
  /// Inputs for `indices` (dataset indices); `positions[i]` is the example's position in the epoch order (the
  /// augmentation stream index). With `augmentation == nil` the inputs are copied unchanged.
  public static func assemble(
    _ data: LabelledDataset, indices: [Int], positions: [Int], epoch: Int, seed: UInt64,
    augmentation: Augmentation?, contextRanges: ContextAugmentation.Ranges? = nil
  ) -> [Float] {
    let size = data.exampleSize, n = indices.count
    guard let augmentation else {
      var x = [Float](); x.reserveCapacity(n * size)
      for i in indices { x += data.inputs[(i * size)..<((i + 1) * size)] }
      return x
    }
    let out = UnsafeMutableBufferPointer<Float>.allocate(capacity: max(1, n * size))
    defer { out.deallocate() }
    let base = UncheckedPointer(pointer: out.baseAddress!)
    let epochRNG = SeededGenerator(seed: seed).stream(UInt64(epoch))
    DispatchQueue.concurrentPerform(iterations: n) { b in
      var rng = epochRNG.stream(UInt64(positions[b]))
      let img = augmentation.apply(data.image(indices[b]), rng: &rng, contextRanges: contextRanges)
      img.pixels.withUnsafeBufferPointer { src in (base.pointer + b * size).update(from: src.baseAddress!, count: size)
      }
    }
    return Array(UnsafeBufferPointer(start: out.baseAddress, count: n * size))
  }
}
