// galmorph — TensorCore
//
// A manually managed Float32 workspace with a stable address, reused across training steps.

import Foundation

/// A growable Float32 buffer with a stable base address, for per-layer workspaces.
///
/// `reserve(_:)` reallocates only when more capacity is asked for than held, so once a network has run one step
/// at a given batch size no further allocation happens. The memory is 64-byte aligned (AVX-512 friendly) and freed
/// in `deinit`. Reference type on purpose: layers hand out pointers into their workspaces between forward and
/// backward passes.
public final class FloatBuffer {
  /// Base address (valid until the next `reserve` that grows the buffer).
  public private(set) var pointer: UnsafeMutablePointer<Float>
  /// Number of Floats the buffer can hold.
  public private(set) var capacity: Int

  /// An empty buffer (capacity 0, a dummy one-element allocation so `pointer` is always valid).
  public init(capacity: Int = 0) {
    self.capacity = max(capacity, 0)
    pointer = FloatBuffer.allocate(max(capacity, 1))
  }

  deinit { pointer.deallocate() }

  /// Ensures room for `count` Floats; contents are undefined after a grow.
  @discardableResult
  public func reserve(_ count: Int) -> UnsafeMutablePointer<Float> {
    if count > capacity {
      pointer.deallocate()
      pointer = FloatBuffer.allocate(count)
      capacity = count
    }
    return pointer
  }

  /// Sets the first `count` elements to `value`.
  public func fill(_ value: Float, count: Int) {
    precondition(count <= capacity)
    pointer.update(repeating: value, count: count)
  }

  /// A copy of the first `count` elements.
  public func array(count: Int) -> [Float] {
    precondition(count <= capacity)
    return Array(UnsafeBufferPointer(start: pointer, count: count))
  }

  private static let counterKey = "galmorph.FloatBuffer.allocations"

  /// How many FloatBuffer allocations the calling thread has made so far (for checking that a warmed-up training
  /// step allocates no workspace). Layers grow buffers only on the calling thread, outside parallel regions.
  public static var allocationCountOnThisThread: Int {
    (Thread.current.threadDictionary[counterKey] as? Int) ?? 0
  }

  private static func allocate(_ n: Int) -> UnsafeMutablePointer<Float> {
    Thread.current.threadDictionary[counterKey] = allocationCountOnThisThread + 1
    let raw = UnsafeMutableRawPointer.allocate(byteCount: n * MemoryLayout<Float>.stride, alignment: 64)
    let p = raw.bindMemory(to: Float.self, capacity: n)
    p.initialize(repeating: 0, count: n)
    return p
  }
}
