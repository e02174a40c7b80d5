// galmorph — NeuralNetTests
//
// Central finite differences of Float layers, compared with their hand-written backward passes.
//
// Choice: the layers stay Float32; the checker evaluates the scalar probe L = Σ_i r_i·y_i in Double from the
// Float outputs and uses a step h = 1e-2 (inputs are laid out on a grid with gaps ≥ 0.05 so no ReLU kink or
// max-pool tie lies within h), then compares with |num − ana| ≤ 2e-2·|ana| + 2e-3·max|ana|. This tolerance is
// what Float32 forward passes can resolve; a wrong index or a missing term gives errors of order 1.

import _GalmorphTestSupport
import GalmorphSupport
import NeuralNet
import Testing

struct GradientChecker {
  let layer: any Layer
  let batch: Int
  var mode: Mode = .training
  var h: Float = 1e-2
  /// Called before every forward (e.g. to reset a dropout generator so the mask is the same each time).
  var beforeForward: () -> Void = {}

  /// Distinct values on a 0.05 grid, shuffled, centred away from 0: no two within 2h, none within h of 0.
  static func gridInput(_ n: Int, seed: UInt64) -> [Float] {
    var g = SeededGenerator(seed: seed)
    var v = (0..<n).map { Float($0 - n / 2) * 0.05 + 0.025 }
    g.shuffle(&v)
    return v
  }

  func probe(_ x: [Float], _ r: [Float]) -> Double {
    beforeForward()
    return x.withUnsafeBufferPointer { xp in
      let y = layer.forward(xp.baseAddress!, batch: batch, mode: mode)
      var s = 0.0
      for i in r.indices { s += Double(r[i]) * Double(y[i]) }
      return s
    }
  }

  /// Checks dL/dx (when `input`) and dL/dθ for every parameter, on up to `maxChecks` evenly spaced elements each.
  func run(seed: UInt64 = 1, input: Bool = true, maxChecks: Int = 40, sourceLocation: SourceLocation = #_sourceLocation)
  {
    var x = GradientChecker.gridInput(batch * layer.inputSize, seed: seed)
    var gen = SeededGenerator(seed: seed &+ 99)
    let r = (0..<(batch * layer.outputSize)).map { _ in Float(gen.nextNormal()) }
    // Analytic.
    var dx: [Float] = []
    beforeForward()
    x.withUnsafeBufferPointer { xp in
      _ = layer.forward(xp.baseAddress!, batch: batch, mode: mode)
      r.withUnsafeBufferPointer { rp in
        if let d = layer.backward(rp.baseAddress!, batch: batch, needInputGradient: input) {
          dx = Array(UnsafeBufferPointer(start: d, count: x.count))
        }
      }
    }
    let paramGrads = layer.parameters.map { $0.gradient.array(count: $0.count) }
    func compare(_ name: String, _ ana: [Float], numeric: (Int) -> Double) {
      let step = max(1, ana.count / maxChecks)
      let scale = Double(ana.map(abs).max() ?? 0)
      var worst = 0.0, bad = 0, report = ""
      for i in stride(from: 0, to: ana.count, by: step) {
        let num = numeric(i), a = Double(ana[i])
        let err = abs(num - a), tol = 2e-2 * abs(a) + 2e-3 * scale + 1e-6
        if err > tol { bad += 1; if err > worst { worst = err; report = "[\(i)] numeric \(num) analytic \(a)" } }
      }
      if bad > 0 {
        Issue.record(
          "\(layer.kind) \(name): \(bad) gradient elements off; worst \(report)", sourceLocation: sourceLocation)
      }
    }
    if input {
      #expect(dx.count == x.count, "\(layer.kind): input gradient missing", sourceLocation: sourceLocation)
      compare("dx", dx) { i in
        let keep = x[i]
        x[i] = keep + h; let lp = probe(x, r)
        x[i] = keep - h; let lm = probe(x, r)
        x[i] = keep
        return (lp - lm) / Double(2 * h)
      }
    }
    for (p, ana) in zip(layer.parameters, paramGrads) where p.trainable {
      compare(p.name, ana) { i in
        let keep = p.value.pointer[i]
        p.value.pointer[i] = keep + h; let lp = probe(x, r)
        p.value.pointer[i] = keep - h; let lm = probe(x, r)
        p.value.pointer[i] = keep
        return (lp - lm) / Double(2 * h)
      }
    }
  }
}

/// Fills a layer's parameters with small seeded normal values.
func randomize(_ layer: any Layer, seed: UInt64, scale: Float = 0.3) {
  var g = SeededGenerator(seed: seed)
  for p in layer.parameters where p.trainable {
    p.setValues((0..<p.count).map { _ in Float(g.nextNormal()) * scale })
  }
}
