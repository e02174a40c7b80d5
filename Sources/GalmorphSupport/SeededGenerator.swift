// galmorph — GalmorphSupport
//
// The one random-number generator used everywhere in galmorph, so that every run is reproducible under `--seed`.

/// xoshiro256** (Blackman & Vigna 2018, "Scrambled linear pseudorandom number generators"), seeded through
/// SplitMix64 so that any 64-bit seed, including 0, gives a well-mixed state.
///
/// - Period 2^256 − 1; passes BigCrush. Not cryptographic.
/// - `stream(_:)` derives an independent generator for a numbered sub-task (a seed per model, per permutation
///   block, per thread): the child is seeded by hashing (state, index) through SplitMix64, so results do not depend
///   on how many threads run or in which order sub-tasks start.
/// - The step and the draws are `@inlinable`, so they inline into other modules' hot loops (the permutation scans
///   draw once per galaxy per permutation; a cross-module call per draw cost more than the draw's arithmetic).
public struct SeededGenerator: RandomNumberGenerator, Sendable, Equatable {
  @usableFromInline var s0, s1, s2, s3: UInt64

  /// A generator whose whole sequence is fixed by `seed`.
  public init(seed: UInt64) {
    var sm = SplitMix64(state: seed)
    s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
  }

  /// A generator whose state is the next four outputs of `source` (`source` itself is not advanced; an all-zero
  /// state, which xoshiro cannot leave, becomes s0 = 0x9E3779B97F4A7C15). The permutation scans seed each
  /// permutation k this way from `stream(k)`, so their p-values stay those of earlier releases.
  @inlinable
  public init(stateFrom source: SeededGenerator) {
    var g = source
    s0 = g.next(); s1 = g.next(); s2 = g.next(); s3 = g.next()
    if s0 | s1 | s2 | s3 == 0 { s0 = 0x9E37_79B9_7F4A_7C15 }
  }

  @inlinable @inline(__always)
  static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }

  @inlinable @inline(__always)
  public mutating func next() -> UInt64 {
    let result = SeededGenerator.rotl(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
    s2 ^= t
    s3 = SeededGenerator.rotl(s3, 45)
    return result
  }

  /// An independent generator for sub-task `index`, derived from this generator's current state without
  /// advancing it.
  public func stream(_ index: UInt64) -> SeededGenerator {
    var sm = SplitMix64(state: s0 ^ (s1 &* 0x9E37_79B9_7F4A_7C15) ^ (index &* 0xD1B5_4A32_D192_ED03))
    return SeededGenerator(seed: sm.next() ^ s3)
  }

  /// A uniform Double in [0, 1) with 53 random bits.
  @inlinable
  public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

  /// A uniform Float in [0, 1) with 24 random bits.
  @inlinable
  public mutating func nextUnitFloat() -> Float { Float(next() >> 40) * 0x1.0p-24 }

  /// A standard normal deviate (Marsaglia polar method).
  @inlinable
  public mutating func nextNormal() -> Double {
    while true {
      let u = 2 * nextUnit() - 1, v = 2 * nextUnit() - 1
      let s = u * u + v * v
      if s > 0 && s < 1 { return u * (-2 * _log(s) / s).squareRoot() }
    }
  }

  /// In-place Fisher–Yates shuffle driven by this generator (deterministic, unlike `shuffle(using:)` whose
  /// algorithm the standard library does not promise to keep).
  public mutating func shuffle<C: MutableCollection & RandomAccessCollection>(_ c: inout C) where C.Index == Int {
    var i = c.count - 1
    while i > 0 {
      let j = Int(next() % UInt64(i + 1))
      c.swapAt(c.startIndex + i, c.startIndex + j)
      i -= 1
    }
  }

  /// A uniform integer in `0..<n` (n > 0), by Lemire's nearly-divisionless method.
  @inlinable @inline(__always)
  public mutating func nextInt(below n: Int) -> Int {
    precondition(n > 0, "nextInt(below:) needs n > 0")
    let bound = UInt64(n)
    var m = next().multipliedFullWidth(by: bound)
    if m.low < bound {
      let t = (0 &- bound) % bound
      while m.low < t { m = next().multipliedFullWidth(by: bound) }
    }
    return Int(m.high)
  }
}

/// SplitMix64 (Steele, Lea & Flood 2014), used only to expand seeds.
public struct SplitMix64: Sendable {
  public var state: UInt64
  public init(state: UInt64) { self.state = state }
  @inlinable @inline(__always)
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

#if canImport(Glibc)
import Glibc
@usableFromInline func _log(_ x: Double) -> Double { Glibc.log(x) }
#else
import Darwin
@usableFromInline func _log(_ x: Double) -> Double { Darwin.log(x) }
#endif
