// galmorph — NeuralNetTests
//
// Conv2D's Winograd F(4×4, 3×3) path against a float64 direct summation of the convolution and its gradients, and
// its three instruction-set builds against each other bit for bit.

import _GalmorphTestSupport
import Foundation
import GalmorphSupport
import NeuralNet
import TensorCore
import Testing

@Suite struct WinogradTests {
  /// A 3×3 stride-1 case: input H×W×C, K filters, padding, batch, and an im2col/Winograd chunk budget (small ones
  /// force several chunks per image slice).
  struct Case: CustomTestStringConvertible, Sendable {
    var h, w, c, k: Int
    var same: Bool
    var batch: Int
    var budget = 1 << 20
    var testDescription: String { "\(h)×\(w)×\(c)→\(k) \(same ? "same" : "valid") n=\(batch) budget=\(budget)" }
  }

  static let cases: [Case] = [
    Case(h: 8, w: 8, c: 8, k: 16, same: true, batch: 3),
    Case(h: 7, w: 9, c: 12, k: 5, same: true, batch: 10, budget: 1000),  // odd sizes: edge tiles; many chunks
    Case(h: 12, w: 12, c: 32, k: 64, same: false, batch: 4),  // Net A's conv2 shape (input gradient pads 2)
    Case(h: 5, w: 6, c: 9, k: 3, same: false, batch: 3),
    Case(h: 4, w: 4, c: 128, k: 128, same: true, batch: 9),  // Net B's conv4 at 32 px
  ]

  /// y, dx, dw, db of one forward and backward pass.
  struct Pass { var y, dx, dw, db: [Float] }

  static func layer(_ t: Case, _ algorithm: Conv2D.Algorithm) -> Conv2D {
    let conv = Conv2D(name: "conv", inputShape: [t.h, t.w, t.c], filters: t.k, kernelSize: 3, same: t.same)
    randomize(conv, seed: 11)
    conv.algorithm = algorithm
    conv.columnBudget = t.budget
    return conv
  }

  static func inputs(_ t: Case, _ conv: Conv2D) -> (x: [Float], dy: [Float]) {
    var g = SeededGenerator(seed: 5)
    let x = (0..<(t.batch * t.h * t.w * t.c)).map { _ in Float(g.nextNormal()) }
    let dy = (0..<(t.batch * conv.outputShape.reduce(1, *))).map { _ in Float(g.nextNormal()) }
    return (x, dy)
  }

  static func run(_ conv: Conv2D, x: [Float], dy: [Float], batch: Int) -> Pass {
    let ny = dy.count
    let y = x.withUnsafeBufferPointer {
      Array(UnsafeBufferPointer(start: conv.forward($0.baseAddress!, batch: batch, mode: .training), count: ny))
    }
    let dx = dy.withUnsafeBufferPointer {
      Array(
        UnsafeBufferPointer(
          start: conv.backward($0.baseAddress!, batch: batch, needInputGradient: true)!, count: x.count))
    }
    return Pass(
      y: y, dx: dx, dw: conv.kernel.gradient.array(conv.kernel.count), db: conv.bias!.gradient.array(conv.filters))
  }

  /// Forward, input gradient, weight and bias gradients agree with float64 direct summation to a few 1e-6 of the
  /// largest value. F(4×4, 3×3)'s transforms (coefficients up to 8 and 1/24) cost accuracy: measured 1.1e-6–5.9e-6
  /// over these cases against im2col's 6.8e-8–5.3e-7, i.e. 2–34× im2col's error; the bounds leave ~3× headroom, and a
  /// wrong transform coefficient gives errors of order 1e-1.
  @Test(arguments: cases) func winogradMatchesDirectSummation(_ t: Case) {
    let wino = Self.layer(t, .winograd), im2col = Self.layer(t, .im2col)
    let (x, dy) = Self.inputs(t, wino)
    let ref = directSummation(wino, batch: t.batch, x: x, dy: dy)
    let a = Self.run(wino, x: x, dy: dy, batch: t.batch), b = Self.run(im2col, x: x, dy: dy, batch: t.batch)
    for (name, got, base, r) in [
      ("y", a.y, b.y, ref.y), ("dx", a.dx, b.dx, ref.dx), ("dw", a.dw, b.dw, ref.dw), ("db", a.db, b.db, ref.db),
    ] {
      let e = relativeError(got, r), e0 = relativeError(base, r)
      #expect(e < 2e-5, "\(t.testDescription) \(name): Winograd relative error \(e) (im2col \(e0))")
      #expect(e <= max(100 * e0, 2e-6), "\(t.testDescription) \(name): Winograd \(e) vs im2col \(e0)")
    }
  }

  /// The generic, AVX2 and AVX-512 builds of the transforms give bit-identical passes (each that this CPU runs; the
  /// note of the run says which were exercised).
  @Test func everyInstructionSetGivesTheSameBits() throws {
    let t = Self.cases[1]
    #expect(KernelISA.supported.first == .generic)
    var passes: [KernelISA: Pass] = [:]
    for isa in KernelISA.supported {
      let conv = Self.layer(t, .winograd)
      conv.kernelISA = isa
      let (x, dy) = Self.inputs(t, conv)
      passes[isa] = Self.run(conv, x: x, dy: dy, batch: t.batch)
    }
    let generic = try #require(passes[.generic])
    for (isa, p) in passes {
      #expect(p.y.map(\.bitPattern) == generic.y.map(\.bitPattern), "\(isa) forward")
      #expect(p.dx.map(\.bitPattern) == generic.dx.map(\.bitPattern), "\(isa) input gradient")
      #expect(p.dw.map(\.bitPattern) == generic.dw.map(\.bitPattern), "\(isa) weight gradient")
    }
  }

  /// Without `GM_KERNEL_ISA`, the kernels run the widest build the CPU supports; with it, the named build if
  /// supported.
  @Test func selectedBuildIsTheWidestSupportedUnlessNamed() {
    let named = ProcessInfo.processInfo.environment["GM_KERNEL_ISA"].flatMap(KernelISA.init(rawValue:))
    let expected = named.flatMap { $0.isSupported ? $0 : nil } ?? KernelISA.supported.last
    #expect(KernelISA.selected == expected)
  }

  /// The default choice: Winograd for 3×3 stride-1 layers with ≥ 8 input channels, im2col otherwise.
  @Test func defaultAlgorithmFollowsTheShape() {
    #expect(Conv2D(name: "a", inputShape: [8, 8, 8], filters: 4, kernelSize: 3, same: true).algorithm == .winograd)
    #expect(Conv2D(name: "b", inputShape: [8, 8, 3], filters: 4, kernelSize: 3, same: true).algorithm == .im2col)
    #expect(Conv2D(name: "c", inputShape: [8, 8, 8], filters: 4, kernelSize: 5, same: true).algorithm == .im2col)
    #expect(
      Conv2D(name: "d", inputShape: [8, 8, 8], filters: 4, kernelSize: 3, stride: 2, same: true).algorithm == .im2col)
  }
}
