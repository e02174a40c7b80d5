// galmorph — MorphologyClassifier
//
// Model files: one HDF5 file holding weights and JSON metadata.
import Foundation
import GalmorphSupport
import NeuralNet

extension ClassifierModel {
  /// Value of the root attribute `galmorph_model` that marks a classifier model file.
  public static let fileKind = "galmorph-morphology-classifier"
  /// Version of the file layout below: 1 for one network, 2 for an ensemble (a galmorph that reads only version 1
  /// would silently use the first member, so it is refused there instead).
  public static let fileFormatVersion = 2

  /// Writes the model to one HDF5 file, atomically (temporary name + rename), through NeuralNet's `ModelFile`.
  ///
  /// Layout (`ModelFile`'s, plus the classifier's own root attributes): every parameter as a float32 dataset
  /// `weights/<layer>/<name>` (e.g. `weights/conv1/kernel`, shape as in NeuralNet: conv kernels
  /// `[kh, kw, Cin, Cout]`); root attributes (UTF-8 strings): `galmorph_model` (kind),
  /// `format_version`, `network` (NeuralNet `ModelMetadata` JSON: architecture + input normalisation),
  /// `preprocessing` (``PreprocessingRecipe`` JSON), `class_names` (JSON array), `threshold`, `temperature` (""
  /// when none), `provenance` (``Provenance`` JSON, "" when none) and `training_summary` (JSON object); for an
  /// ensemble, `ensemble_size` and the further networks as `members/<k>/<layer>/<name>` (k = 1 …).
  /// Returns the SHA-256 of the written file (the model hash).
  @discardableResult
  public func write(to url: URL) throws -> String {
    let enc = JSONEncoder()
    enc.outputFormatting = [.sortedKeys]
    var attributes: [String: String] = [
      "galmorph_model": Self.fileKind,
      "format_version": members.isEmpty ? "1" : String(Self.fileFormatVersion),
      "preprocessing": String(decoding: try enc.encode(recipe), as: UTF8.self),
      "class_names": String(decoding: try enc.encode(classNames), as: UTF8.self),
      "threshold": String(threshold),
      "temperature": temperature.map { String($0) } ?? "",
      "training_summary": String(decoding: try enc.encode(trainingSummary), as: UTF8.self),
    ]
    if !members.isEmpty { attributes["ensemble_size"] = String(ensembleSize) }
    return try ModelFile(network: network, provenance: provenance, attributes: attributes, members: members).write(
      to: url)
  }

  /// Reads a model file written by ``write(to:)`` (through NeuralNet's `ModelFile`). Weights come back
  /// bit-identical (float32 stored and read without conversion).
  ///
  /// - Parameter expectedRecipe: when given, a model whose crop size, input size or channel count differ is
  ///   refused with `ClassifierError.modelMismatch` naming the file.
  /// - Parameter expectedArchitecture: when given, a model with another architecture is refused likewise (the
  ///   message lists what differs).
  /// - Throws: `ClassifierError.invalidInput` (missing file, not a galmorph model, corrupt metadata) and
  ///   `.modelMismatch` (weights that do not fit the stored architecture, or the expectations above).
  public static func load(
    from url: URL, expectedRecipe: PreprocessingRecipe? = nil,
    expectedArchitecture: Architecture? = nil
  ) throws -> ClassifierModel {
    let path = url.path
    guard FileManager.default.fileExists(atPath: path) else {
      throw ClassifierError.invalidInput(
        path: path, reason: "model file not found; train one with `galmorph train` or pass --model FILE")
    }
    let stored: ModelFile
    do { stored = try ModelFile.read(from: url, expectedArchitecture: expectedArchitecture) } catch let e
      as NeuralNetError
    {
      switch e {
      case let .architectureMismatch(_, differences):
        throw ClassifierError.modelMismatch(
          path: path,
          reason: "architecture differs from the expected one: "
            + differences.joined(separator: "; "))
      case let .weightsMismatch(_, reason):
        throw ClassifierError.modelMismatch(path: path, reason: "weights do not fit the stored architecture: \(reason)")
      case let .modelFile(_, reason), let .decoding(_, reason):
        throw ClassifierError.invalidInput(path: path, reason: reason)
      default:
        throw ClassifierError.invalidInput(path: path, reason: "\(e)")
      }
    }
    let a = stored.attributes
    func attr(_ name: String) throws -> String {
      guard let value = a[name] else {
        throw ClassifierError.invalidInput(
          path: path, reason: "missing root string attribute '\(name)'; not a galmorph model file")
      }
      return value
    }
    guard try attr("galmorph_model") == fileKind else {
      throw ClassifierError.invalidInput(path: path, reason: "attribute galmorph_model is not '\(fileKind)'")
    }
    guard let version = Int(try attr("format_version")), version <= fileFormatVersion else {
      throw ClassifierError.invalidInput(
        path: path,
        reason: "model file format is newer than this galmorph supports (\(fileFormatVersion)); upgrade galmorph")
    }
    func decode<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
      let text = try attr(name)
      do { return try JSONDecoder().decode(T.self, from: Data(text.utf8)) } catch {
        throw ClassifierError.invalidInput(
          path: path, reason: "attribute '\(name)' is not valid JSON for \(T.self): \(error)")
      }
    }
    let recipe = try decode(PreprocessingRecipe.self, "preprocessing")
    let classNames = try decode([String].self, "class_names")
    let summary = try decode([String: String].self, "training_summary")
    let tText = try attr("temperature")
    guard let threshold = Double(try attr("threshold")) else {
      throw ClassifierError.invalidInput(path: path, reason: "attribute 'threshold' is not a number")
    }
    if let r = expectedRecipe,
      r.inputSize != recipe.inputSize || r.cropSize != recipe.cropSize || r.channels != recipe.channels
    {
      throw ClassifierError.modelMismatch(
        path: path,
        reason:
          "the model expects \(recipe.cropSize)-px crops resized to \(recipe.inputSize)×\(recipe.inputSize)×\(recipe.channels), "
          + "but \(r.cropSize)-px crops at \(r.inputSize)×\(r.inputSize)×\(r.channels) were asked for; use a model trained for this input"
      )
    }
    let network = stored.network
    guard network.inputShape == [recipe.inputSize, recipe.inputSize, recipe.channels] else {
      throw ClassifierError.modelMismatch(
        path: path,
        reason:
          "network input \(network.inputShape) does not match preprocessing \(recipe.inputSize)×\(recipe.inputSize)×\(recipe.channels)"
      )
    }
    let width = network.outputShape.reduce(1, *)
    guard width == 1 || width == 2 else {
      throw ClassifierError.modelMismatch(
        path: path, reason: "network has \(width) outputs; a binary classifier needs 1 or 2")
    }
    if let size = a["ensemble_size"], Int(size) != 1 + stored.members.count {
      throw ClassifierError.invalidInput(
        path: path,
        reason:
          "attribute ensemble_size is \(size) but the file holds \(1 + stored.members.count) networks; the file is damaged"
      )
    }
    return ClassifierModel(
      network: network, recipe: recipe, classNames: classNames, threshold: threshold,
      temperature: tText.isEmpty ? nil : Double(tText), provenance: stored.provenance,
      trainingSummary: summary, members: stored.members)
  }
}
