// galmorph — GalmorphCommandsTests
//
// `galmorph explain` end to end on a small simulated sky with a model trained for one epoch (issue 20).

import Foundation
import GalmorphSupport
import HDF5IO
import Testing
import _GalmorphTestSupport

@Suite("galmorph explain")
struct ExplainCommandTests {
  @Test func writesAlignedMapsSharesSheetsAndAgreesWithAnnotate() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    try runGalmorph([
      "simulate", "--preset", "context-dec", "--count", "60", "--seed", "3", "--out", tmp.file("sim").path,
    ])
    let stack = tmp.file("sim/cutouts.h5").path
    let model = tmp.file("m.h5").path
    try runGalmorph([
      "train", "--image-stack", stack, "--crop-size", "64", "--input-size", "32", "--epochs", "1", "--output", model,
    ])
    let out = tmp.file("explain")
    let text = try runGalmorph([
      "explain", "--image-stack", stack, "--model", model, "--rows", "0,5,7", "--ig-steps", "16",
      "--smoothgrad-samples", "4", "--out", out.path,
    ])
    #expect(text.contains("occlusion:") && text.contains("galaxies/s"), "\(text)")
    let csv = try String(contentsOf: out.appendingPathComponent("attribution.csv"), encoding: .utf8)
      .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    #expect(
      csv[0] == [
        "row", "label", "p_spiral", "footprint_pixels", "outside_share_occlusion", "outside_share_gradient",
        "outside_share_smoothgrad", "outside_share_integrated_gradients", "ig_completeness_gap",
      ])
    #expect(csv.dropFirst().map { $0[0] } == ["0", "5", "7"])
    for r in csv.dropFirst() {
      for share in r[4...7] where !share.isEmpty { #expect((0...1).contains(Double(share)!)) }
      #expect(abs(Double(r[8])!) < 0.05, "Integrated Gradients' completeness: \(r)")
    }
    // p_spiral through the attribution engine equals annotate's (the inference path)
    try runGalmorph(["annotate", "--image-stack", stack, "--model", model, "--output", tmp.file("a.csv").path])
    let annotated = try String(contentsOf: tmp.file("a.csv"), encoding: .utf8).split(separator: "\n")
      .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    let pCol = try #require(annotated[0].firstIndex(of: "p_spiral"))
    for r in csv.dropFirst() {
      let row = Int(r[0])!
      #expect(abs(Double(annotated[row + 1][pCol])! - Double(r[2])!) < 1e-4, "row \(row)")
    }
    // the HDF5 of maps is aligned with the input
    let f = try HDF5File(url: out.appendingPathComponent("attributions.h5"))
    defer { f.close() }
    #expect(try f.dataset("input").shape == [3, 32, 32, 3])
    for name in ["mask", "occlusion", "gradient", "smoothgrad", "integrated_gradients"] {
      #expect(try f.dataset(name).shape == [3, 32, 32], "\(name)")
    }
    #expect(try f.dataset("row").read(as: Int64.self) == [0, 5, 7])
    for m in ["occlusion", "gradient", "smoothgrad", "integrated-gradients"] {
      #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("sheet-\(m).png").path))
    }
    // bad input: an unknown row, an unknown method; nothing written for them
    #expect(throws: (any Error).self) {
      try runGalmorph([
        "explain", "--image-stack", stack, "--model", model, "--rows", "999", "--out", tmp.file("x").path,
      ])
    }
    #expect(throws: (any Error).self) {
      try runGalmorph([
        "explain", "--image-stack", stack, "--model", model, "--method", "lime", "--out", tmp.file("y").path,
      ])
    }
    #expect(!FileManager.default.fileExists(atPath: tmp.file("x/attribution.csv").path))
    // A simulated stack gets the simulator's truth footprints by default; --footprint segmentation is the other.
    func summary(_ folder: String) throws -> [String: Any] {
      try JSONSerialization.jsonObject(with: Data(contentsOf: tmp.file(folder + "/explain.json"))) as! [String: Any]
    }
    #expect(try summary("explain")["footprint"] as? String == "truth")
    try runGalmorph([
      "explain", "--image-stack", stack, "--model", model, "--rows", "0,5,7", "--method", "gradient",
      "--footprint", "segmentation", "--out", tmp.file("seg").path,
    ])
    #expect(try summary("seg")["footprint"] as? String == "segmentation")
    let seg = try HDF5File(url: tmp.file("seg/attributions.h5"))
    defer { seg.close() }
    let truthMask = try f.dataset("mask").read(as: UInt8.self), segMask = try seg.dataset("mask").read(as: UInt8.self)
    #expect(truthMask != segMask)
    for k in 0..<3 {
      #expect(truthMask[k * 1024 + 16 * 32 + 16] == 1, "galaxy \(k)'s centre is in its truth footprint")
    }
    do {
      try runGalmorph([
        "explain", "--image-stack", SharedData.packageRoot.appendingPathComponent("Catalogs/gz1_cutouts_64.h5").path,
        "--max-count", "2", "--footprint", "truth", "--out", tmp.file("z").path,
      ])
      Issue.record("--footprint truth ran on a stack without a simulation (the shipped model on the GZ1 stack)")
    } catch { #expect("\(error)".contains("galmorph simulate"), "\(error)") }
  }
}
