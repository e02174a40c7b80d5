// galmorph — MorphologyClassifierTests
//
// Seed ensembles: an h5py-written ensemble file against numpy, the file round trip, and ensemble training (shared
// split, logit averaging, reuse of finished members, refusal of a member trained otherwise).
import Foundation
import GalmorphSupport
import HDF5IO
@testable import MorphologyClassifier
import NeuralNet
import Testing
import _GalmorphTestSupport

@Suite("Ensembles", .serialized)
struct EnsembleTests {
  struct Golden: Decodable {
    var generator: String
    var inputs: [[Float]]
    var member_logits: [[Double]]
    var p_spiral: [Double]
    var temperature: Double
  }

  @Test func loadsEnsembleWrittenByH5pyAndMatchesNumpy() throws {
    let g = try Reference.json(Golden.self, "ensemble_golden.json")
    #expect(g.generator == "gen_ensemble_golden.py")
    let model = try ClassifierModel.load(from: Reference.url("ensemble_golden.h5"))
    #expect(model.ensembleSize == 3 && model.temperature == g.temperature)
    let images = g.inputs.map { ImageBuffer(width: 8, height: 8, channels: 3, pixels: $0) }
    let p = try model.predict(images: images, tta: 1).map(\.p)
    expectAllClose(p, g.p_spiral, rtol: 1e-5, atol: 1e-6, "ensemble p_spiral")
    // Each member alone gives numpy's member logits: the members are read in order.
    for (k, net) in ([model.network] + model.members).enumerated() {
      let single = ClassifierModel(network: net, recipe: model.recipe)
      let z = try single.spiralLogits(batch: g.inputs.flatMap { $0 }, count: g.inputs.count)
      expectAllClose(z, g.member_logits[k], rtol: 1e-5, atol: 1e-5, "member \(k + 1) logits")
    }
  }

  @Test func ensembleFileRoundTripsAndSingleFilesKeepVersion1() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let arch = SyntheticGalaxies.architecture()
    let nets = try (1...3).map { try Sequential(architecture: arch, seed: UInt64($0)) }
    let model = ClassifierModel(
      network: nets[0], recipe: SyntheticGalaxies.recipe(), temperature: 1.1,
      members: Array(nets.dropFirst()))
    let url = tmp.file("e.h5")
    try model.write(to: url)
    let back = try ClassifierModel.load(from: url)
    #expect(back.ensembleSize == 3)
    for (a, b) in zip(nets, [back.network] + back.members) {
      #expect(
        a.parameters().mapValues { $0.values.map(\.bitPattern) }
          == b.parameters().mapValues { $0.values.map(\.bitPattern) })
    }
    let f = try HDF5File(url: url)
    #expect(try f.attributes.string("format_version") == "2" && f.attributes.string("ensemble_size") == "3")
    #expect(try f.readTensor(path: "members/2/conv1/kernel").shape == [3, 3, 3, 8])
    f.close()
    // The mean of the members' logits, member by member.
    let data = SyntheticGalaxies.dataset(n: 6)
    let z = try back.spiralLogits(batch: data.inputs, count: 6)
    let each = try nets.map {
      try ClassifierModel(network: $0, recipe: back.recipe).spiralLogits(batch: data.inputs, count: 6)
    }
    expectAllClose(z, (0..<6).map { i in each.reduce(0) { $0 + $1[i] } / 3 }, rtol: 1e-12, atol: 1e-12, "mean logit")
    let single = tmp.file("s.h5")
    try ClassifierModel(network: nets[0], recipe: back.recipe).write(to: single)
    let s = try HDF5File(url: single); defer { s.close() }
    #expect(try s.attributes.string("format_version") == "1" && !s.attributes.contains("ensemble_size"))
  }

  @Test func damagedEnsembleSizeIsRefused() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let url = tmp.file("e.h5")
    try FileManager.default.copyItem(at: Reference.url("ensemble_golden.h5"), to: url)
    let f = try HDF5File(url: url, mode: .readWrite)
    try f.attributes.write("ensemble_size", string: "4")
    f.close()
    #expect(throws: ClassifierError.self) { try ClassifierModel.load(from: url) }
    do { _ = try ClassifierModel.load(from: url) } catch {
      #expect("\(error)".contains("e.h5") && "\(error)".contains("ensemble_size is 4 but the file holds 3 networks"))
    }
  }

  @Test func trainsMembersOnOneSplitAndReusesFinishedOnes() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let data = SyntheticGalaxies.dataset(n: 160)
    var cfg = SyntheticGalaxies.config(epochs: 2)
    cfg.testFraction = 0.2
    let member = { (k: Int) in tmp.file("m.member\(k).h5") }
    let trainer = Trainer(config: cfg, progressStyle: .silent)
    let r = try trainer.trainEnsemble(data, size: 2, memberURL: member)
    let model = try #require(r.model)
    #expect(!r.interrupted && model.ensembleSize == 2 && r.members.map(\.seed) == [3, 4])
    // Member 1 is exactly the single run with the base configuration; member 2 has seed 4 and the same split.
    let single = try Trainer(config: cfg, progressStyle: .silent).train(data)
    #expect(
      model.network.parameters().mapValues { $0.values.map(\.bitPattern) }
        == single.model.network.parameters().mapValues { $0.values.map(\.bitPattern) })
    let m2 = try ClassifierModel.load(from: member(2))
    #expect(m2.trainingSummary["test_rows"] == model.trainingSummary["test_rows"])
    #expect(m2.trainingSummary["split_seed"] == "3" && model.trainingSummary["ensemble_size"] == "2")
    #expect(m2.provenance?.seed == 4)
    // The ensemble's validation logits are the mean of the members'.
    let z2 = try Trainer.evaluate(m2.network, data: data, indices: r.split.validation).logits
    expectAllClose(
      r.validationLogits, zip(single.validationLogits, z2).map { ($0 + $1) / 2 }, rtol: 1e-12, atol: 1e-12, "mean")
    // Resume reuses both finished members (no training) and gives the same ensemble.
    let again = try trainer.trainEnsemble(data, size: 2, memberURL: member, resume: true)
    #expect(again.members.allSatisfy(\.reused) && again.members.map(\.sha256) == r.members.map(\.sha256))
    #expect(again.validationLogits == r.validationLogits)
    // A member file trained with other settings is refused on resume, naming the file.
    var other = cfg; other.epochs = 3
    #expect(throws: ClassifierError.self) {
      _ = try Trainer(config: other, progressStyle: .silent).trainEnsemble(
        data, size: 2, memberURL: member, resume: true)
    }
  }

  @Test func interruptedEnsembleResumesToTheSameModel() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let data = SyntheticGalaxies.dataset(n: 120)
    let cfg = SyntheticGalaxies.config(epochs: 2)
    let full = try Trainer(config: cfg, progressStyle: .silent)
      .trainEnsemble(data, size: 2, memberURL: { tmp.file("full.member\($0).h5") })
    let member = { (k: Int) in tmp.file("cut.member\(k).h5") }
    let t = Trainer(config: cfg, progressStyle: .silent)
    let first = try t.trainEnsemble(data, size: 2, memberURL: member, stopAfterEpochs: 1)
    #expect(first.interrupted && first.model == nil && first.members.isEmpty)
    var rounds = 0, r = first
    while r.interrupted && rounds < 6 {
      r = try t.trainEnsemble(data, size: 2, memberURL: member, resume: true, stopAfterEpochs: 1); rounds += 1
    }
    #expect(!r.interrupted)
    #expect(r.validationLogits == full.validationLogits, "resumed ensemble differs from the uninterrupted one")
  }
}
