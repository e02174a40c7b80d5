// galmorph — NeuralNet
//
// Model files in HDF5: a network's weights, its architecture and input normalisation, provenance and any string
// attributes a caller adds (the classifier's recipe, class names ...), in one file readable by h5py.

import Foundation
import GalmorphSupport
import HDF5IO

/// A ``Sequential`` network as stored in (or read from) an HDF5 model file.
///
/// Layout (HDF5, written atomically with `HDF5File.create`: temporary name + rename):
/// - every parameter of ``Sequential/namedParameters`` (trainable weights and persisted statistics such as
///   BatchNorm running means) as a contiguous little-endian **float32** dataset `weights/<layer>/<name>`
///   (e.g. `weights/conv1/kernel`), shaped as in NeuralNet (conv kernels `[kh, kw, Cin, Cout]`, dense kernels
///   `[in, out]` — the Keras/TensorFlow layouts);
/// - root attribute `network` (UTF-8 string): ``ModelMetadata`` JSON — the ``Architecture`` description, the
///   ``InputNormalization`` and the metadata format version;
/// - root attribute `provenance` (UTF-8 string): `Provenance` JSON, or "" when none;
/// - any further root string attributes the caller passes in ``attributes`` (names other than the two above);
/// - for an ensemble, the further networks of ``members`` (same architecture and normalisation as ``network``) as
///   float32 datasets `members/<k>/<layer>/<name>`, k = 1, 2, … (the first network is the one under `weights/`).
///
/// Float32 is stored and read without conversion, so ``read(from:expectedArchitecture:)`` gives back
/// bit-identical weights; datasets of any other type under `weights/` are refused rather than silently rounded.
/// The layout is the one Keras-style tools expect of an HDF5 weight file (one group per layer), so
/// `h5py.File(path)["weights/conv1/kernel"][...]` reads a kernel directly.
public struct ModelFile {
  /// Group holding one dataset per parameter.
  public static let weightsGroup = "weights"
  /// Root attribute with the ``ModelMetadata`` JSON.
  public static let networkAttribute = "network"
  /// Root attribute with the `Provenance` JSON ("" when none).
  public static let provenanceAttribute = "provenance"
  /// Group holding one subgroup `<k>` per further ensemble member (k = 1, 2, …).
  public static let membersGroup = "members"

  /// The network (architecture, weights, normalisation).
  public var network: Sequential
  /// How the model was made; nil when the file records none.
  public var provenance: Provenance?
  /// Caller-defined root string attributes (never `network` or `provenance`).
  public var attributes: [String: String]
  /// Further networks of an ensemble, each with ``network``'s architecture and normalisation (empty for one
  /// network). How their outputs combine is the caller's business (e.g. the classifier averages logits).
  public var members: [Sequential]

  public init(
    network: Sequential, provenance: Provenance? = nil, attributes: [String: String] = [:],
    members: [Sequential] = []
  ) {
    self.network = network
    self.provenance = provenance
    self.attributes = attributes
    self.members = members
  }

  /// Writes the file atomically (nothing is left at `url` if writing fails) and returns the SHA-256 of the
  /// written bytes (the model hash).
  ///
  /// Precondition: ``attributes`` does not use the reserved names `network` and `provenance`; every member has
  /// the network's metadata.
  @discardableResult
  public func write(to url: URL) throws -> String {
    precondition(
      attributes[Self.networkAttribute] == nil && attributes[Self.provenanceAttribute] == nil,
      "ModelFile: attributes 'network' and 'provenance' are reserved")
    precondition(
      members.allSatisfy { $0.metadata == network.metadata },
      "ModelFile: ensemble members must share the network's architecture and normalisation")
    func tensors(_ net: Sequential) -> [String: HDF5Tensor] {
      var out: [String: HDF5Tensor] = [:]
      for (key, p) in net.namedParameters { out[key] = HDF5Tensor(shape: p.shape, values: p.values) }
      return out
    }
    let networkJSON = String(decoding: network.metadata.jsonData(), as: UTF8.self)
    let provenanceJSON = try provenance.map { String(decoding: try $0.jsonData(), as: UTF8.self) } ?? ""
    try HDF5File.create(at: url) { file in
      try file.writeTensors(tensors(network), under: Self.weightsGroup)
      for (k, member) in members.enumerated() {
        try file.writeTensors(tensors(member), under: "\(Self.membersGroup)/\(k + 1)")
      }
      let a = file.attributes
      try a.write(Self.networkAttribute, string: networkJSON)
      try a.write(Self.provenanceAttribute, string: provenanceJSON)
      for name in attributes.keys.sorted() { try a.write(name, string: attributes[name] ?? "") }
    }
    return try Checksum.sha256(fileAt: url)
  }
}
