// galmorph — NeuralNetTests

import _GalmorphTestSupport
import GalmorphSupport
import NeuralNet
import Testing

@Suite struct GradientCheckTests {
  @Test(arguments: [(5, 1, false), (3, 1, true), (3, 2, true), (4, 2, false), (1, 1, false)])
  func conv2D(kernel: Int, stride: Int, same: Bool) {
    let l = Conv2D(name: "c", inputShape: [7, 6, 3], filters: 4, kernelSize: kernel, stride: stride, same: same)
    randomize(l, seed: 3)
    GradientChecker(layer: l, batch: 3).run()
  }

  @Test func conv2DManyImagesSplitIntoChunksAndWorkers() {
    let l = Conv2D(name: "c", inputShape: [6, 6, 2], filters: 3, kernelSize: 3, stride: 1, same: true)
    l.columnBudget = 2 * 36 * 18  // two images per chunk: exercises chunk loops and per-worker reductions
    randomize(l, seed: 4)
    GradientChecker(layer: l, batch: 7).run()
  }

  @Test func conv2DWithoutBias() {
    let l = Conv2D(name: "c", inputShape: [5, 5, 2], filters: 3, kernelSize: 3, same: true, useBias: false)
    randomize(l, seed: 5)
    #expect(l.parameters.count == 1)
    GradientChecker(layer: l, batch: 2).run()
  }

  @Test func dense() {
    let l = Dense(name: "d", inputShape: [3, 2, 2], units: 5)
    randomize(l, seed: 6)
    GradientChecker(layer: l, batch: 4).run()
  }

  @Test func maxPool() {
    GradientChecker(layer: MaxPool2D(name: "p", inputShape: [7, 6, 3], pool: 2), batch: 2).run()
    GradientChecker(layer: MaxPool2D(name: "p", inputShape: [7, 7, 2], pool: 3, stride: 2), batch: 2).run()
  }

  @Test func avgPool() {
    GradientChecker(layer: AvgPool2D(name: "p", inputShape: [6, 6, 3], pool: 2), batch: 2).run()
    GradientChecker(layer: AvgPool2D(name: "p", inputShape: [7, 7, 2], pool: 3, stride: 2), batch: 2).run()
  }

  @Test func globalAvgPool() {
    GradientChecker(layer: GlobalAvgPool(name: "g", inputShape: [4, 5, 3]), batch: 3).run()
  }

  @Test func activations() {
    GradientChecker(layer: Activation(name: "a", function: .relu, inputShape: [4, 4, 3]), batch: 2).run()
    GradientChecker(layer: Activation(name: "a", function: .leakyRelu(alpha: 0.1), inputShape: [30]), batch: 2).run()
    GradientChecker(layer: Activation(name: "a", function: .sigmoid, inputShape: [30]), batch: 2).run()
  }

  @Test func softmax() {
    GradientChecker(layer: Softmax(name: "s", inputShape: [2, 5]), batch: 3).run()
  }

  @Test func flatten() {
    GradientChecker(layer: Flatten(name: "f", inputShape: [2, 3, 4]), batch: 2).run()
  }

  @Test func dropoutWithAFixedMask() {
    let l = Dropout(name: "d", rate: 0.4, inputShape: [50], generator: SeededGenerator(seed: 8))
    let g0 = l.generator
    var checker = GradientChecker(layer: l, batch: 2)
    checker.beforeForward = { l.generator = g0 }
    checker.run()
  }

  /// The mask is the definition's: element i kept (scaled by 1/(1 − p)) when the i-th `nextUnitFloat()` of the
  /// layer's generator is ≥ p, for rates whose p·2²⁴ is and is not an integer; the generator advances by one draw
  /// an element.
  @Test(arguments: [Float(0.4), Float(0.5), Float(0.1), Float(1) / 3]) func dropoutMaskFollowsTheDefinition(rate: Float)
  {
    let n = 5000
    let l = Dropout(name: "d", rate: rate, inputShape: [n], generator: SeededGenerator(seed: 17))
    var g = l.generator
    let ones = [Float](repeating: 1, count: n)
    let y = ones.withUnsafeBufferPointer {
      Array(UnsafeBufferPointer(start: l.forward($0.baseAddress!, batch: 1, mode: .training), count: n))
    }
    let expected = (0..<n).map { _ in g.nextUnitFloat() >= rate ? 1 / (1 - rate) : Float(0) }
    #expect(y == expected)
    #expect(l.generator == g)
  }

