// galmorph — GalmorphCommandsTests
//
// `galmorph probe-context` end to end on a small simulated sky (issue 20).

import Foundation
import Testing
import _GalmorphTestSupport

@Suite("galmorph probe-context")
struct ProbeContextCommandTests {
  @Test func probesTheSideAndTheLabelAndWritesItsFiles() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    try runGalmorph([
      "simulate", "--preset", "context-dec", "--count", "120", "--seed", "6", "--out", tmp.file("sim").path,
    ])
    let text = try runGalmorph([
      "probe-context", "--images", tmp.file("sim/cutouts.h5").path, "--split", "dec:0", "--epochs", "1",
      "--input-size", "16", "--permutations", "199", "--out", tmp.file("probe").path,
    ])
    #expect(
      text.contains("side of dec:0") && text.contains("morphology label") && text.contains("permutation p"), "\(text)")
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: tmp.file("probe/probe.json"))) as! [String: Any]
    let results = json["results"] as! [[String: Any]]
    #expect(results.count == 2)
    for r in results {
      let auc = r["auc"] as! Double, p = r["permutationP"] as! Double
      #expect((0...1).contains(auc) && p > 0 && p <= 1)
    }
    #expect(FileManager.default.fileExists(atPath: tmp.file("probe/masked.png").path))
    // A stack written by `galmorph simulate` is probed with the simulator's galaxy-free stamps by default.
    #expect(json["background"] as? String == "truth", "\(json)")
    try runGalmorph([
      "probe-context", "--images", tmp.file("sim/cutouts.h5").path, "--background", "segmentation", "--epochs", "1",
      "--input-size", "16", "--permutations", "99", "--out", tmp.file("probe-seg").path,
    ])
    let seg =
      try JSONSerialization.jsonObject(with: Data(contentsOf: tmp.file("probe-seg/probe.json"))) as! [String: Any]
    #expect(seg["background"] as? String == "segmentation")
    // The bundled GZ1 stack has no simulator behind it.
    do {
      try runGalmorph([
        "probe-context", "--images", SharedData.packageRoot.appendingPathComponent("Catalogs/gz1_cutouts_64.h5").path,
        "--background", "truth", "--out", tmp.file("gz1").path,
      ])
      Issue.record("--background truth ran on a stack without a simulation")
    } catch {
      #expect("\(error)".contains("galmorph simulate") && "\(error)".contains("gz1_cutouts_64.h5"), "\(error)")
    }
    // label only: no --split, so a stack without positions would do too
    let labelOnly = try runGalmorph([
      "probe-context", "--images", tmp.file("sim/cutouts.h5").path, "--epochs", "1", "--input-size", "16",
      "--permutations", "99", "--out", tmp.file("probe-label").path,
    ])
    #expect(labelOnly.contains("morphology label") && !labelOnly.contains("side of"), "\(labelOnly)")
    #expect(throws: (any Error).self) {
      try runGalmorph([
        "probe-context", "--images", tmp.file("sim/cutouts.h5").path, "--no-label", "--out", tmp.file("x").path,
      ])
    }
  }
}
