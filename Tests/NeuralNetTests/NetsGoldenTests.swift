// galmorph — NeuralNetTests
//
// Net A / Net B forward outputs and gradients against PyTorch (float64), see Reference/gen_nets_golden.py.

import _GalmorphTestSupport
import Foundation
import GalmorphSupport
import NeuralNet
import Testing
import TensorCore

@Suite struct NetsGoldenTests {
  @Test func parameterCountsMatchTheReferenceTable() throws {
    #expect(try Sequential(architecture: ReferenceNetworks.netA).parameterCount == 234_177)
    #expect(try Sequential(architecture: ReferenceNetworks.netB).parameterCount == 767_426)
  }

  /// Elementwise closeness with rtol 1e-4 and an absolute floor of 1e-4 × the tensor's largest magnitude
  /// (a Float32 engine cannot resolve components far below the tensor's scale).
  func expectMatches(
    _ actual: [Float], _ expected: [Double], _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let scale = expected.map(abs).max() ?? 0
    expectAllClose(
      actual.map(Double.init), expected, rtol: 1e-4, atol: 1e-4 * scale, what,
      sourceLocation: sourceLocation)
  }

  func check(_ arch: Architecture, _ g: NetsGolden.Net, loss: any Loss) throws {
    let model = try Sequential(architecture: arch, seed: 1)
    try GoldenFormulas.load(model)
    let x = Tensor(
      shape: [g.batch] + arch.inputShape,
      values: GoldenFormulas.input(g.batch * arch.inputShape.reduce(1, *)))
    let y = try model.forward(x, mode: .inference)
    expectMatches(y.values, g.logits, "logits")
    let l = try model.computeGradients(input: x, targets: g.targets, weights: g.weights, loss: loss, mode: .inference)
    expectClose(Double(l), g.loss, rtol: 1e-5, "loss")
    let params = Dictionary(uniqueKeysWithValues: model.namedParameters.map { ($0.key, $0.parameter) })
    #expect(model.namedParameters.map(\.key) == g.order)
    for key in g.order {
      guard let p = params[key], let ref = g.gradients[key] else { Issue.record("missing \(key)"); continue }
      #expect(p.count == ref.count, "\(key) element count")
      let grad = p.gradient.array(count: p.count)
      let idx = ref.samples.map { Int($0[0]) }
      let scale = ref.samples.map { abs($0[1]) }.max() ?? 0
      expectAllClose(
        idx.map { Double(grad[$0]) }, ref.samples.map { $0[1] }, rtol: 1e-4, atol: 1e-4 * scale,
        "\(key) gradient samples")
      let absSum = grad.reduce(0.0) { $0 + Double(abs($1)) }
      expectClose(absSum, ref.abs_sum, rtol: 1e-4, "\(key) Σ|grad|")
    }
  }

  @Test func netAMatchesPyTorch() throws {
    let g = try Reference.json(NetsGolden.self, "nets_golden.json")
    #expect(g.generator == "gen_nets_golden.py")
    try check(ReferenceNetworks.netA, g.netA, loss: BinaryCrossEntropy())
  }

  @Test func netBMatchesPyTorch() throws {
    let g = try Reference.json(NetsGolden.self, "nets_golden.json")
    try check(ReferenceNetworks.netB, g.netB, loss: SoftmaxCrossEntropy())
  }

