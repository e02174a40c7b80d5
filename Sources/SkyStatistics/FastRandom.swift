// galmorph — SkyStatistics

import GalmorphSupport

/// xoshiro256** with an always-inlined step for the hot permutation loops.
///
/// The algorithm is `SeededGenerator`'s; each instance is seeded with four outputs of a
/// `SeededGenerator.stream(k)`, so all randomness still derives from the user's seed through `stream`. A local copy
/// exists only so that the step inlines into the inner loop (a cross-module call per element costs more than the
/// element's arithmetic).
struct FastRandom {
  var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

  init(_ g: SeededGenerator) {
    var g = g
    s0 = g.next(); s1 = g.next(); s2 = g.next(); s3 = g.next()
    if s0 | s1 | s2 | s3 == 0 { s0 = 0x9E37_79B9_7F4A_7C15 }
  }

  @inline(__always) mutating func next() -> UInt64 {
    let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
    let t = s1 << 17
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
    s2 ^= t
    s3 = (s3 << 45) | (s3 >> 19)
    return result
  }

  /// Uniform integer in 0..<n (Lemire's method, with rejection: unbiased).
  @inline(__always) mutating func below(_ n: Int) -> Int {
    let bound = UInt64(n)
    var m = next().multipliedFullWidth(by: bound)
    if m.low < bound {
      let t = (0 &- bound) % bound
      while m.low < t { m = next().multipliedFullWidth(by: bound) }
    }
    return Int(m.high)
  }
}

/// A pointer handed to worker threads that write disjoint slots.
final class SharedBuffer: @unchecked Sendable {
  let p: UnsafeMutablePointer<Double>
  let count: Int
  init(count: Int) {
    self.count = count
    p = .allocate(capacity: max(1, count))
    p.initialize(repeating: 0, count: max(1, count))
  }
  deinit { p.deallocate() }
  var array: [Double] { Array(UnsafeBufferPointer(start: p, count: count)) }
}
