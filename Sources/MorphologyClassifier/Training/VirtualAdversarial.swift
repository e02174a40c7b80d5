// galmorph — MorphologyClassifier
//
// Virtual adversarial training: the smoothness penalty of Miyato et al., its power iteration and its gradient.

import Foundation
import GalmorphSupport
import NeuralNet
import TensorCore

/// Virtual adversarial training (Miyato, Maeda, Koyama & Ishii 2019, IEEE TPAMI 41, 1979), the regulariser the
/// Tomo-e Gozen real/bogus classifier used against label noise.
///
/// For a batch x the local distributional smoothness is LDS = (1/n) Σ_i KL(p(·|x_i) ‖ p(·|x_i + r_i)), p the
/// network's class probabilities (held fixed: no gradient through the first argument) and r_i the virtual
/// adversarial perturbation of norm ε: starting from a random unit direction d, ``iterations`` power iterations
/// d ← ∇_r KL(p(x) ‖ p(x + r))|_{r = ξd} / ‖·‖ approximate the direction of largest curvature of the KL, and
/// r = ε d. The training loss becomes L_supervised + α·LDS; LDS needs no labels, so unlabelled images can join.
/// Norms are per example over all its pixels and bands (input units: standardised pixels). The network runs in
/// inference mode for the VAT passes (no dropout), so p and the perturbed outputs differ only by r.
public struct VirtualAdversarialTraining: Codable, Sendable, Equatable {
  /// ε, the perturbation's norm per example.
  public var epsilon: Double
  /// ξ, the finite-difference step of the power iteration.
  public var xi: Double
  /// Power iterations (default 1).
  public var iterations: Int
  /// α, the weight of LDS in the loss (default 1).
  public var weight: Double

  public init(epsilon: Double, xi: Double = 1e-6, iterations: Int = 1, weight: Double = 1) {
    self.epsilon = epsilon; self.xi = xi; self.iterations = iterations; self.weight = weight
  }
}

/// The VAT pass of a training step.
final class VirtualAdversarialStep {
  let spec: VirtualAdversarialTraining
  private let perturbed = FloatBuffer(), logitGradient = FloatBuffer()
  private var reference: [Double] = [], direction: [Float] = []

  init(spec: VirtualAdversarialTraining) { self.spec = spec }

  /// Class probabilities of the outputs `y` (`width` 2: softmax; 1: sigmoid, as [1 − σ, σ]).
  static func probabilities(_ y: UnsafePointer<Float>, batch n: Int, width: Int) -> [Double] {
    var p = [Double](repeating: 0, count: 2 * n)
    for k in 0..<n {
      let z = width == 2 ? Double(y[2 * k + 1]) - Double(y[2 * k]) : Double(y[k])
      let s = 1 / (1 + exp(-z))
      p[2 * k] = 1 - s; p[2 * k + 1] = s
    }
    return p
  }

  /// KL(p ‖ q) summed over the batch, and ∂[(scale) Σ KL]/∂(outputs) into `g` (q − p per class for softmax; for one
  /// sigmoid output σ(z) − p₁).
  static func divergence(
    reference p: [Double], outputs y: UnsafePointer<Float>, batch n: Int, width: Int, scale: Double,
    gradient g: UnsafeMutablePointer<Float>
  ) -> Double {
    let q = probabilities(y, batch: n, width: width)
    var kl = 0.0
    for k in 0..<n {
      for c in 0..<2 where p[2 * k + c] > 0 {
        kl += p[2 * k + c] * (log(p[2 * k + c]) - log(max(q[2 * k + c], 1e-300)))
      }
      if width == 2 {
        g[2 * k] = Float(scale * (q[2 * k] - p[2 * k])); g[2 * k + 1] = Float(scale * (q[2 * k + 1] - p[2 * k + 1]))
      } else {
        g[k] = Float(scale * (q[2 * k + 1] - p[2 * k + 1]))
      }
    }
    return kl
  }

  /// Scales each example's `size` values of `v` to unit norm (a zero vector stays zero).
  static func normalize(_ v: inout [Float], batch n: Int, size: Int) {
    for k in 0..<n {
      var s = 0.0
      for i in (k * size)..<((k + 1) * size) { s += Double(v[i]) * Double(v[i]) }
      let inv = s > 0 ? Float(1 / s.squareRoot()) : 0
      for i in (k * size)..<((k + 1) * size) { v[i] *= inv }
    }
  }

  /// The perturbation r (n × size) for the batch `x`, from a random start drawn with `rng`; also sets the
  /// reference probabilities. Leaves the network's parameter gradients overwritten.
  func perturbation(
    _ network: Sequential, x: UnsafePointer<Float>, batch n: Int, rng: inout SeededGenerator
  ) -> [Float] {
    let size = network.inputShape.reduce(1, *), width = network.outputShape.reduce(1, *)
    reference = Self.probabilities(network.forward(x, batch: n, mode: .inference), batch: n, width: width)
    direction = (0..<(n * size)).map { _ in Float(rng.nextNormal()) }
    Self.normalize(&direction, batch: n, size: size)
    let xr = perturbed.reserve(n * size), g = logitGradient.reserve(n * width)
    for _ in 0..<spec.iterations {
      let xi = Float(spec.xi)
      for i in 0..<(n * size) { xr[i] = x[i] + xi * direction[i] }
      let y = network.forward(UnsafePointer(xr), batch: n, mode: .inference)
      _ = Self.divergence(reference: reference, outputs: y, batch: n, width: width, scale: 1, gradient: g)
      let gx = network.backward(UnsafePointer(g), batch: n, needInputGradient: true)!
      for i in 0..<(n * size) { direction[i] = gx[i] }
      Self.normalize(&direction, batch: n, size: size)
    }
    let eps = Float(spec.epsilon)
    return direction.map { eps * $0 }
  }

  /// LDS at `x + r` with the reference probabilities of the last ``perturbation(_:x:batch:rng:)``; sets every
  /// parameter's gradient to α ∂LDS/∂θ. Returns LDS.
  func smoothnessGradients(_ network: Sequential, x: UnsafePointer<Float>, r: [Float], batch n: Int) -> Double {
    let size = network.inputShape.reduce(1, *), width = network.outputShape.reduce(1, *)
    let xr = perturbed.reserve(n * size), g = logitGradient.reserve(n * width)
    for i in 0..<(n * size) { xr[i] = x[i] + r[i] }
    let y = network.forward(UnsafePointer(xr), batch: n, mode: .inference)
    let kl = Self.divergence(
      reference: reference, outputs: y, batch: n, width: width, scale: spec.weight / Double(n), gradient: g)
    network.backward(UnsafePointer(g), batch: n)
    return kl / Double(n)
  }

  /// After the supervised backward pass of `x`: adds α ∂LDS/∂θ to every trainable parameter's gradient. Returns LDS.
  func addGradients(_ network: Sequential, x: UnsafePointer<Float>, batch n: Int, rng: inout SeededGenerator)
    -> Double
  {
    let params = network.trainableParameters
    let saved = params.map { $0.gradient.array(count: $0.count) }
    let r = perturbation(network, x: x, batch: n, rng: &rng)
    let lds = smoothnessGradients(network, x: x, r: r, batch: n)
    for (p, s) in zip(params, saved) {
      let g = p.gradient.pointer
      for i in 0..<p.count { g[i] += s[i] }
    }
    return lds
  }
}
