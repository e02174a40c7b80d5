// galmorph — GalmorphCommandsTests
//
// `galmorph clean` end to end on a small simulated stack.

import Foundation
import GalmorphSupport
import Plotting
import Testing
import _GalmorphTestSupport

@Suite("galmorph clean")
struct CleanCommandTests {
  @Test func writesSuspectsSummaryFoldModelsAndSheet() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    try runGalmorph(["simulate", "--preset", "null", "--count", "90", "--seed", "4", "--out", tmp.file("sim").path])
    let out = tmp.file("clean/out.csv")
    let args = [
      "clean", "--image-stack", tmp.file("sim/cutouts.h5").path, "--crop-size", "64", "--input-size", "32",
      "--folds", "3", "--epochs", "1", "--inject-flips", "0.1", "--output", out.path,
      "--contact-sheet", tmp.file("clean/sheet.png").path, "--sheet-count", "5",
    ]
    let text = try runGalmorph(args)
    #expect(text.contains("injected 9 flips"))
    let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 91)
    #expect(
      lines[0] == "row,label,fold,oof_p_spiral,suspect_label,suspect_score,injected_flip,original_label")
    let flips = lines.dropFirst().filter { $0.split(separator: ",")[6] == "1" }
    #expect(flips.count == 9)
    for l in flips {
      let f = l.split(separator: ",")
      #expect(f[1] != f[7], "a flipped row keeps its original label: \(l)")
    }
    let summary =
      try JSONSerialization.jsonObject(with: Data(contentsOf: tmp.file("clean/out.summary.json"))) as! [String: Any]
    let models = summary["fold_models"] as! [[String: Any]]
    #expect(models.count == 3)
    for m in models {
      let file = tmp.file("clean/out.folds/" + (m["file"] as! String))
      #expect(try Checksum.sha256(fileAt: file) == m["sha256"] as! String)
    }
    #expect((summary["injected_flips"] as! [String: Any])["flipped"] as! Int == 9)
    let sheet = try RGBAImage(contentsOfPNG: tmp.file("clean/sheet.png"))
    #expect(sheet.width > 100 && sheet.height > 60)
    // a second run reuses the fold models and writes the same table
    let before = try Data(contentsOf: out)
    try runGalmorph(args)
    #expect(try Data(contentsOf: out) == before)
    // bad input: a missing stack is named, nothing is written
    #expect(throws: (any Error).self) {
      try runGalmorph(["clean", "--image-stack", tmp.file("nope.h5").path, "--output", tmp.file("x/x.csv").path])
    }
    #expect(!FileManager.default.fileExists(atPath: tmp.file("x/x.csv").path))
  }
}
