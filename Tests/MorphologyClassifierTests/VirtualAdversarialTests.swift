// galmorph — MorphologyClassifierTests
//
// Virtual adversarial training's pieces against finite differences and a case with a known answer.

import Foundation
import GalmorphSupport
import NeuralNet
import Testing
import _GalmorphTestSupport
@testable import MorphologyClassifier

@Suite("Virtual adversarial training")
struct VirtualAdversarialTests {
  static func network(hidden: Bool = true) throws -> Sequential {
    let layers: [LayerSpec] =
      hidden
      ? [.dense(DenseSpec(units: 5)), .sigmoid(NameSpec()), .dense(DenseSpec(units: 2))]
      : [.dense(DenseSpec(units: 2))]
    return try Sequential(architecture: Architecture(inputShape: [6], layers: layers), seed: 3)
  }

  static func inputs(_ n: Int) -> [Float] {
    var rng = SeededGenerator(seed: 12)
    return (0..<(n * 6)).map { _ in Float(rng.nextNormal()) }
  }

  /// (1/n) Σ KL(p_ref ‖ p(x + r)) in double from the network's outputs.
  static func lds(_ net: Sequential, _ x: [Float], _ r: [Float], reference p: [Double], n: Int) -> Double {
    let xr = zip(x, r).map { $0 + $1 }
    let y = xr.withUnsafeBufferPointer { net.forward($0.baseAddress!, batch: n, mode: .inference) }
    let q = VirtualAdversarialStep.probabilities(y, batch: n, width: 2)
    var kl = 0.0
    for i in 0..<(2 * n) where p[i] > 0 { kl += p[i] * (log(p[i]) - log(q[i])) }
    return kl / Double(n)
  }

  @Test func parameterGradientOfLDSMatchesCentralDifferences() throws {
    let net = try Self.network(), n = 5
    let x = Self.inputs(n)
    let step = VirtualAdversarialStep(spec: VirtualAdversarialTraining(epsilon: 1.5, xi: 1e-2))
    var rng = SeededGenerator(seed: 2)
    let r = x.withUnsafeBufferPointer { step.perturbation(net, x: $0.baseAddress!, batch: n, rng: &rng) }
    let reference = x.withUnsafeBufferPointer {
      VirtualAdversarialStep.probabilities(net.forward($0.baseAddress!, batch: n, mode: .inference), batch: n, width: 2)
    }
    let lds = x.withUnsafeBufferPointer { step.smoothnessGradients(net, x: $0.baseAddress!, r: r, batch: n) }
    #expect(abs(lds - Self.lds(net, x, r, reference: reference, n: n)) < 1e-6)
    #expect(lds > 1e-4)
    var worst = 0.0
    for p in net.trainableParameters {
      let analytic = p.gradient.array(count: p.count)
      for i in 0..<p.count {
        let v = p.value.pointer[i], h: Float = 1e-2
        p.value.pointer[i] = v + h
        let up = Self.lds(net, x, r, reference: reference, n: n)
        p.value.pointer[i] = v - h
        let down = Self.lds(net, x, r, reference: reference, n: n)
        p.value.pointer[i] = v
        let numeric = (up - down) / (2 * Double(h))
        worst = max(worst, abs(numeric - Double(analytic[i])) / max(1e-3, abs(numeric)))
      }
    }
    #expect(worst < 0.03, "largest relative difference from central differences: \(worst)")
  }

