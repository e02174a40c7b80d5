// galmorph — NeuralNet
//
// Reading HDF5 model files back, with every failure reported against the file.

import Foundation
import GalmorphSupport
import HDF5IO

extension ModelFile {
  /// Reads a model file written by ``write(to:)`` (or by any tool following that layout, e.g. h5py).
  ///
  /// Weights come back bit-identical (float32 stored and read without conversion). Root string attributes other
  /// than `network` and `provenance` are returned in ``attributes``; attributes of other types are ignored.
  ///
  /// - Parameter expectedArchitecture: when given, a file holding any other architecture is refused with
  ///   ``NeuralNetError/architectureMismatch(path:differences:)``, which lists what differs (input shape, layer
  ///   count, the first differing layers), before any weight is read.
  /// - Throws: ``NeuralNetError/modelFile(path:reason:)`` for a missing, truncated, corrupt or foreign file, a
  ///   weight dataset that is not float32 or unreadable; ``NeuralNetError/weightsMismatch(path:reason:)`` for
  ///   weights (keys, shapes) that do not fit the stored architecture;
  ///   ``NeuralNetError/decoding(source:reason:)`` for unreadable or too new `network` metadata.
  public static func read(from url: URL, expectedArchitecture: Architecture? = nil) throws -> ModelFile {
    let path = url.path
    guard FileManager.default.fileExists(atPath: path) else {
      throw NeuralNetError.modelFile(path: path, reason: "no such file; check the path or train a model first")
    }
    let file: HDF5File
    do { file = try HDF5File(url: url) } catch {
      throw NeuralNetError.modelFile(path: path, reason: "not a readable HDF5 model file (\(error))")
    }
    defer { file.close() }
    let attrs = file.attributes
    func string(_ name: String) throws -> String {
      do { return try attrs.string(name) } catch {
        throw NeuralNetError.modelFile(path: path, reason: "root attribute '\(name)' is unreadable (\(error))")
      }
    }
    // The attribute table is listed before any value is read: on a corrupt file whose table cannot be listed (which
    // the executable's child walk also meets), libhdf5 1.10.8 can loop forever reading a value found by name
    // (`H5HG_read` on a corrupt global heap; a `make fuzz` hdf5-model finding).
    let names: [String]
    do { names = try attrs.names() } catch {
      throw NeuralNetError.modelFile(path: path, reason: "root attributes unreadable (\(error))")
    }
    guard names.contains(networkAttribute) else {
      throw NeuralNetError.modelFile(
        path: path,
        reason:
          "no root attribute '\(networkAttribute)'; not a galmorph model file (write one with ModelFile.write or `galmorph train`)"
      )
    }
    let metadata = try ModelMetadata.decode(json: Data(try string(networkAttribute).utf8), source: path)
    if let expected = expectedArchitecture, expected != metadata.architecture {
      let differences = metadata.architecture.differences(from: expected)
      throw NeuralNetError.architectureMismatch(
        path: path,
        differences: differences.isEmpty ? ["layer options differ (compare the 'network' attribute)"] : differences)
    }
    var provenance: Provenance?
    if names.contains(provenanceAttribute) {
      let text = try string(provenanceAttribute)
      if !text.isEmpty {
        do { provenance = try JSONCoding.decoder().decode(Provenance.self, from: Data(text.utf8)) } catch {
          throw NeuralNetError.modelFile(
            path: path, reason: "root attribute 'provenance' is not provenance JSON: \(error)")
        }
      }
    }
    var extra: [String: String] = [:]
    for name in names where name != networkAttribute && name != provenanceAttribute {
      guard let info = try? attrs.info(name), info.type.isString, info.shape == nil || info.shape == [] else {
        continue
      }
      extra[name] = try string(name)
    }
    let nodes: [HDF5Node]
    do { nodes = try file.walk() } catch {
      throw NeuralNetError.modelFile(path: path, reason: "cannot list the file's objects (\(error))")
    }
    // The architecture is built (and its sizes checked) before any weight is read, so that a weight dataset is
    // read only when its stored shape is the one the architecture needs: a corrupt dataspace cannot make the
    // reader allocate what the file claims. That network becomes the first one; members are built likewise.
    let prototype: Sequential
    do { prototype = try Sequential(architecture: metadata.architecture) } catch {
      throw NeuralNetError.modelFile(path: path, reason: "the stored 'network' architecture is invalid: \(error)")
    }
    let shapes = Dictionary(uniqueKeysWithValues: prototype.namedParameters.map { ($0.key, $0.parameter.shape) })
    func network(under group: String, into net: Sequential? = nil) throws -> Sequential {
      func mismatch(_ reason: String) -> NeuralNetError {
        .weightsMismatch(path: path, reason: group == weightsGroup ? reason : "\(group): \(reason)")
      }
      let parameters = try readWeights(file, nodes: nodes, group: group, path: path, expected: shapes, mismatch)
      do {
        guard let net else { return try Sequential(metadata: metadata, parameters: parameters) }
        try net.load(parameters: parameters)
        net.normalization = metadata.normalization
        return net
      } catch { throw mismatch("\(error)") }
    }
    let first = try network(under: weightsGroup, into: prototype)
    // Ensemble members: groups members/1, members/2, … (consecutive; a gap is a damaged file).
    let memberPrefix = "/\(membersGroup)/"
    let memberNames = Set(
      nodes.filter { $0.kind == .group && $0.path.hasPrefix(memberPrefix) }
        .map { String($0.path.dropFirst(memberPrefix.count)) }.filter { !$0.contains("/") })
    var members: [Sequential] = []
    for k in stride(from: 1, through: memberNames.count, by: 1) {
      guard memberNames.contains(String(k)) else {
        throw NeuralNetError.modelFile(
          path: path,
          reason:
            "group '\(membersGroup)' holds \(memberNames.sorted()) but not '\(k)'; members must be numbered 1, 2, …")
      }
      members.append(try network(under: "\(membersGroup)/\(k)"))
    }
    return ModelFile(network: first, provenance: provenance, attributes: extra, members: members)
  }

