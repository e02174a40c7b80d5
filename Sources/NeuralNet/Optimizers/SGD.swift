// galmorph — NeuralNet

/// Stochastic gradient descent with (heavy-ball) momentum and L2 weight decay, in PyTorch's formulation:
///
/// `g ← ∇ + λ·θ`, `v ← μ·v + g`, `θ ← θ − η·v` (Polyak 1964; Sutskever et al. 2013). Defaults μ = 0.9, λ = 0.
public final class SGD: Optimizer {
  public var learningRate: Float
  public let momentum: Float
  public let weightDecay: Float
  public internal(set) var stepCount = 0
  let velocities = OptimizerState(perParameter: 1)

  public init(learningRate: Float, momentum: Float = 0.9, weightDecay: Float = 0) {
    self.learningRate = learningRate; self.momentum = momentum; self.weightDecay = weightDecay
  }

  public func step(_ parameters: [Parameter]) {
    stepCount += 1
    let lr = learningRate, mu = momentum, wd = weightDecay
    for p in parameters where p.trainable {
      let v = velocities.buffers(for: p)[0].pointer, th = p.value.pointer, g = p.gradient.pointer
      forEachElement(p.count) { r in
        for i in r {
          let gi = g[i] + wd * th[i]
          v[i] = mu * v[i] + gi
          th[i] -= lr * v[i]
        }
      }
    }
  }
}
