// galmorph — NeuralNet

import GalmorphSupport

/// Weight initialisers, by fan-in/fan-out of a kernel (`fanIn = kh·kw·Cin`, `fanOut = kh·kw·Cout` for a
/// convolution; `in`, `out` for a dense layer).
///
/// - `glorotUniform`: U(−a, a), a = √(6/(fanIn+fanOut)) (Glorot & Bengio 2010; the Keras default).
/// - `glorotNormal`: N(0, 2/(fanIn+fanOut)).
/// - `heUniform`: U(−a, a), a = √(6/fanIn); `heNormal`: N(0, 2/fanIn) (He et al. 2015, for ReLU networks).
/// Normal variants are untruncated. Biases start at 0.
public enum Initializer: String, Codable, Sendable, CaseIterable {
  case glorotUniform = "glorot_uniform", glorotNormal = "glorot_normal"
  case heUniform = "he_uniform", heNormal = "he_normal"

  /// Fills `count` values with draws from `generator`.
  public func fill(
    _ p: UnsafeMutablePointer<Float>, count: Int, fanIn: Int, fanOut: Int,
    using generator: inout SeededGenerator
  ) {
    let fi = Double(max(fanIn, 1)), fo = Double(max(fanOut, 1))
    switch self {
    case .glorotUniform, .heUniform:
      let a = self == .glorotUniform ? (6 / (fi + fo)).squareRoot() : (6 / fi).squareRoot()
      for i in 0..<count { p[i] = Float((2 * generator.nextUnit() - 1) * a) }
    case .glorotNormal, .heNormal:
      let s = self == .glorotNormal ? (2 / (fi + fo)).squareRoot() : (2 / fi).squareRoot()
      for i in 0..<count { p[i] = Float(generator.nextNormal() * s) }
    }
  }
}
