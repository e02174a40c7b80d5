// galmorph — GalmorphCommandsTests
//
// `train` and `audit` with the de-biasing options (issue 19): they reach every model, are recorded, and bad
// specifications fail naming what is wrong.

import AnisotropyAudit
import Foundation
import GalmorphSupport
import MorphologyClassifier
import Testing
import _GalmorphTestSupport

@Suite("De-biasing options of train and audit")
struct DebiasCommandTests {
  @Test func trainRecordsTheDebiasingAndRejectsBadGroups() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    try runGalmorph([
      "simulate", "--preset", "context-dec", "--count", "120", "--seed", "5", "--out", tmp.file("sim").path,
    ])
    let stack = tmp.file("sim/cutouts.h5").path
    let model = tmp.file("m.h5")
    try runGalmorph([
      "train", "--image-stack", stack, "--crop-size", "64", "--input-size", "32", "--epochs", "2",
      "--context-augment", "--balance-by", "column:psf_fwhm:2", "--adversary", "column:psf_fwhm:2",
      "--output", model.path,
    ])
    let m = try ClassifierModel.load(from: model)
    let config = try #require(m.provenance?.extra["training_configuration"])
    #expect(config.contains("\"context\"") && config.contains("psf_fwhm") && config.contains("\"adversary\""))
    #expect(m.provenance?.extra["context_ranges"]?.contains("noiseHigh") == true)
    let log = try String(contentsOf: tmp.file("m.h5.log.jsonl"), encoding: .utf8)
    #expect(log.split(separator: "\n").count == 2 && log.contains("\"adversary_loss\""))

    // different groups for balancing and the adversary; a missing column; a malformed specification
    #expect(throws: (any Error).self) {
      try runGalmorph([
        "train", "--image-stack", stack, "--balance-by", "healpix:2", "--adversary", "column:psf_fwhm:2",
        "--output", tmp.file("x.h5").path,
      ])
    }
    do {
      try runGalmorph([
        "train", "--image-stack", stack, "--crop-size", "64", "--input-size", "32", "--balance-by", "column:seeing",
        "--output", tmp.file("y.h5").path,
      ])
      Issue.record("a missing balancing column was accepted")
    } catch {
      #expect("\(error)".contains("/seeing") && "\(error)".contains("cutouts.h5"), "\(error)")
    }
    #expect(throws: (any Error).self) {
      try runGalmorph(["train", "--image-stack", stack, "--balance-by", "healpix:3", "--output", tmp.file("z.h5").path])
    }
    #expect(!FileManager.default.fileExists(atPath: tmp.file("y.h5").path))
  }

  @Test func auditTrainsEveryModelWithTheSameDebiasing() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    try runGalmorph([
      "simulate", "--preset", "context-dec", "--count", "300", "--seed", "5", "--out", tmp.file("sim").path,
    ])
    let out = tmp.file("audit")
    try runGalmorph(
      [
        "audit", "--images", tmp.file("sim").path, "--split", "dec:0", "--controls", "2", "--epochs", "1",
        "--architecture", "net-a", "--train-size", "100", "--permutations", "50", "--bootstrap", "20",
        "--context-augment", "--balance-by", "healpix:2", "--out", out.path,
      ])
    let result = try JSONCoding.decoder().decode(
      AuditResult.self, from: Data(contentsOf: out.appendingPathComponent("audit.json")))
    #expect(result.configuration.training.augmentation?.context == ContextAugmentation())
    #expect(result.configuration.training.groupBalancing?.spec == "healpix:2")
    #expect(result.models.count == 6)
    for model in result.models {
      let m = try ClassifierModel.load(from: out.appendingPathComponent(model.file))
      #expect(m.provenance?.extra["context_ranges"] != nil, "\(model.name)")
    }
  }
}
