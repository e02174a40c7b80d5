// galmorph — MorphologyClassifier
//
// Model files: one HDF5 file holding weights and JSON metadata.
import Foundation
import GalmorphSupport
import HDF5IO
import NeuralNet

extension ClassifierModel {
  /// Value of the root attribute `galmorph_model` that marks a classifier model file.
  public static let fileKind = "galmorph-morphology-classifier"
  /// Version of the file layout below.
  public static let fileFormatVersion = 1

  /// Writes the model to one HDF5 file, atomically (temporary name + rename; `HDF5File.create`).
  ///
  /// Layout: every parameter as a float32 dataset `weights/<layer>/<name>` (e.g. `weights/conv1/kernel`, shape as
  /// in NeuralNet: conv kernels `[kh, kw, Cin, Cout]`); root attributes (UTF-8 strings): `galmorph_model` (kind),
  /// `format_version`, `network` (NeuralNet `ModelMetadata` JSON: architecture + input normalisation),
  /// `preprocessing` (``PreprocessingRecipe`` JSON), `class_names` (JSON array), `threshold`, `temperature` (""
  /// when none), `provenance` (``Provenance`` JSON, "" when none) and `training_summary` (JSON object).
  /// Returns the SHA-256 of the written file (the model hash).
  @discardableResult
  public func write(to url: URL) throws -> String {
    let params = network.parameters()
    var tensors: [String: HDF5Tensor] = [:]
    for (k, p) in params { tensors[k] = HDF5Tensor(shape: p.shape, values: p.values) }
    let enc = JSONEncoder()
    enc.outputFormatting = [.sortedKeys]
    let recipeJSON = String(decoding: try enc.encode(recipe), as: UTF8.self)
    let classesJSON = String(decoding: try enc.encode(classNames), as: UTF8.self)
    let summaryJSON = String(decoding: try enc.encode(trainingSummary), as: UTF8.self)
    let provJSON = try provenance.map { String(decoding: try $0.jsonData(), as: UTF8.self) } ?? ""
    let networkJSON = String(decoding: network.metadata.jsonData(), as: UTF8.self)
    try HDF5File.create(at: url) { file in
      try file.writeTensors(tensors, under: "weights")
      let a = file.attributes
      try a.write("galmorph_model", string: Self.fileKind)
      try a.write("format_version", string: String(Self.fileFormatVersion))
      try a.write("network", string: networkJSON)
      try a.write("preprocessing", string: recipeJSON)
      try a.write("class_names", string: classesJSON)
      try a.write("threshold", string: String(threshold))
      try a.write("temperature", string: temperature.map { String($0) } ?? "")
      try a.write("provenance", string: provJSON)
      try a.write("training_summary", string: summaryJSON)
    }
    return try Checksum.sha256(fileAt: url)
  }

