// galmorph — NeuralNet

import Foundation

/// Adam (Kingma & Ba 2015) and AdamW (Loshchilov & Hutter 2019), with PyTorch's defaults and formulas:
///
/// `m ← β₁m + (1−β₁)g`, `v ← β₂v + (1−β₂)g²`, `θ ← θ − η·(m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε)`.
/// - ``Decay/l2(_:)`` (Adam): `g ← ∇ + λθ` before the moments (PyTorch `Adam(weight_decay=λ)`).
/// - ``Decay/decoupled(_:)`` (AdamW): `θ ← θ·(1 − ηλ)` before the update (PyTorch `AdamW`, default λ = 0.01).
/// Defaults β₁ = 0.9, β₂ = 0.999, ε = 1e-8, η = 1e-3.
public final class Adam: Optimizer {
  public enum Decay: Sendable, Equatable {
    case none, l2(Float), decoupled(Float)
  }
  public var learningRate: Float
  public let beta1, beta2, epsilon: Float
  public let decay: Decay
  public internal(set) var stepCount = 0
  let moments = OptimizerState(perParameter: 2)

  public init(
    learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8,
    decay: Decay = .none
  ) {
    self.learningRate = learningRate; self.beta1 = beta1; self.beta2 = beta2; self.epsilon = epsilon
    self.decay = decay
  }

  /// AdamW: Adam with decoupled weight decay λ (default 0.01, as PyTorch).
  public static func adamW(learningRate: Float = 1e-3, weightDecay: Float = 0.01) -> Adam {
    Adam(learningRate: learningRate, decay: .decoupled(weightDecay))
  }

  public func step(_ parameters: [Parameter]) {
    stepCount += 1
    let t = Double(stepCount)
    let b1 = beta1, b2 = beta2, eps = epsilon, lr = learningRate
    let c1 = Float(1 / (1 - pow(Double(b1), t))), c2 = Float(1 / (1 - pow(Double(b2), t)))
    var l2: Float = 0, shrink: Float = 1
    switch decay {
    case .none: break
    case let .l2(l): l2 = l
    case let .decoupled(l): shrink = 1 - lr * l
    }
    for p in parameters where p.trainable {
      let s = moments.buffers(for: p)
      let m = s[0].pointer, v = s[1].pointer, th = p.value.pointer, g = p.gradient.pointer
      forEachElement(p.count) { r in
        for i in r {
          let gi = g[i] + l2 * th[i]
          m[i] = b1 * m[i] + (1 - b1) * gi
          v[i] = b2 * v[i] + (1 - b2) * gi * gi
          th[i] = th[i] * shrink - lr * (m[i] * c1) / ((v[i] * c2).squareRoot() + eps)
        }
      }
    }
  }
}
