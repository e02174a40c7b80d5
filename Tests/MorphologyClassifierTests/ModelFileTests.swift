// galmorph — MorphologyClassifierTests

import Foundation
import GalmorphSupport
import HDF5IO
@testable import MorphologyClassifier
import NeuralNet
import Testing
import _GalmorphTestSupport

@Suite("Model files")
struct ModelFileTests {
  struct Golden: Decodable {
    var generator: String
    var inputs: [[Float]]
    var kernel: [Float]
    var bias: [Float]
    var p_spiral_T1: [Double]
    var p_spiral_T: [Double]
    var temperature: Double
  }

  @Test func saveLoadIsBitIdenticalAndHashed() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let net = try Sequential(architecture: SyntheticGalaxies.architecture(), seed: 42)
    var prov = Provenance(seed: 42, inputs: ["cat.csv": "abc"], commandLine: "galmorph train test")
    prov.extra["x"] = "y"
    let model = ClassifierModel(
      network: net, recipe: SyntheticGalaxies.recipe(), threshold: 0.4, temperature: 1.25,
      provenance: prov, trainingSummary: ["val_auc": "0.9"])
    let url = tmp.file("m.h5")
    let hash = try model.write(to: url)
    let fileHash = try Checksum.sha256(fileAt: url)
    #expect(hash == fileHash)
    let back = try ClassifierModel.load(from: url)
    let a = net.parameters(), b = back.network.parameters()
    #expect(Set(a.keys) == Set(b.keys))
    for (k, p) in a {
      #expect(p.shape == b[k]!.shape, "\(k)")
      #expect(p.values.map(\.bitPattern) == b[k]!.values.map(\.bitPattern), "\(k) not bit-identical")
    }
    #expect(back.recipe == model.recipe && back.threshold == 0.4 && back.temperature == 1.25)
    #expect(back.classNames == ["elliptical", "spiral"] && back.provenance == prov)
    #expect(back.trainingSummary == ["val_auc": "0.9"])
    #expect(back.network.architecture == net.architecture)
    // Weights are readable by any HDF5 tool under weights/<layer>/<name>.
    let f = try HDF5File(url: url); defer { f.close() }
    let kernel = try f.readTensor(path: "weights/conv1/kernel")
    #expect(kernel.shape == [3, 3, 3, 8])
  }

  @Test func loadsFileWrittenByH5pyAndMatchesNumpy() throws {
    let g = try Reference.json(Golden.self, "model_golden.json")
    #expect(g.generator == "gen_model_golden.py")
    let model = try ClassifierModel.load(from: Reference.url("model_golden.h5"))
    let p = model.network.parameters()
    #expect(p["dense1/kernel"]!.values.map(\.bitPattern) == g.kernel.map(\.bitPattern))
    #expect(p["dense1/bias"]!.values.map(\.bitPattern) == g.bias.map(\.bitPattern))
    #expect(model.temperature == g.temperature)
    let images = g.inputs.map { ImageBuffer(width: 8, height: 8, channels: 3, pixels: $0) }
    let withT = try model.predict(images: images, tta: 1).map(\.p)
    expectAllClose(withT, g.p_spiral_T, rtol: 1e-5, atol: 1e-6, "p_spiral at T")
    model.temperature = nil
    let plain = try model.predict(images: images, tta: 1).map(\.p)
    expectAllClose(plain, g.p_spiral_T1, rtol: 1e-5, atol: 1e-6, "p_spiral at T=1")
  }

  @Test func refusesModelForAnotherInputSize() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let model = ClassifierModel(
      network: try Sequential(architecture: SyntheticGalaxies.architecture()), recipe: SyntheticGalaxies.recipe())
    let url = tmp.file("small.h5")
    try model.write(to: url)
    do {
      _ = try ClassifierModel.load(from: url, expectedRecipe: PreprocessingRecipe())
      Issue.record("expected a mismatch error")
    } catch let e as ClassifierError {
      guard case .modelMismatch(let path, let reason) = e else { Issue.record("wrong error \(e)"); return }
      #expect(path == url.path)
      #expect(reason.contains("64×64") && reason.contains("32×32"))
      #expect(e.description.contains("small.h5"))
    }
    do {
      _ = try ClassifierModel.load(from: url, expectedArchitecture: ClassifierModel.defaultArchitecture())
      Issue.record("expected an architecture mismatch")
    } catch let e as ClassifierError {
      #expect(e.description.contains("small.h5") && e.description.contains("architecture"))
    }
  }

  @Test func refusesMissingCorruptAndForeignFiles() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    func message(_ url: URL) -> String {
      do { _ = try ClassifierModel.load(from: url); return "" } catch { return "\(error)" }
    }
    #expect(message(tmp.file("absent.h5")).contains("absent.h5"))
    // Truncated copy of a real model file.
    let good = tmp.file("good.h5")
    try ClassifierModel(
      network: try Sequential(architecture: SyntheticGalaxies.architecture()), recipe: SyntheticGalaxies.recipe()
    ).write(to: good)
    let bytes = try Data(contentsOf: good)
    try bytes.prefix(bytes.count / 3).write(to: tmp.file("trunc.h5"))
    #expect(message(tmp.file("trunc.h5")).contains("trunc.h5"))
    // An HDF5 file that is not a model.
    try HDF5File.create(at: tmp.file("other.h5")) { f in try f.writeTensor(path: "x", shape: [1], values: [1]) }
    let m = message(tmp.file("other.h5"))
    #expect(m.contains("other.h5") && m.contains("not a galmorph model"))
  }
}