  /// For a linear two-class model z = Wx + b the KL's Hessian in r is p₀p₁ (w₁ − w₀)(w₁ − w₀)ᵀ, of rank one: one
  /// power iteration from any start lands on ±(w₁ − w₀)/‖w₁ − w₀‖, scaled to ε.
  @Test func powerIterationFindsTheDirectionOfLargestCurvature() throws {
    let net = try Self.network(hidden: false), n = 4
    let x = Self.inputs(n)
    let step = VirtualAdversarialStep(spec: VirtualAdversarialTraining(epsilon: 2, xi: 1e-3))
    var rng = SeededGenerator(seed: 7)
    let r = x.withUnsafeBufferPointer { step.perturbation(net, x: $0.baseAddress!, batch: n, rng: &rng) }
    let w = net.layers[0].parameters[0].values  // [6, 2], row-major (input, unit)
    let diff = (0..<6).map { Double(w[$0 * 2 + 1] - w[$0 * 2]) }
    let norm = diff.map { $0 * $0 }.reduce(0, +).squareRoot()
    for k in 0..<n {
      let rk = (0..<6).map { Double(r[k * 6 + $0]) }
      let rn = rk.map { $0 * $0 }.reduce(0, +).squareRoot()
      let cosine = zip(rk, diff).map { $0 * $1 }.reduce(0, +) / (rn * norm)
      #expect(abs(rn - 2) < 1e-4, "‖r‖ = ε")
      #expect(abs(abs(cosine) - 1) < 1e-3, "example \(k): cos = \(cosine)")
    }
  }

  @Test func addedGradientsAreTheSupervisedPlusTheSmoothnessTerm() throws {
    let net = try Self.network(), n = 3
    let x = Self.inputs(n)
    for p in net.trainableParameters { for i in 0..<p.count { p.gradient.pointer[i] = 0.25 } }
    let step = VirtualAdversarialStep(spec: VirtualAdversarialTraining(epsilon: 1, xi: 1e-2, weight: 2))
    var rng = SeededGenerator(seed: 1)
    _ = x.withUnsafeBufferPointer { step.addGradients(net, x: $0.baseAddress!, batch: n, rng: &rng) }
    let total = net.trainableParameters.map { $0.gradient.array(count: $0.count) }
    var rng2 = SeededGenerator(seed: 1)
    let step2 = VirtualAdversarialStep(spec: VirtualAdversarialTraining(epsilon: 1, xi: 1e-2, weight: 2))
    let r = x.withUnsafeBufferPointer { step2.perturbation(net, x: $0.baseAddress!, batch: n, rng: &rng2) }
    _ = x.withUnsafeBufferPointer { step2.smoothnessGradients(net, x: $0.baseAddress!, r: r, batch: n) }
    for (p, t) in zip(net.trainableParameters, total) {
      let alone = p.gradient.array(count: p.count)
      for i in 0..<p.count { #expect(abs(t[i] - (alone[i] + 0.25)) < 1e-6) }
    }
  }
}

extension VirtualAdversarialTests {
  /// VAT in the Trainer: the smoothness term is logged, changes the weights, and a killed run resumes exactly;
  /// unlabelled examples never validate.
  @Test func trainerWithVATResumesExactlyAndKeepsUnlabelledOutOfValidation() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    var data = SyntheticGalaxies.dataset(n: 80)
    data.unlabelled = (0..<data.count).map { $0 % 5 == 0 }
    var cfg = SyntheticGalaxies.config(epochs: 2)
    let plain = try Trainer(config: cfg, progressStyle: .silent).train(data)
    cfg.vat = VirtualAdversarialTraining(epsilon: 2)
    let trainer = Trainer(config: cfg, progressStyle: .silent)
    #expect(trainer.split(data).validation.allSatisfy { !data.unlabelled![$0] })
    let full = try trainer.train(data)
    #expect(full.history.allSatisfy { ($0.vatLoss ?? -1) > 0 })
    let a = full.model.network.parameters(), p = plain.model.network.parameters()
    #expect(a.keys.contains { a[$0]!.values != p[$0]!.values })
    let ck = tmp.file("ck.h5")
    _ = try Trainer(config: cfg, checkpointURL: ck, progressStyle: .silent).train(data, stopAfterEpochs: 1)
    let resumed = try Trainer(config: cfg, checkpointURL: ck, progressStyle: .silent).train(data, resume: true)
    let b = resumed.model.network.parameters()
    #expect(a.keys.allSatisfy { a[$0]!.values == b[$0]!.values })
  }
}
