// galmorph — NeuralNet

/// Errors raised by the network engine for bad architectures, parameter sets or inputs.
public enum NeuralNetError: Error, CustomStringConvertible, Equatable {
  /// The architecture description is invalid (unknown layer, impossible shape, bad option).
  case invalidArchitecture(layer: String, reason: String)
  /// A parameter set does not fit the architecture.
  case parameterMismatch(key: String, reason: String)
  /// An input tensor does not have the shape the model expects.
  case inputShape(expected: [Int], got: [Int])
  /// Targets or weights do not match the batch: `what` is "targets" or "weights".
  case labelCount(what: String, expected: Int, got: Int)
  /// The architecture JSON could not be decoded.
  case decoding(source: String, reason: String)
  /// A model file is missing, unreadable, not a model file, or holds weights that do not fit its architecture.
  case modelFile(path: String, reason: String)
  /// A model file's weights (keys, shapes) do not fit the architecture stored in it.
  case weightsMismatch(path: String, reason: String)
  /// A model file holds another architecture than the one asked for; `differences` says what differs.
  case architectureMismatch(path: String, differences: [String])
  /// Optimizer state (from a checkpoint) does not fit the network: unknown key or wrong element count.
  case optimizerState(key: String, reason: String)

  public var description: String {
    switch self {
    case let .invalidArchitecture(layer, reason):
      return "invalid architecture at layer '\(layer)': \(reason); fix the architecture description"
    case let .parameterMismatch(key, reason):
      return "parameter '\(key)': \(reason); load parameters saved from a model with the same architecture"
    case let .inputShape(expected, got):
      return "input has shape \(got) but the model expects [batch] + \(expected); resize or crop the images"
    case let .labelCount(what, expected, got):
      return "\(got) \(what) given but the batch needs \(expected); pass one per example (times outputs for targets)"
    case let .decoding(source, reason):
      return "\(source): cannot decode architecture: \(reason)"
    case let .modelFile(path, reason):
      return "\(path): \(reason)"
    case let .weightsMismatch(path, reason):
      return "\(path): the weights do not fit the architecture stored in the file: \(reason); the file is damaged or "
        + "was edited, re-save it from the training run"
    case let .architectureMismatch(path, differences):
      return "\(path): the model file holds another architecture than expected: "
        + differences.joined(separator: "; ") + "; use a model trained with this architecture (or retrain)"
    case let .optimizerState(key, reason):
      return "optimizer state for '\(key)': \(reason); resume only from a checkpoint of the same architecture"
    }
  }
}
