// galmorph — NeuralNet
//
// Exportable optimizer state, so a checkpoint can resume training bit-identically.

extension SGD {
  /// SGD's state: the step count and the momentum buffer v of every trainable parameter, keyed by its path.
  public struct State: Sendable, Equatable {
    public var stepCount: Int
    public var velocity: [String: [Float]]
    public init(stepCount: Int, velocity: [String: [Float]]) { self.stepCount = stepCount; self.velocity = velocity }
  }

  /// A copy of the state for the parameters of `network`.
  public func state(of network: Sequential) -> State {
    State(stepCount: stepCount, velocity: velocities.export(slot: 0, of: network))
  }

  /// Replaces the state (see ``Adam/restore(_:into:)``; same validation and errors).
  public func restore(_ state: State, into network: Sequential) throws {
    guard state.stepCount >= 0 else {
      throw NeuralNetError.optimizerState(key: "step_count", reason: "negative step count \(state.stepCount)")
    }
    try velocities.restore([state.velocity], into: network)
    stepCount = state.stepCount
  }
}
