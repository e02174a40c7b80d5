// galmorph — NeuralNet

import Foundation

/// The learning rate as a function of the 0-based step (or epoch) index.
public protocol LearningRateSchedule: Sendable {
  func learningRate(at step: Int) -> Float
}

/// Step decay: `η_t = η₀ · γ^⌊t / stepSize⌋` (PyTorch `StepLR`; default γ = 0.1).
public struct StepDecay: LearningRateSchedule {
  public var initial: Float, stepSize: Int, gamma: Float
  public init(initial: Float, stepSize: Int, gamma: Float = 0.1) {
    precondition(stepSize > 0, "StepDecay needs stepSize > 0")
    self.initial = initial; self.stepSize = stepSize; self.gamma = gamma
  }
  public func learningRate(at step: Int) -> Float {
    initial * Float(pow(Double(gamma), Double(step / stepSize)))
  }
}

/// Cosine annealing (Loshchilov & Hutter 2017, SGDR without restarts; PyTorch `CosineAnnealingLR`) with optional
/// linear warm-up: `η_t = η_min + (η₀ − η_min)(1 + cos(π·(t−w)/(T−w)))/2` for w ≤ t ≤ T, `η₀·(t+1)/w` for t < w,
/// and `η_min` after T.
public struct CosineDecay: LearningRateSchedule {
  public var initial: Float, minimum: Float, totalSteps: Int, warmupSteps: Int
  public init(initial: Float, totalSteps: Int, minimum: Float = 0, warmupSteps: Int = 0) {
    precondition(totalSteps > warmupSteps && warmupSteps >= 0, "CosineDecay needs totalSteps > warmupSteps ≥ 0")
    self.initial = initial; self.totalSteps = totalSteps; self.minimum = minimum; self.warmupSteps = warmupSteps
  }
  public func learningRate(at step: Int) -> Float {
    if step < warmupSteps { return initial * Float(step + 1) / Float(warmupSteps) }
    if step >= totalSteps { return minimum }
    let f = Double(step - warmupSteps) / Double(totalSteps - warmupSteps)
    return minimum + (initial - minimum) * Float((1 + cos(Double.pi * f)) / 2)
  }
}
