// galmorph — NeuralNet
//
// Exportable optimizer state, so a checkpoint can resume training bit-identically.

extension Adam {
  /// Adam's state: the step count t and the first and second moments m, v of every trainable parameter, keyed by
  /// its path in the network ("conv1/kernel"). Parameters not yet stepped have no entry.
  public struct State: Sendable, Equatable {
    public var stepCount: Int
    public var m: [String: [Float]]
    public var v: [String: [Float]]
    public init(stepCount: Int, m: [String: [Float]], v: [String: [Float]]) {
      self.stepCount = stepCount; self.m = m; self.v = v
    }
  }

  /// A copy of the state for the parameters of `network` (the network this optimizer steps).
  public func state(of network: Sequential) -> State {
    State(stepCount: stepCount, m: moments.export(slot: 0, of: network), v: moments.export(slot: 1, of: network))
  }

  /// Replaces the state by `state` for the parameters of `network`: the next ``step(_:)`` continues exactly as the
  /// optimizer that exported it would have (bit-identical). Parameters without an entry start from zero moments.
  /// Throws ``NeuralNetError/optimizerState(key:reason:)`` — before changing anything — for a key that is not a
  /// trainable parameter of `network` or a moment of the wrong length, and for a negative step count.
  public func restore(_ state: State, into network: Sequential) throws {
    guard state.stepCount >= 0 else {
      throw NeuralNetError.optimizerState(key: "step_count", reason: "negative step count \(state.stepCount)")
    }
    try moments.restore([state.m, state.v], into: network)
    stepCount = state.stepCount
  }
}
