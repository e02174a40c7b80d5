// galmorph — NeuralNet
//
// Format-independent persistence: parameters as named arrays, plus architecture and normalisation metadata.

import Foundation

/// Per-channel input normalisation `x' = (x − mean[c]) / std[c]` a model was trained with (metadata to persist
/// beside the weights so inference preprocesses identically).
public struct InputNormalization: Codable, Sendable, Equatable {
  public var mean: [Float]
  public var std: [Float]
  public init(mean: [Float], std: [Float]) { self.mean = mean; self.std = std }

  /// Applies the normalisation in place to NHWC values whose last axis has `mean.count` channels.
  public func apply(to values: inout [Float]) {
    let c = mean.count
    precondition(c == std.count && c > 0 && values.count % c == 0, "InputNormalization: channel count mismatch")
    for i in values.indices { values[i] = (values[i] - mean[i % c]) / std[i % c] }
  }
}

extension Sequential {
  /// All parameters (trainable and persisted statistics) keyed by "layer/name", with shape and values (copies).
  public func parameters() -> [String: (shape: [Int], values: [Float])] {
    var d: [String: (shape: [Int], values: [Float])] = [:]
    for (k, p) in namedParameters { d[k] = (shape: p.shape, values: p.values) }
    return d
  }

  /// Replaces every parameter. Throws ``NeuralNetError/parameterMismatch(key:reason:)`` — before changing
  /// anything — when a key is missing or unexpected, or a shape or value count differs from the architecture.
  public func load(parameters: [String: (shape: [Int], values: [Float])]) throws {
    let mine = namedParameters
    let expected = Set(mine.map(\.key))
    if let extra = parameters.keys.sorted().first(where: { !expected.contains($0) }) {
      throw NeuralNetError.parameterMismatch(
        key: extra,
        reason: "not in this architecture (expected keys: \(expected.sorted().joined(separator: ", ")))")
    }
    for (k, p) in mine {
      guard let given = parameters[k] else {
        throw NeuralNetError.parameterMismatch(key: k, reason: "missing from the parameter set")
      }
      guard given.shape == p.shape else {
        throw NeuralNetError.parameterMismatch(
          key: k, reason: "shape \(given.shape) but the architecture needs \(p.shape)")
      }
      guard given.values.count == p.count else {
        throw NeuralNetError.parameterMismatch(
          key: k,
          reason: "\(given.values.count) values for shape \(p.shape) (\(p.count) elements)")
      }
    }
    for (k, p) in mine { p.setValues(parameters[k]!.values) }
  }

  /// The architecture as canonical JSON.
  public func architectureJSON() -> Data { architecture.jsonData() }

  /// A fresh model with the same architecture and a copy of this model's parameters and normalisation.
  public func copy() throws -> Sequential {
    let m = try Sequential(architecture: architecture)
    try m.load(parameters: parameters())
    m.normalization = normalization
    return m
  }
}
