// galmorph — MorphologyClassifier
//
// Adam with exportable state, so a checkpoint can resume training bit-identically.
import Foundation
import NeuralNet
import TensorCore

/// Adam (Kingma & Ba 2015) with PyTorch's update, `m ← β₁m + (1−β₁)g`, `v ← β₂v + (1−β₂)g²`,
/// `θ ← θ − η·(m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε)` (defaults β₁ 0.9, β₂ 0.999, ε 1e-8), whose moments and step count
/// can be read and restored (``state``/``restore(_:)``) for checkpoints.
///
/// Same arithmetic as NeuralNet's `Adam` (without weight decay); it exists because that class keeps its moments
/// private. Sequential, element by element, so results do not depend on the thread count.
public final class ResumableAdam: Optimizer {
  public var learningRate: Float
  public let beta1: Float, beta2: Float, epsilon: Float
  public private(set) var stepCount = 0
  /// Moments by parameter key ("conv1/kernel"), allocated on the first step.
  private var m: [String: [Float]] = [:], v: [String: [Float]] = [:]
  private let keys: [ObjectIdentifier: String]

  /// `network` names the parameters (their keys label the saved moments).
  public init(network: Sequential, learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8) {
    self.learningRate = learningRate; self.beta1 = beta1; self.beta2 = beta2; self.epsilon = epsilon
    var k: [ObjectIdentifier: String] = [:]
    for (key, p) in network.namedParameters { k[ObjectIdentifier(p)] = key }
    keys = k
  }

  public func step(_ parameters: [Parameter]) {
    stepCount += 1
    let t = Double(stepCount)
    let b1 = beta1, b2 = beta2, eps = epsilon, lr = learningRate
    let c1 = Float(1 / (1 - pow(Double(b1), t))), c2 = Float(1 / (1 - pow(Double(b2), t)))
    for p in parameters where p.trainable {
      let key = keys[ObjectIdentifier(p)] ?? p.name
      var mm = m.removeValue(forKey: key) ?? [Float](repeating: 0, count: p.count)
      var vv = v.removeValue(forKey: key) ?? [Float](repeating: 0, count: p.count)
      let th = p.value.pointer, g = p.gradient.pointer
      mm.withUnsafeMutableBufferPointer { mp in
        vv.withUnsafeMutableBufferPointer { vp in
          for i in 0..<p.count {
            let gi = g[i]
            mp[i] = b1 * mp[i] + (1 - b1) * gi
            vp[i] = b2 * vp[i] + (1 - b2) * gi * gi
            th[i] -= lr * (mp[i] * c1) / ((vp[i] * c2).squareRoot() + eps)
          }
        }
      }
      m[key] = mm; v[key] = vv
    }
  }

  /// The optimizer state: step count and first/second moments by parameter key.
  public struct State: Sendable, Equatable {
    public var stepCount: Int
    public var m: [String: [Float]]
    public var v: [String: [Float]]
    public init(stepCount: Int, m: [String: [Float]], v: [String: [Float]]) { self.stepCount = stepCount; self.m = m; self.v = v }
  }
  public var state: State { State(stepCount: stepCount, m: m, v: v) }
  public func restore(_ s: State) { stepCount = s.stepCount; m = s.m; v = s.v }
}
