// galmorph — NeuralNetTests
//
// Conv2D's direct forward pass (first layers: ≤ 4 input channels) against float64 direct summation, with and without
// the fused ReLU, and its instruction-set builds against each other.

import _GalmorphTestSupport
import GalmorphSupport
import NeuralNet
import TensorCore
import Testing

@Suite struct DirectConvolutionTests {
  /// Input H×W×C, K filters, kernel, stride, padding, batch.
  struct Case: CustomTestStringConvertible, Sendable {
    var h, w, c, k, kernel, stride: Int
    var same: Bool
    var batch: Int
    var testDescription: String {
      "\(h)×\(w)×\(c)→\(k) \(kernel)×\(kernel)/\(stride) \(same ? "same" : "valid") n=\(batch)"
    }
  }

  static let cases: [Case] = [
    Case(h: 29, w: 29, c: 3, k: 32, kernel: 5, stride: 1, same: false, batch: 3),  // Net A's conv1 (25 = 6·4 + 1)
    Case(h: 16, w: 16, c: 3, k: 32, kernel: 5, stride: 1, same: true, batch: 2),  // Net B's conv1 shape, padded
    Case(h: 11, w: 13, c: 1, k: 64, kernel: 3, stride: 2, same: true, batch: 3),
    Case(h: 9, w: 7, c: 4, k: 96, kernel: 3, stride: 1, same: false, batch: 2),
  ]

  static func layer(_ t: Case, _ algorithm: Conv2D.Algorithm, relu: Bool) -> Conv2D {
    let conv = Conv2D(
      name: "conv", inputShape: [t.h, t.w, t.c], filters: t.k, kernelSize: t.kernel, stride: t.stride, same: t.same)
    randomize(conv, seed: 13)
    conv.algorithm = algorithm
    conv.fusedReLU = relu
    return conv
  }

  static func forward(_ conv: Conv2D, _ x: [Float], batch: Int) -> [Float] {
    let count = batch * conv.outputShape.reduce(1, *)
    return x.withUnsafeBufferPointer {
      Array(UnsafeBufferPointer(start: conv.forward($0.baseAddress!, batch: batch, mode: .inference), count: count))
    }
  }

  static func input(_ t: Case) -> [Float] {
    var g = SeededGenerator(seed: 9)
    return (0..<(t.batch * t.h * t.w * t.c)).map { _ in Float(g.nextNormal()) }
  }

  /// The direct forward pass (and with the fused ReLU, max(·, 0) of it) agrees with float64 summation to 2e-6 of
  /// the largest output; it is the default for these shapes.
  @Test(arguments: cases) func directMatchesDirectSummation(_ t: Case) {
    let x = Self.input(t)
    let conv = Self.layer(t, .direct, relu: false)
    #expect(
      Conv2D(
        name: "d", inputShape: [t.h, t.w, t.c], filters: t.k, kernelSize: t.kernel, stride: t.stride, same: t.same
      ).algorithm == .direct)
    let dy = [Float](repeating: 0, count: t.batch * conv.outputShape.reduce(1, *))
    let ref = directSummation(conv, batch: t.batch, x: x, dy: dy).y
    let y = Self.forward(conv, x, batch: t.batch)
    #expect(relativeError(y, ref) < 2e-6, "\(t.testDescription): \(relativeError(y, ref))")
    let rectified = Self.forward(Self.layer(t, .direct, relu: true), x, batch: t.batch)
    #expect(zip(rectified, y).allSatisfy { $0 == max($1, 0) }, "\(t.testDescription): fused ReLU")
    #expect(rectified.contains(0) && y.contains { $0 < 0 })
  }

  /// The weight and bias gradients (first layer: no input gradient) agree with float64 summation to 2e-6 of the
  /// largest value; asked for an input gradient, the layer gives that too (by im2col).
  @Test(arguments: cases) func weightGradientMatchesDirectSummation(_ t: Case) throws {
    let x = Self.input(t)
    let conv = Self.layer(t, .direct, relu: false)
    var g = SeededGenerator(seed: 21)
    let dy = (0..<(t.batch * conv.outputShape.reduce(1, *))).map { _ in Float(g.nextNormal()) }
    let ref = directSummation(conv, batch: t.batch, x: x, dy: dy)
    for needInputGradient in [false, true] {
      let dx = Self.backward(conv, x: x, dy: dy, batch: t.batch, needInputGradient: needInputGradient)
      let dw = conv.kernel.gradient.array(conv.kernel.count), db = try #require(conv.bias).gradient.array(t.k)
      #expect(relativeError(dw, ref.dw) < 2e-6, "\(t.testDescription) dW: \(relativeError(dw, ref.dw))")
      #expect(relativeError(db, ref.db) < 2e-6, "\(t.testDescription) db")
      #expect((dx != nil) == needInputGradient)
      if let dx { #expect(relativeError(dx, ref.dx) < 2e-6, "\(t.testDescription) dX") }
    }
  }

  /// Forward then backward; the input gradient when asked for.
  static func backward(_ conv: Conv2D, x: [Float], dy: [Float], batch: Int, needInputGradient: Bool) -> [Float]? {
    _ = x.withUnsafeBufferPointer { conv.forward($0.baseAddress!, batch: batch, mode: .training) }
    return dy.withUnsafeBufferPointer {
      conv.backward($0.baseAddress!, batch: batch, needInputGradient: needInputGradient).map {
        Array(UnsafeBufferPointer(start: $0, count: x.count))
      }
    }
  }

  /// The AVX2 and AVX-512 builds agree bit for bit (both fuse each multiply-add), forward and weight gradient; the
  /// generic build, which rounds the product first, agrees with them to 1e-6 relative. Each build this CPU runs is
  /// exercised.
  @Test func instructionSetBuildsAgree() throws {
    let t = Self.cases[0], x = Self.input(t)
    var outputs: [KernelISA: [Float]] = [:]
    let dy = (0..<(t.batch * 25 * 25 * t.k)).map { Float($0 % 7) - 3 }
    for isa in KernelISA.supported {
      let conv = Self.layer(t, .direct, relu: false)
      conv.kernelISA = isa
      // forward outputs then the weight gradient, compared as one array
      outputs[isa] = Self.forward(conv, x, batch: t.batch)
      _ = Self.backward(conv, x: x, dy: dy, batch: t.batch, needInputGradient: false)
      outputs[isa]! += conv.kernel.gradient.array(conv.kernel.count)
    }
    let generic = try #require(outputs[.generic])
    if let avx2 = outputs[.avx2], let avx512 = outputs[.avx512] {
      #expect(avx2.map(\.bitPattern) == avx512.map(\.bitPattern))
    }
    for (isa, y) in outputs {
      #expect(relativeError(y, generic.map(Double.init)) < 1e-6, "\(isa) against generic")
    }
  }
}
