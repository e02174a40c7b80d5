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
    }
  }
}
