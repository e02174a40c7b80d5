// galmorph — NeuralNet
//
// The declarative, Codable description of a sequential network.

import Foundation
import GalmorphSupport

/// A sequential network described as data (JSON), from which ``Sequential`` builds its layers.
///
/// JSON form (keys snake_case; each layer is a one-key object naming its kind; every option has a default):
/// ```json
/// {"input_shape": [64, 64, 3],
///  "layers": [{"conv2d": {"filters": 32, "kernel": 5, "padding": "same"}}, {"relu": {}},
///             {"max_pool2d": {"pool": 2}}, {"flatten": {}}, {"dense": {"units": 2}}]}
/// ```
/// Input shapes are per example, NHWC without the batch axis. Layer names default to kind-based paths
/// ("conv1", "pool2", "dense1", …) and key the parameters ("conv1/kernel").
public struct Architecture: Codable, Sendable, Equatable {
  /// Per-example input shape `[H, W, C]` (or `[features]` for a dense-only network).
  public var inputShape: [Int]
  public var layers: [LayerSpec]

  public init(inputShape: [Int], layers: [LayerSpec]) {
    self.inputShape = inputShape; self.layers = layers
  }

  enum CodingKeys: String, CodingKey { case inputShape = "input_shape", layers }

  /// Decodes an architecture from JSON; `source` names the origin in error messages.
  public static func decode(json: Data, source: String = "architecture") throws -> Architecture {
    do { return try JSONDecoder().decode(Architecture.self, from: json) } catch {
      throw NeuralNetError.decoding(source: source, reason: "\(error)")
    }
  }

  /// Canonical JSON (sorted keys) of this architecture.
  public func jsonData() -> Data {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys]
    // Encoding plain structs of Ints/Strings/Floats cannot fail.
    return (try? e.encode(self)) ?? Data()
  }
}

/// Padding rule of a convolution.
public enum Padding: String, Codable, Sendable { case valid, same }

/// One layer of an ``Architecture``.
public enum LayerSpec: Codable, Sendable, Equatable {
  /// Convolution: `filters`, square `kernel`, `stride` (1), `padding` ("valid"), `use_bias` (true),
  /// `initializer` ("glorot_uniform").
  case conv2d(Conv2DSpec)
  /// Max pooling `pool`×`pool`, `stride` (= pool).
  case maxPool2d(PoolSpec)
  /// Average pooling `pool`×`pool`, `stride` (= pool).
  case avgPool2d(PoolSpec)
  case globalAvgPool(NameSpec)
  /// Fully connected: `units`, `use_bias` (true), `initializer` ("glorot_uniform").
  case dense(DenseSpec)
  case relu(NameSpec)
  /// `alpha` (0.01).
  case leakyRelu(LeakyReLUSpec)
  case sigmoid(NameSpec)
  case softmax(NameSpec)
  /// `rate` (0.5).
  case dropout(DropoutSpec)
  /// `momentum` (0.1, PyTorch convention), `epsilon` (1e-5).
  case batchNorm(BatchNormSpec)
  case flatten(NameSpec)

  /// The JSON keyword of each kind.
  public var keyword: String {
    switch self {
    case .conv2d: "conv2d"
    case .maxPool2d: "max_pool2d"
    case .avgPool2d: "avg_pool2d"
    case .globalAvgPool: "global_avg_pool"
    case .dense: "dense"
    case .relu: "relu"
    case .leakyRelu: "leaky_relu"
    case .sigmoid: "sigmoid"
    case .softmax: "softmax"
    case .dropout: "dropout"
    case .batchNorm: "batch_norm"
    case .flatten: "flatten"
    }
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: StringCodingKey.self)
    guard c.allKeys.count == 1, let key = c.allKeys.first else {
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: c.codingPath,
          debugDescription:
            "a layer must be an object with exactly one key (its kind), got \(c.allKeys.map(\.stringValue))"))
    }
    switch key.stringValue {
    case "conv2d": self = .conv2d(try c.decode(Conv2DSpec.self, forKey: key))
    case "max_pool2d": self = .maxPool2d(try c.decode(PoolSpec.self, forKey: key))
    case "avg_pool2d": self = .avgPool2d(try c.decode(PoolSpec.self, forKey: key))
    case "global_avg_pool": self = .globalAvgPool(try c.decode(NameSpec.self, forKey: key))
    case "dense": self = .dense(try c.decode(DenseSpec.self, forKey: key))
    case "relu": self = .relu(try c.decode(NameSpec.self, forKey: key))
    case "leaky_relu": self = .leakyRelu(try c.decode(LeakyReLUSpec.self, forKey: key))
    case "sigmoid": self = .sigmoid(try c.decode(NameSpec.self, forKey: key))
    case "softmax": self = .softmax(try c.decode(NameSpec.self, forKey: key))
    case "dropout": self = .dropout(try c.decode(DropoutSpec.self, forKey: key))
    case "batch_norm": self = .batchNorm(try c.decode(BatchNormSpec.self, forKey: key))
    case "flatten": self = .flatten(try c.decode(NameSpec.self, forKey: key))
    default:
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: c.codingPath + [key],
          debugDescription:
            "unknown layer kind '\(key.stringValue)'; known: conv2d, max_pool2d, avg_pool2d, global_avg_pool, dense, relu, leaky_relu, sigmoid, softmax, dropout, batch_norm, flatten"
        ))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: StringCodingKey.self)
    let k = StringCodingKey(keyword)
    switch self {
    case let .conv2d(s): try c.encode(s, forKey: k)
    case let .maxPool2d(s), let .avgPool2d(s): try c.encode(s, forKey: k)
    case let .globalAvgPool(s), let .relu(s), let .sigmoid(s), let .softmax(s), let .flatten(s):
      try c.encode(s, forKey: k)
    case let .dense(s): try c.encode(s, forKey: k)
    case let .leakyRelu(s): try c.encode(s, forKey: k)
    case let .dropout(s): try c.encode(s, forKey: k)
    case let .batchNorm(s): try c.encode(s, forKey: k)
    }
  }
}
