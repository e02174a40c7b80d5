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
      let k = Constants(b1: b1, b2: b2, eps: eps, lr: lr, c1: c1, c2: c2, l2: l2, shrink: shrink)
      forEachElement(p.count) { r in Adam.update(r, g: g, m: m, v: v, theta: th, k) }
    }
  }

  struct Constants {
    let b1, b2, eps, lr, c1, c2, l2, shrink: Float
  }

  /// The update of ``step(_:)`` over `r`, 8 lanes at a time (the pointers may alias as far as the compiler knows,
  /// so it would not vectorise the scalar loop). Each lane does the scalar formula's operations in the same order,
  /// so the results are bit-identical to it (the tail runs the scalar loop).
  @inline(__always)
  static func update(
    _ r: Range<Int>, g: UnsafeMutablePointer<Float>, m: UnsafeMutablePointer<Float>,
    v: UnsafeMutablePointer<Float>, theta th: UnsafeMutablePointer<Float>, _ k: Constants
  ) {
    typealias V8 = SIMD8<Float>
    @inline(__always) func load(_ p: UnsafeMutablePointer<Float>) -> V8 {
      UnsafeRawPointer(p).loadUnaligned(as: V8.self)
    }
    @inline(__always) func store(_ x: V8, _ p: UnsafeMutablePointer<Float>) {
      UnsafeMutableRawPointer(p).storeBytes(of: x, as: V8.self)
    }
    let b1 = V8(repeating: k.b1), b2 = V8(repeating: k.b2), b1c = V8(repeating: 1 - k.b1)
    let b2c = V8(repeating: 1 - k.b2), c1 = V8(repeating: k.c1), c2 = V8(repeating: k.c2)
    let lr = V8(repeating: k.lr), eps = V8(repeating: k.eps), l2 = V8(repeating: k.l2)
    let shrink = V8(repeating: k.shrink)
    var i = r.lowerBound
    while i + 8 <= r.upperBound {
      let t = load(th + i)
      let gi = load(g + i) + l2 * t
      let mi = b1 * load(m + i) + b1c * gi
      let vi = b2 * load(v + i) + b2c * gi * gi
      store(mi, m + i); store(vi, v + i)
      store(t * shrink - lr * (mi * c1) / ((vi * c2).squareRoot() + eps), th + i)
      i += 8
    }
    while i < r.upperBound {
      let gi = g[i] + k.l2 * th[i]
      m[i] = k.b1 * m[i] + (1 - k.b1) * gi
      v[i] = k.b2 * v[i] + (1 - k.b2) * gi * gi
      th[i] = th[i] * k.shrink - k.lr * (m[i] * k.c1) / ((v[i] * k.c2).squareRoot() + k.eps)
      i += 1
    }
  }
}
