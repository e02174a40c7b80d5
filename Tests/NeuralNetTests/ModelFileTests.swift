// galmorph — NeuralNetTests
//
// HDF5 model files: round trip, layout, an h5py-written golden, wrong architectures and damaged files.

import _GalmorphTestSupport
import Foundation
import GalmorphSupport
import HDF5IO
import NeuralNet
import Testing
import TensorCore

@Suite struct ModelFileTests {
  /// A trained-looking model: seeded weights, a normalisation, provenance and extra attributes.
  static func sample(_ architecture: Architecture, seed: UInt64) throws -> ModelFile {
    let net = try Sequential(architecture: architecture, seed: seed)
    net.normalization = InputNormalization(mean: [0.1, 0.2, 0.3], std: [1.5, 2, 2.5])
    var prov = Provenance(seed: seed, inputs: ["cat.csv": "abc123"], commandLine: "galmorph train test")
    prov.extra["epochs_run"] = "3"
    return ModelFile(network: net, provenance: prov, attributes: ["kind": "test", "note": "unicode é✓"])
  }

  static func bits(_ d: [String: (shape: [Int], values: [Float])]) -> [String: [UInt32]] {
    d.mapValues { $0.values.map(\.bitPattern) }
  }

  @Test(arguments: ["A", "B"])
  func writeReadIsBitIdenticalForReferenceNets(_ which: String) throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let arch = which == "A" ? ReferenceNetworks.netA : ReferenceNetworks.netB
    let model = try Self.sample(arch, seed: which == "A" ? 11 : 12)
    let url = tmp.file("net\(which).h5")
    let hash = try model.write(to: url)
    #expect(hash == (try Checksum.sha256(fileAt: url)))
    let back = try ModelFile.read(from: url, expectedArchitecture: arch)
    let a = model.network.parameters(), b = back.network.parameters()
    #expect(Set(a.keys) == Set(b.keys))
    #expect(back.network.parameterCount == (which == "A" ? 234_177 : 767_426))
    for (k, p) in a { #expect(p.shape == b[k]?.shape, "\(k) shape") }
    #expect(Self.bits(a) == Self.bits(b), "weights not bit-identical")
    #expect(back.network.architecture == arch)
    #expect(back.network.normalization == model.network.normalization)
    #expect(back.provenance == model.provenance)
    #expect(back.attributes == ["kind": "test", "note": "unicode é✓"])
    // Identical weights ⇒ identical outputs.
    var g = SeededGenerator(seed: 3)
    let x = Tensor(normalShape: [2] + arch.inputShape, using: &g)
    #expect(try back.network.forward(x).values.map(\.bitPattern) == model.network.forward(x).values.map(\.bitPattern))
  }

