// galmorph — SkySimulator
//
// Fast lookup of a radial function f(s), s = R² in pixels², on a logarithmic grid found from the float's bits.

/// A table of f(s) for s in [sMin, sMax] with 64 nodes per octave, indexed directly by the IEEE-754 bits of s:
/// `bits >> 17` keeps the exponent and the top 6 mantissa bits, so the nodes are uniform in s within each octave
/// (spacing s/64 or finer) and the low 17 bits give the linear-interpolation weight. No log, pow or exp at lookup.
/// Linear interpolation error is ≲ (1/64)²/8 · |s² f''/f| ≈ 3e-5 |s² f''/f| relative.
struct RadialTable: Sendable {
  private(set) var values: [Float]
  let base: UInt32
  let sMin: Float
  let sMax: Float

  static let shift: UInt32 = 17

  init(sMin: Float, sMax: Float, _ f: (Double) -> Double) {
    self.sMin = sMin
    self.sMax = sMax
    let first = sMin.bitPattern >> RadialTable.shift
    base = first
    let top = sMax.bitPattern >> RadialTable.shift
    let count = Int(top - first) + 2
    values = (0..<count).map { k in
      let s = Float(bitPattern: (first + UInt32(k)) << RadialTable.shift)
      return Float(f(Double(s)))
    }
  }

  /// f(s), clamped to the table's range.
  @inline(__always)
  func callAsFunction(_ s: Float) -> Float {
    let c = min(max(s, sMin), sMax)
    let bits = c.bitPattern
    let k = Int((bits >> RadialTable.shift) &- base)
    let t = Float(bits & ((1 << RadialTable.shift) - 1)) * (1 / Float(1 << RadialTable.shift))
    return values.withUnsafeBufferPointer { v in
      let a = v[k], b = v[k + 1]
      return a + t * (b - a)
    }
  }
}