  /// Reads a model file written by ``write(to:)``. Weights come back bit-identical (float32 stored and read
  /// without conversion).
  ///
  /// - Parameter expectedRecipe: when given, a model whose crop size, input size or channel count differ is
  ///   refused with `ClassifierError.modelMismatch` naming the file.
  /// - Parameter expectedArchitecture: when given, a model with another architecture is refused likewise.
  /// - Throws: `ClassifierError.invalidInput` (missing file, not a galmorph model, corrupt metadata) and
  ///   `.modelMismatch` (weights that do not fit the stored architecture, or the expectations above).
  public static func load(from url: URL, expectedRecipe: PreprocessingRecipe? = nil,
                          expectedArchitecture: Architecture? = nil) throws -> ClassifierModel {
    let path = url.path
    guard FileManager.default.fileExists(atPath: path) else {
      throw ClassifierError.invalidInput(path: path, reason: "model file not found; train one with `galmorph train` or pass --model FILE")
    }
    let file: HDF5File
    do { file = try HDF5File(url: url) } catch {
      throw ClassifierError.invalidInput(path: path, reason: "not a readable HDF5 model file (\(error))")
    }
    defer { file.close() }
    let a = file.attributes
    func attr(_ name: String) throws -> String {
      guard a.contains(name) else {
        throw ClassifierError.invalidInput(path: path, reason: "missing root attribute '\(name)'; not a galmorph model file")
      }
      do { return try a.string(name) } catch {
        throw ClassifierError.invalidInput(path: path, reason: "attribute '\(name)' unreadable (\(error))")
      }
    }
    guard try attr("galmorph_model") == fileKind else {
      throw ClassifierError.invalidInput(path: path, reason: "attribute galmorph_model is not '\(fileKind)'")
    }
    guard let version = Int(try attr("format_version")), version <= fileFormatVersion else {
      throw ClassifierError.invalidInput(path: path,
        reason: "model file format is newer than this galmorph supports (\(fileFormatVersion)); upgrade galmorph")
    }
    func decode<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
      do { return try JSONDecoder().decode(T.self, from: Data(try attr(name).utf8)) } catch let e as ClassifierError {
        throw e
      } catch {
        throw ClassifierError.invalidInput(path: path, reason: "attribute '\(name)' is not valid JSON for \(T.self): \(error)")
      }
    }
    let metadata: ModelMetadata
    do { metadata = try ModelMetadata.decode(json: Data(try attr("network").utf8), source: path) } catch let e as ClassifierError {
      throw e
    } catch { throw ClassifierError.invalidInput(path: path, reason: "\(error)") }
    let recipe = try decode(PreprocessingRecipe.self, "preprocessing")
    let classNames = try decode([String].self, "class_names")
    let summary = try decode([String: String].self, "training_summary")
    let provText = try attr("provenance")
    let provenance = provText.isEmpty ? nil : try decode(Provenance.self, "provenance")
    let tText = try attr("temperature")
    guard let threshold = Double(try attr("threshold")) else {
      throw ClassifierError.invalidInput(path: path, reason: "attribute 'threshold' is not a number")
    }
    if let r = expectedRecipe, r.inputSize != recipe.inputSize || r.cropSize != recipe.cropSize || r.channels != recipe.channels {
      throw ClassifierError.modelMismatch(path: path, reason:
        "the model expects \(recipe.cropSize)-px crops resized to \(recipe.inputSize)×\(recipe.inputSize)×\(recipe.channels), "
        + "but \(r.cropSize)-px crops at \(r.inputSize)×\(r.inputSize)×\(r.channels) were asked for; use a model trained for this input")
    }
    if let arch = expectedArchitecture, arch != metadata.architecture {
      throw ClassifierError.modelMismatch(path: path, reason:
        "architecture differs from the expected one (input \(metadata.architecture.inputShape), \(metadata.architecture.layers.count) layers "
        + "vs input \(arch.inputShape), \(arch.layers.count) layers)")
    }
    guard metadata.architecture.inputShape == [recipe.inputSize, recipe.inputSize, recipe.channels] else {
      throw ClassifierError.modelMismatch(path: path, reason:
        "network input \(metadata.architecture.inputShape) does not match preprocessing \(recipe.inputSize)×\(recipe.inputSize)×\(recipe.channels)")
    }
    let tensors: [String: HDF5Tensor]
    do { tensors = try file.readTensors(under: "weights") } catch {
      throw ClassifierError.invalidInput(path: path, reason: "weights unreadable: \(error)")
    }
    var params: [String: (shape: [Int], values: [Float])] = [:]
    for (k, t) in tensors { params[k] = (shape: t.shape, values: t.values) }
    let network: Sequential
    do { network = try Sequential(metadata: metadata, parameters: params) } catch {
      throw ClassifierError.modelMismatch(path: path, reason: "weights do not fit the stored architecture: \(error)")
    }
    let width = network.outputShape.reduce(1, *)
    guard width == 1 || width == 2 else {
      throw ClassifierError.modelMismatch(path: path, reason: "network has \(width) outputs; a binary classifier needs 1 or 2")
    }
    return ClassifierModel(network: network, recipe: recipe, classNames: classNames, threshold: threshold,
                           temperature: tText.isEmpty ? nil : Double(tText), provenance: provenance,
                           trainingSummary: summary)
  }
}
