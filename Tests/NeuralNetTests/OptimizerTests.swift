// galmorph — NeuralNetTests

import _GalmorphTestSupport
import Foundation
import GalmorphSupport
import NeuralNet
import Testing
import TensorCore

@Suite struct OptimizerTests {
  /// A linearly separable toy problem: label = 1 when x·w* > 0, for w* = (1, −2, 0.5, 1).
  static func toyData(_ n: Int) -> (x: Tensor, t: [Float]) {
    var g = SeededGenerator(seed: 21)
    let x = Tensor(normalShape: [n, 4], using: &g)
    let w: [Float] = [1, -2, 0.5, 1]
    var t = [Float](repeating: 0, count: n)
    for i in 0..<n {
      var s: Float = 0
      for j in 0..<4 { s += x.values[i * 4 + j] * w[j] }
      t[i] = s > 0 ? 1 : 0
    }
    return (x, t)
  }

  static let toyArchitecture = Architecture(
    inputShape: [4],
    layers: [
      .dense(DenseSpec(units: 8)), .relu(NameSpec()), .dense(DenseSpec(units: 1)),
    ])

  func trainToy(_ opt: any Optimizer, steps: Int, schedule: (any LearningRateSchedule)? = nil) throws -> (
    first: Float, last: Float
  ) {
    let m = try Sequential(architecture: Self.toyArchitecture, seed: 5)
    let (x, t) = Self.toyData(128)
    var first: Float = 0, last: Float = 0
    for s in 0..<steps {
      if let schedule { opt.learningRate = schedule.learningRate(at: s) }
      let l = try m.trainStep(input: x, targets: t, loss: BinaryCrossEntropy(), optimizer: opt)
      if s == 0 { first = l }
      last = l
    }
    return (first, last)
  }

  @Test func sgdWithMomentumConverges() throws {
    let r = try trainToy(SGD(learningRate: 0.1, momentum: 0.9), steps: 300)
    #expect(r.first > 0.5 && r.last < 0.1, "SGD loss \(r.first) → \(r.last)")
  }

  @Test func adamConverges() throws {
    let r = try trainToy(Adam(learningRate: 0.02), steps: 300)
    #expect(r.first > 0.5 && r.last < 0.1, "Adam loss \(r.first) → \(r.last)")
  }

  @Test func adamWWithCosineScheduleConverges() throws {
    let r = try trainToy(
      Adam.adamW(learningRate: 0.02, weightDecay: 0.01), steps: 300,
      schedule: CosineDecay(initial: 0.02, totalSteps: 300, warmupSteps: 10))
    #expect(r.first > 0.5 && r.last < 0.1, "AdamW loss \(r.first) → \(r.last)")
  }

  /// Hand-computed updates of one scalar parameter (θ = 1, g = 0.5), from the published formulas.
  @Test func singleStepsMatchTheFormulas() {
    func step(_ o: any Optimizer, steps: Int = 1) -> Float {
      let p = Parameter(name: "w", shape: [1])
      p.setValues([1])
      for _ in 0..<steps { p.gradient.pointer[0] = 0.5; o.step([p]) }
      return p.values[0]
    }
    // Adam, t = 1: m̂ = g, v̂ = g² → θ − η·g/(|g| + ε)
    expectClose(step(Adam(learningRate: 0.1)), 1 - 0.1 * 0.5 / (0.5 + 1e-8), rtol: 1e-6, "Adam")
    // AdamW: θ(1 − ηλ) − η·sign(g)
    expectClose(step(Adam.adamW(learningRate: 0.1, weightDecay: 0.5)), 1 * (1 - 0.05) - 0.1, rtol: 1e-6, "AdamW")
    // Adam with L2: g' = 0.5 + 0.5·1 = 1 → θ − η
    expectClose(step(Adam(learningRate: 0.1, decay: .l2(0.5))), 0.9, rtol: 1e-6, "Adam L2")
    // SGD momentum, two steps: v1 = g, θ1 = 1 − ηg; v2 = μg + g, θ2 = θ1 − η(1+μ)g
    expectClose(step(SGD(learningRate: 0.1, momentum: 0.9), steps: 2), 1 - 0.05 - 0.1 * 1.9 * 0.5, rtol: 1e-6, "SGD")
  }

  @Test func schedules() {
    let s = StepDecay(initial: 1, stepSize: 10, gamma: 0.5)
    #expect(s.learningRate(at: 0) == 1 && s.learningRate(at: 9) == 1 && s.learningRate(at: 10) == 0.5)
    #expect(s.learningRate(at: 25) == 0.25)
    let c = CosineDecay(initial: 1, totalSteps: 100, minimum: 0.1)
    expectClose(c.learningRate(at: 0), 1, rtol: 1e-6)
    expectClose(c.learningRate(at: 50), 0.55, rtol: 1e-6)
    expectClose(c.learningRate(at: 100), 0.1, rtol: 1e-6)
    let w = CosineDecay(initial: 1, totalSteps: 20, warmupSteps: 4)
    expectClose(w.learningRate(at: 1), 0.5, rtol: 1e-6)
  }

  /// Same seed ⇒ bit-identical weights after N training steps of Net A (dropout active, 2 workers), in-process.
  /// Across thread counts: ThreadDeterminismTests.
  @Test func fixedSeedGivesIdenticalWeightsWithTwoWorkers() throws {
    #expect(Parallel.workers == 2)
    func run() throws -> [String: [Float]] {
      let m = try Sequential(architecture: ReferenceNetworks.netA, seed: 77)
      var g = SeededGenerator(seed: 3)
      let x = Tensor(normalShape: [16, 29, 29, 3], using: &g)
      let t = (0..<16).map { Float($0 % 2) }
      let adam = Adam()
      for _ in 0..<4 { try m.trainStep(input: x, targets: t, loss: BinaryCrossEntropy(), optimizer: adam) }
      return m.parameters().mapValues(\.values)
    }
    let a = try run(), b = try run()
    #expect(a.keys.sorted() == b.keys.sorted())
    for k in a.keys { #expect(a[k]! == b[k]!, "\(k) differs between runs") }
  }
}