  /// Stride 2 with TensorFlow "same" padding is asymmetric (0 before, 1 after for 8 → 4 with a 3×3 kernel).
  @Test func conv3x3Stride2SameMatchesPyTorch() throws {
    let g = try Reference.json(NetsGolden.self, "nets_golden.json").conv_stride2_same
    let conv = Conv2D(name: "c", inputShape: [8, 8, 3], filters: 5, kernelSize: 3, stride: 2, same: true)
    #expect(conv.outputShape == [4, 4, 5])
    conv.kernel.setValues(GoldenFormulas.parameter(count: 135, ordinal: 0, fanIn: 27, bias: false))
    conv.bias!.setValues(GoldenFormulas.parameter(count: 5, ordinal: 1, fanIn: 27, bias: true))
    let x = GoldenFormulas.input(2 * 8 * 8 * 3), r = GoldenFormulas.upstream(2 * 4 * 4 * 5)
    var y: [Float] = [], dx: [Float] = []
    x.withUnsafeBufferPointer { xp in
      r.withUnsafeBufferPointer { rp in
        let yp = conv.forward(xp.baseAddress!, batch: 2, mode: .training)
        y = Array(UnsafeBufferPointer(start: yp, count: r.count))
        let d = conv.backward(rp.baseAddress!, batch: 2, needInputGradient: true)!
        dx = Array(UnsafeBufferPointer(start: d, count: x.count))
      }
    }
    expectMatches(y, g.y, "y")
    expectMatches(dx, g.dx, "dx")
    expectMatches(conv.kernel.gradient.array(count: 135), g.dkernel, "dkernel")
    expectMatches(conv.bias!.gradient.array(count: 5), g.dbias, "dbias")
  }

  @Test func batchNormTrainingMatchesPyTorch() throws {
    let g = try Reference.json(NetsGolden.self, "nets_golden.json").batchnorm
    let bn = BatchNorm(name: "bn", inputShape: [3, 3, 4])
    bn.gamma.setValues((0..<4).map { 1 + 0.1 * Float($0) })
    bn.beta.setValues((0..<4).map { 0.05 * Float($0) })
    let x = GoldenFormulas.input(72), r = GoldenFormulas.upstream(72)
    var y: [Float] = [], dx: [Float] = []
    x.withUnsafeBufferPointer { xp in
      r.withUnsafeBufferPointer { rp in
        y = Array(UnsafeBufferPointer(start: bn.forward(xp.baseAddress!, batch: 2, mode: .training), count: 72))
        dx = Array(
          UnsafeBufferPointer(start: bn.backward(rp.baseAddress!, batch: 2, needInputGradient: true)!, count: 72))
      }
    }
    expectMatches(y, g.y, "y")
    expectMatches(dx, g.dx, "dx")
    expectMatches(bn.gamma.gradient.array(count: 4), g.dgamma, "dgamma")
    expectMatches(bn.beta.gradient.array(count: 4), g.dbeta, "dbeta")
    expectMatches(bn.runningMean.values, g.running_mean, "running_mean")
    expectMatches(bn.runningVar.values, g.running_var, "running_var")
  }
}

/// The conv → ReLU → max-pool fusion (the pool applies the ReLU's gradient mask; the ReLU passes the gradient
/// through) changes no number: every parameter gradient of a training-mode batch is bit-identical to the unfused
/// layers' (signed zeros included), on both reference networks.
@Suite struct PoolMaskFusionTests {
  @Test(arguments: [ReferenceNetworks.Name.netA, .netB])
  func fusedGradientsAreBitIdentical(net: ReferenceNetworks.Name) throws {
    let arch = net.architecture
    var gen = SeededGenerator(seed: 3)
    let batch = 6
    let x = Tensor(normalShape: [batch] + arch.inputShape, using: &gen)
    let width = try Sequential(architecture: arch).outputShape.reduce(1, *)
    let targets = (0..<(batch * width)).map { Float($0 % 2) }
    let loss: any Loss = width == 2 ? SoftmaxCrossEntropy() : BinaryCrossEntropy()
    var gradients: [[UInt32]] = []
    for fused in [true, false] {
      let model = try Sequential(architecture: arch, seed: 5)
      var pools = 0
      for layer in model.layers {
        if let pool = layer as? MaxPool2D, pool.masksRectifiedInput { pools += 1; pool.masksRectifiedInput = fused }
        if let act = layer as? Activation, act.gradientMaskedByNext { act.gradientMaskedByNext = fused }
      }
      #expect(pools == 2 || pools == 4, "every conv → relu → pool triple is fused")
      _ = try model.computeGradients(input: x, targets: targets, weights: nil, loss: loss, mode: .training)
      gradients.append(model.trainableParameters.flatMap { $0.gradient.array(count: $0.count).map(\.bitPattern) })
    }
    #expect(gradients[0] == gradients[1])
  }
}