  /// The documented layout, checked with HDF5IO's generic reads.
  @Test func layoutIsWeightsGroupPlusStringAttributes() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let model = try Self.sample(ReferenceNetworks.netA, seed: 1)
    let url = tmp.file("a.h5")
    try model.write(to: url)
    let f = try HDF5File(url: url); defer { f.close() }
    let kernel = try f.dataset("weights/conv1/kernel")
    #expect(kernel.shape == [5, 5, 3, 32])
    #expect(kernel.dataType == .float(bytes: 4, order: .little))
    #expect(
      try kernel.read(as: Float.self).map(\.bitPattern)
        == model.network.parameters()["conv1/kernel"]!.values.map(\.bitPattern))
    #expect(try f.memberNames(of: "weights").sorted() == ["conv1", "conv2", "dense1", "dense2", "dense3"])
    let meta = try ModelMetadata.decode(json: Data(try f.attributes.string("network").utf8), source: "a.h5")
    #expect(meta == model.network.metadata)
    let prov = try JSONCoding.decoder().decode(Provenance.self, from: Data(try f.attributes.string("provenance").utf8))
    #expect(prov == model.provenance)
    #expect(try f.attributes.string("kind") == "test")
    #expect(Set(try f.attributes.names()) == ["network", "provenance", "kind", "note"])
  }

  @Test func noProvenanceIsStoredAsEmptyString() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let url = tmp.file("p.h5")
    try ModelFile(network: try Sequential(architecture: OptimizerTests.toyArchitecture, seed: 2)).write(to: url)
    let f = try HDF5File(url: url)
    #expect(try f.attributes.string("provenance") == "")
    f.close()
    let back = try ModelFile.read(from: url)
    #expect(back.provenance == nil && back.attributes.isEmpty)
  }

  struct Golden: Decodable {
    struct Weight: Decodable { var shape: [Int]; var values: [Float] }
    var generator: String
    var weights: [String: Weight]
    var inputs: [Float]
    var input_shape: [Int]
    var logits: [Double]
    var normalization: InputNormalization
    var attributes: [String: String]
    var provenance_seed: UInt64
  }

  /// A file written by h5py in the documented layout loads with identical weights and numpy's logits.
  @Test func loadsModelFileWrittenByH5py() throws {
    let g = try Reference.json(Golden.self, "model_file_golden.json")
    #expect(g.generator == "gen_model_file_golden.py")
    let file = try ModelFile.read(from: Reference.url("model_file_golden.h5"))
    let p = file.network.parameters()
    #expect(Set(p.keys) == Set(g.weights.keys))
    for (k, w) in g.weights {
      #expect(p[k]?.shape == w.shape, "\(k) shape")
      #expect(p[k]?.values.map(\.bitPattern) == w.values.map(\.bitPattern), "\(k) not bit-identical")
    }
    #expect(file.network.normalization == g.normalization)
    #expect(file.attributes == g.attributes)
    #expect(file.provenance?.seed == g.provenance_seed)
    let y = try file.network.forward(Tensor(shape: g.input_shape, values: g.inputs))
    expectAllClose(y.values.map(Double.init), g.logits, rtol: 1e-5, atol: 1e-6, "logits vs numpy")
  }

  @Test func anotherArchitectureIsRefusedSayingWhatDiffers() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let url = tmp.file("netA.h5")
    try Self.sample(ReferenceNetworks.netA, seed: 4).write(to: url)
    do {
      _ = try ModelFile.read(from: url, expectedArchitecture: ReferenceNetworks.netB)
      Issue.record("Net A file accepted as Net B")
    } catch let e as NeuralNetError {
      guard case let .architectureMismatch(path, differences) = e else { Issue.record("wrong error \(e)"); return }
      #expect(path == url.path)
      #expect(differences.contains("input shape [29, 29, 3] (expected [64, 64, 3])"))
      #expect(differences.contains("13 layers (expected 17)"))
      #expect(e.description.contains("netA.h5"))
    }
    // One option changed deep inside: the message points at that layer.
    var narrower = ReferenceNetworks.netA
    narrower.layers[3] = .conv2d(Conv2DSpec(filters: 48, kernel: 3, padding: .valid))
    #expect { try ModelFile.read(from: url, expectedArchitecture: narrower) } throws: { e in
      let m = "\(e)"
      return m.contains("netA.h5") && m.contains("layer 4:") && m.contains("\"filters\":64")
        && m.contains("\"filters\":48")
    }
  }

  /// Ensemble members: written under members/<k>, read back bit-identical and in order; a gap in the numbering or a
  /// member whose weights do not fit is refused naming the file and the member.
  @Test func ensembleMembersRoundTripAndGapsAreRefused() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    var model = try Self.sample(ReferenceNetworks.netA, seed: 1)
    model.members = try [UInt64(2), 3].map {
      let n = try Sequential(architecture: ReferenceNetworks.netA, seed: $0)
      n.normalization = model.network.normalization
      return n
    }
    let url = tmp.file("ens.h5")
    try model.write(to: url)
    let back = try ModelFile.read(from: url)
    #expect(back.members.count == 2)
    for (a, b) in zip(model.members, back.members) {
      #expect(Self.bits(a.parameters()) == Self.bits(b.parameters()))
    }
    #expect(Self.bits(back.network.parameters()) == Self.bits(model.network.parameters()))
    // members/1 and members/3 only.
    let gap = tmp.file("gap.h5")
    try HDF5File.create(at: gap) { f in
      let src = try HDF5File(url: url); defer { src.close() }
      for group in ["weights", "members/1"] {
        try f.writeTensors(try src.readTensors(under: group), under: group == "members/1" ? "members/3" : group)
      }
      try f.writeTensors(try src.readTensors(under: "members/1"), under: "members/1")
      try f.attributes.write("network", string: try src.attributes.string("network"))
    }
    do { _ = try ModelFile.read(from: gap); Issue.record("gap accepted") } catch {
      #expect("\(error)".contains("gap.h5") && "\(error)".contains("not '2'"), "\(error)")
    }
    // A member with a missing kernel.
    let short = tmp.file("short.h5")
    try HDF5File.create(at: short) { f in
      let src = try HDF5File(url: url); defer { src.close() }
      try f.writeTensors(try src.readTensors(under: "weights"), under: "weights")
      try f.writeTensors(
        try src.readTensors(under: "members/1").filter { $0.key != "conv1/kernel" }, under: "members/1")
      try f.attributes.write("network", string: try src.attributes.string("network"))
    }
    do { _ = try ModelFile.read(from: short); Issue.record("short member accepted") } catch {
      #expect("\(error)".contains("short.h5") && "\(error)".contains("members/1"), "\(error)")
    }
  }

  /// Damaged copies of a real model file give errors naming the file (and dataset), never a crash.
  @Test func damagedFilesGiveClearErrors() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    func message(_ url: URL) -> String {
      do { _ = try ModelFile.read(from: url); return "" } catch { return "\(error)" }
    }
    let good = tmp.file("good.h5")
    try Self.sample(ReferenceNetworks.netA, seed: 5).write(to: good)
    let bytes = try Data(contentsOf: good)

    #expect(message(tmp.file("absent.h5")).contains("absent.h5"))
    for (name, fraction) in [("trunc_third.h5", 3), ("trunc_half.h5", 2)] {
      try bytes.prefix(bytes.count / fraction).write(to: tmp.file(name))
      #expect(message(tmp.file(name)).contains(name), "\(name)")
    }
    // Signature overwritten: not HDF5 at all.
    var noSignature = bytes
    noSignature.replaceSubrange(0..<8, with: Data(repeating: 0x58, count: 8))
    try noSignature.write(to: tmp.file("nosig.h5"))
    let sig = message(tmp.file("nosig.h5"))
    #expect(sig.contains("nosig.h5") && sig.contains("not an HDF5 file"), "\(sig)")
    // Corrupt bytes inside the architecture JSON (the string's length is kept, its text is garbage).
    let marker = Data(#""input_shape""#.utf8)
    let at = try #require(bytes.range(of: marker))
    var badJSON = bytes
    badJSON.replaceSubrange(at.lowerBound..<(at.lowerBound + 6), with: Data("@#$%^&".utf8))
    try badJSON.write(to: tmp.file("badjson.h5"))
    let j = message(tmp.file("badjson.h5"))
    #expect(j.contains("badjson.h5") && j.contains("cannot decode architecture"), "\(j)")
    // An HDF5 file that is not a model.
    try HDF5File.create(at: tmp.file("other.h5")) { f in try f.writeTensor(path: "x", shape: [1], values: [1]) }
    let o = message(tmp.file("other.h5"))
    #expect(o.contains("other.h5") && o.contains("not a galmorph model file"), "\(o)")
  }

  /// Weight sets that do not fit the stored architecture, and non-float32 weights, are refused by name.
  @Test func missingAndMistypedWeightsAreRefusedByName() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let net = try Sequential(architecture: OptimizerTests.toyArchitecture, seed: 3)
    let meta = String(decoding: net.metadata.jsonData(), as: UTF8.self)
    let p = net.parameters()
    func write(_ name: String, _ fill: (HDF5File) throws -> Void) throws -> String {
      let url = tmp.file(name)
      try HDF5File.create(at: url) { f in
        try fill(f)
        try f.attributes.write("network", string: meta)
      }
      do { _ = try ModelFile.read(from: url); return "" } catch { return "\(error)" }
    }
    let missing = try write("missing.h5") { f in
      for (k, v) in p where k != "dense2/bias" {
        try f.writeTensor(path: "weights/\(k)", shape: v.shape, values: v.values)
      }
    }
    #expect(missing.contains("missing.h5") && missing.contains("dense2/bias"), "\(missing)")
    let shape = try write("shape.h5") { f in
      for (k, v) in p {
        let s = k == "dense1/kernel" ? [v.values.count] : v.shape
        try f.writeTensor(path: "weights/\(k)", shape: s, values: v.values)
      }
    }
    #expect(shape.contains("shape.h5") && shape.contains("dense1/kernel"), "\(shape)")
    let double = try write("float64.h5") { f in
      for (k, v) in p {
        if k == "dense1/bias" {
          try f.createDataset("weights/\(k)", shape: v.shape, values: v.values.map(Double.init))
        } else {
          try f.writeTensor(path: "weights/\(k)", shape: v.shape, values: v.values)
        }
      }
    }
    #expect(
      double.contains("float64.h5") && double.contains("weights/dense1/bias") && double.contains("float32"), "\(double)"
    )
  }
}
