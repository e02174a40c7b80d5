// galmorph — NeuralNetTests
//
// Exported optimizer state: an interrupted run restored into fresh objects continues bit-identically.

import _GalmorphTestSupport
import Foundation
import GalmorphSupport
import NeuralNet
import Testing
import TensorCore

@Suite struct OptimizerStateTests {
  /// Net A without its dropout layer (dropout masks come from a layer generator, not optimizer state).
  static let architecture = Architecture(
    inputShape: ReferenceNetworks.netA.inputShape,
    layers: ReferenceNetworks.netA.layers.filter { if case .dropout = $0 { return false } else { return true } })

  static func batch(_ step: Int) -> (x: Tensor, t: [Float]) {
    var g = SeededGenerator(seed: 40).stream(UInt64(step))
    return (Tensor(normalShape: [8, 29, 29, 3], using: &g), (0..<8).map { Float(($0 + step) % 2) })
  }

  /// Runs steps `range` on `model` with `optimizer`.
  static func train(_ model: Sequential, _ optimizer: any Optimizer, steps range: Range<Int>) throws {
    for s in range {
      let (x, t) = batch(s)
      try model.trainStep(input: x, targets: t, loss: BinaryCrossEntropy(), optimizer: optimizer)
    }
  }

  static func bits(_ m: Sequential) -> [String: [UInt32]] { m.parameters().mapValues { $0.values.map(\.bitPattern) } }

  /// 6 uninterrupted steps == 3 steps, export (weights + state), restore into new objects, 3 more steps.
  @Test(arguments: ["adam", "adamw", "sgd"])
  func restoredStateContinuesBitIdentically(_ kind: String) throws {
    func make() -> any Optimizer {
      switch kind {
      case "adam": Adam(learningRate: 1e-3)
      case "adamw": Adam.adamW(learningRate: 1e-3, weightDecay: 0.01)
      default: SGD(learningRate: 0.01, momentum: 0.9, weightDecay: 1e-4)
      }
    }
    let straight = try Sequential(architecture: Self.architecture, seed: 8)
    try Self.train(straight, make(), steps: 0..<6)

    let first = try Sequential(architecture: Self.architecture, seed: 8)
    let opt1 = make()
    try Self.train(first, opt1, steps: 0..<3)
    let second = try Sequential(architecture: Self.architecture, seed: 99)
    try second.load(parameters: first.parameters())
    let opt2 = make()
    switch (opt1, opt2) {
    case let (a as Adam, b as Adam):
      let s = a.state(of: first)
      #expect(s.stepCount == 3 && s.m.count == first.trainableParameters.count && s.v.count == s.m.count)
      #expect(s.m["conv1/kernel"]?.count == 5 * 5 * 3 * 32)
      try b.restore(s, into: second)
      #expect(b.state(of: second) == s)
    case let (a as SGD, b as SGD):
      let s = a.state(of: first)
      #expect(s.stepCount == 3 && s.velocity.count == first.trainableParameters.count)
      try b.restore(s, into: second)
      #expect(b.state(of: second) == s)
    default: Issue.record("unexpected optimizer types")
    }
    try Self.train(second, opt2, steps: 3..<6)
    #expect(opt2.stepCount == 6)
    #expect(Self.bits(second) == Self.bits(straight), "\(kind): resumed run differs from the uninterrupted one")
    // And resuming without the state (fresh moments) does differ: the state matters.
    let noState = try Sequential(architecture: Self.architecture, seed: 1)
    try noState.load(parameters: first.parameters())
    try Self.train(noState, make(), steps: 3..<6)
    #expect(Self.bits(noState) != Self.bits(straight))
  }

  @Test func stateForAnotherNetworkIsRefusedByKey() throws {
    let net = try Sequential(architecture: Self.architecture, seed: 1)
    let adam = Adam()
    let good = [Float](repeating: 0, count: 32)
    #expect { try adam.restore(Adam.State(stepCount: 2, m: ["conv9/kernel": good], v: [:]), into: net) } throws: { e in
      "\(e)".contains("conv9/kernel") && "\(e)".contains("no trainable parameter")
    }
    #expect { try adam.restore(Adam.State(stepCount: 2, m: [:], v: ["conv1/bias": [1, 2]]), into: net) } throws: { e in
      "\(e)".contains("conv1/bias") && "\(e)".contains("2 values") && "\(e)".contains("32 elements")
    }
    #expect(throws: NeuralNetError.self) { try adam.restore(Adam.State(stepCount: -1, m: [:], v: [:]), into: net) }
    // Nothing changed by the refused restores.
    #expect(adam.stepCount == 0 && adam.state(of: net) == Adam.State(stepCount: 0, m: [:], v: [:]))
    try adam.restore(Adam.State(stepCount: 2, m: ["conv1/bias": good], v: [:]), into: net)
    #expect(adam.state(of: net).v["conv1/bias"] == good)
  }
}