  /// Every dataset below `group/`, keyed by its path relative to that group; float32 only. A dataset whose key is
  /// not in `expected` or whose shape differs from it is refused with `mismatch(reason)` before it is read.
  static func readWeights(
    _ file: HDF5File, nodes: [HDF5Node], group: String, path: String, expected: [String: [Int]],
    _ mismatch: (String) -> NeuralNetError
  ) throws -> [String: (shape: [Int], values: [Float])] {
    let prefix = "/\(group)/"
    var out: [String: (shape: [Int], values: [Float])] = [:]
    for node in nodes where node.kind == .dataset && node.path.hasPrefix(prefix) {
      let name = String(node.path.dropFirst(1))
      do {
        let d = try file.dataset(node.path)
        guard case .float(bytes: 4, _) = d.dataType else {
          throw NeuralNetError.modelFile(
            path: path,
            reason:
              "dataset '\(name)' is \(d.dataType), but model weights are stored as float32 (convert it, e.g. with numpy .astype('float32'))"
          )
        }
        let key = String(node.path.dropFirst(prefix.count))
        guard let shape = expected[key] else {
          throw mismatch(
            "\(NeuralNetError.parameterMismatch(key: key, reason: "not in this architecture (expected keys: \(expected.keys.sorted().joined(separator: ", ")))"))"
          )
        }
        guard d.shape == shape else {
          throw mismatch(
            "\(NeuralNetError.parameterMismatch(key: key, reason: "shape \(d.shape) but the architecture needs \(shape)"))"
          )
        }
        out[key] = (shape: d.shape, values: try d.read(as: Float.self))
      } catch let e as NeuralNetError {
        throw e
      } catch {
        throw NeuralNetError.modelFile(path: path, reason: "dataset '\(name)' is unreadable (\(error))")
      }
    }
    return out
  }
}