  @Test func batchNormTrainingAndInference() {
    let l = BatchNorm(name: "bn", inputShape: [3, 3, 4])
    randomize(l, seed: 9, scale: 1)
    GradientChecker(layer: l, batch: 3).run()
    var inference = GradientChecker(layer: l, batch: 3)
    inference.mode = .inference
    inference.run()
  }

  /// Central differences of a loss w.r.t. its logits, in Double around Float logits (h = 1e-2, smooth losses).
  func checkLoss(_ loss: any Loss, batch: Int, width: Int, targets: [Float], weights: [Float]?) {
    var g = SeededGenerator(seed: 11)
    var z = (0..<(batch * width)).map { _ in Float(g.nextNormal() * 2) }
    var grad = [Float](repeating: 0, count: z.count), scratch = grad
    func eval(_ z: [Float], _ out: inout [Float]) -> Double {
      Double(
        z.withUnsafeBufferPointer { zp in
          targets.withUnsafeBufferPointer { tp in
            out.withUnsafeMutableBufferPointer { gp in
              if let weights {
                return weights.withUnsafeBufferPointer { wp in
                  loss.evaluate(
                    logits: zp.baseAddress!, targets: tp.baseAddress!, weights: wp.baseAddress!, batch: batch,
                    width: width, gradient: gp.baseAddress!)
                }
              }
              return loss.evaluate(
                logits: zp.baseAddress!, targets: tp.baseAddress!, weights: nil, batch: batch,
                width: width, gradient: gp.baseAddress!)
            }
          }
        })
    }
    _ = eval(z, &grad)
    let h: Float = 1e-2
    for i in z.indices {
      let keep = z[i]
      z[i] = keep + h; let lp = eval(z, &scratch)
      z[i] = keep - h; let lm = eval(z, &scratch)
      z[i] = keep
      expectClose(Double(grad[i]), (lp - lm) / Double(2 * h), rtol: 2e-2, atol: 2e-4, "\(type(of: loss)) dz[\(i)]")
    }
  }

  @Test func binaryCrossEntropyWithSoftTargetsAndWeights() {
    checkLoss(
      BinaryCrossEntropy(), batch: 4, width: 2, targets: [0.1, 0.9, 1, 0, 0.5, 0.3, 0.7, 0.2],
      weights: [0.5, 1.5, 1, 2])
    checkLoss(BinaryCrossEntropy(), batch: 3, width: 1, targets: [0, 1, 0.4], weights: nil)
  }

  @Test func softmaxCrossEntropyWithSoftTargetsAndWeights() {
    checkLoss(
      SoftmaxCrossEntropy(), batch: 3, width: 3, targets: [0.2, 0.5, 0.3, 1, 0, 0, 0.1, 0.1, 0.8],
      weights: [1.2, 0.3, 0.9])
    checkLoss(
      SoftmaxCrossEntropy(), batch: 2, width: 2, targets: SoftmaxCrossEntropy.oneHot([1, 0], classes: 2),
      weights: nil)
  }

  /// Loss values against closed forms computed by hand (independent of the implementation's formula).
  @Test func lossValues() {
    var g: [Float] = [0, 0]
    let bce = [Float(2), -1].withUnsafeBufferPointer { z in
      [Float(1), 0.25].withUnsafeBufferPointer { t in
        g.withUnsafeMutableBufferPointer { gp in
          BinaryCrossEntropy().evaluate(
            logits: z.baseAddress!, targets: t.baseAddress!, weights: nil, batch: 2, width: 1,
            gradient: gp.baseAddress!)
        }
      }
    }
    // ℓ(2, 1) = log(1+e^-2); ℓ(-1, .25) = .25·log(1+e^1) + .75·log(1+e^-1)
    let l1 = log(1 + exp(-2.0)), l2 = 0.25 * log(1 + exp(1.0)) + 0.75 * log(1 + exp(-1.0))
    expectClose(Double(bce), (l1 + l2) / 2, rtol: 1e-6, "BCE")
    expectClose(Double(g[0]), (1 / (1 + exp(-2.0)) - 1) / 2, rtol: 1e-5, "BCE grad")
  }
}

import Foundation
