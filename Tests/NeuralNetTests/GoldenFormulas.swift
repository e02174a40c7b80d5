// galmorph — NeuralNetTests
//
// The seeded formulas shared with Reference/gen_nets_golden.py (inputs and weights are computed, not stored).

import Foundation
import NeuralNet

enum GoldenFormulas {
  /// `x[i] = 0.8·sin(0.1·i + 1e-5·i² + 0.3)` over the flat NHWC index, rounded to Float.
  static func input(_ count: Int) -> [Float] {
    (0..<count).map { i in
      let d = Double(i); return Float(0.8 * sin(0.1 * d + 1e-5 * d * d + 0.3))
    }
  }

  /// Element j of the parameter with ordinal k: kernel `√(3/fanIn)·sin(0.7j + 0.1(k+1))`, bias `0.1·sin(…)`.
  static func parameter(count: Int, ordinal k: Int, fanIn: Int, bias: Bool) -> [Float] {
    let scale = bias ? 0.1 : (3.0 / Double(fanIn)).squareRoot()
    return (0..<count).map { j in Float(scale * sin(0.7 * Double(j) + 0.1 * Double(k + 1))) }
  }

  /// Sets every parameter of a conv/dense network from the formulas; the fan-in of a bias is its kernel's.
  static func load(_ model: Sequential) throws {
    var params: [String: (shape: [Int], values: [Float])] = [:]
    var ordinal = 0, fanIn = 1
    for (key, p) in model.namedParameters {
      let isBias = key.hasSuffix("/bias")
      if !isBias { fanIn = p.shape.dropLast().reduce(1, *) }
      params[key] = (p.shape, parameter(count: p.count, ordinal: ordinal, fanIn: fanIn, bias: isBias))
      ordinal += 1
    }
    try model.load(parameters: params)
  }

  /// `r[i] = cos(0.3·i)`: the upstream gradient of the single-layer golden cases.
  static func upstream(_ count: Int) -> [Float] { (0..<count).map { Float(cos(0.3 * Double($0))) } }
}

/// The JSON written by Reference/gen_nets_golden.py.
struct NetsGolden: Decodable {
  struct Gradient: Decodable { let count: Int; let sum: Double; let abs_sum: Double; let samples: [[Double]] }
  struct Net: Decodable {
    let batch: Int; let targets: [Float]; let weights: [Float]; let logits: [Double]; let loss: Double
    let gradients: [String: Gradient]; let order: [String]
  }
  struct Conv: Decodable { let y: [Double]; let dx: [Double]; let dkernel: [Double]; let dbias: [Double] }
  struct BN: Decodable {
    let y: [Double]; let dx: [Double]; let dgamma: [Double]; let dbeta: [Double]
    let running_mean: [Double]; let running_var: [Double]
  }
  let generator: String
  let netA: Net, netB: Net
  let conv_stride2_same: Conv
  let batchnorm: BN
}
