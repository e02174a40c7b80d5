// galmorph — NeuralNet
//
// Everything about a model except its weights, as one Codable value: the seam for model files.

import Foundation

/// The non-weight part of a saved model: architecture, input normalisation and a format version.
///
/// A model file (``ModelFile``, HDF5) stores this as JSON text (root attribute `network`) beside one float32
/// dataset per key of ``Sequential/parameters()``; ``Sequential/init(metadata:parameters:)`` rebuilds the model and validates the
/// weights against the architecture.
public struct ModelMetadata: Codable, Sendable, Equatable {
  /// Version of this metadata layout; bump when fields change meaning.
  public static let currentFormatVersion = 1
  public var formatVersion: Int
  public var architecture: Architecture
  public var normalization: InputNormalization?

  public init(
    architecture: Architecture, normalization: InputNormalization?,
    formatVersion: Int = ModelMetadata.currentFormatVersion
  ) {
    self.architecture = architecture; self.normalization = normalization; self.formatVersion = formatVersion
  }

  enum CodingKeys: String, CodingKey { case formatVersion = "format_version", architecture, normalization }

  /// Canonical JSON (sorted keys).
  public func jsonData() -> Data {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys]
    return (try? e.encode(self)) ?? Data()
  }

  /// Decodes metadata JSON; `source` (a file name) appears in error messages. Refuses newer format versions.
  public static func decode(json: Data, source: String) throws -> ModelMetadata {
    let m: ModelMetadata
    do { m = try JSONDecoder().decode(ModelMetadata.self, from: json) } catch {
      throw NeuralNetError.decoding(source: source, reason: "\(error)")
    }
    guard m.formatVersion <= currentFormatVersion else {
      throw NeuralNetError.decoding(
        source: source,
        reason:
          "model format version \(m.formatVersion) is newer than this galmorph supports (\(currentFormatVersion)); upgrade galmorph"
      )
    }
    return m
  }
}

extension Sequential {
  /// Architecture and normalisation of this model.
  public var metadata: ModelMetadata { ModelMetadata(architecture: architecture, normalization: normalization) }

  /// Rebuilds a saved model: the architecture from `metadata`, then ``load(parameters:)`` (which throws on any
  /// key or shape mismatch).
  public convenience init(metadata: ModelMetadata, parameters: [String: (shape: [Int], values: [Float])]) throws {
    try self.init(architecture: metadata.architecture)
    try load(parameters: parameters)
    normalization = metadata.normalization
  }
}
