// galmorph — GalmorphCommandsTests
//
// `train --vat` with the ε search, `--unlabel-suspects` from `clean`, `--unlabelled` and `--inject-flips` end to end
// on a small simulated stack (issue 19).

import Foundation
import GalmorphSupport
import MorphologyClassifier
import Testing
import _GalmorphTestSupport

@Suite("train --vat, --unlabel-suspects, --unlabelled")
struct VATCommandTests {
  @Test func cleanThenVATWithRemovedLabelsAndAnUnlabelledStack() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    try runGalmorph(["simulate", "--preset", "null", "--count", "160", "--seed", "8", "--out", tmp.file("sim").path])
    let stack = tmp.file("sim/cutouts.h5").path
    let small = ["--crop-size", "64", "--input-size", "32"]
    let suspects = tmp.file("clean.csv")
    try runGalmorph(
      [
        "clean", "--image-stack", stack, "--folds", "3", "--epochs", "2", "--inject-flips", "0.1", "--output",
        suspects.path,
      ]
        + small)
    let flagged = try String(contentsOf: suspects, encoding: .utf8).split(separator: "\n").dropFirst()
      .filter { $0.split(separator: ",")[4] == "1" }.count
    #expect(flagged > 0)

    let out = tmp.file("vat/m.h5")
    let text = try runGalmorph(
      [
        "train", "--image-stack", stack, "--epochs", "3", "--inject-flips", "0.1", "--unlabel-suspects",
        suspects.path, "--vat", "--vat-epsilon", "3,1", "--unlabelled", stack, "--output", out.path,
      ] + small)
    #expect(text.contains("VAT ε = 1 ") && text.contains("VAT ε = 3 ") && text.contains("← chosen"), "\(text)")
    let m = try ClassifierModel.load(from: out)
    #expect(m.trainingSummary["injected_flips"]?.hasPrefix("16 of 160") == true, "\(m.trainingSummary)")
    #expect(m.trainingSummary["unlabelled_suspects"]?.hasPrefix("\(flagged) (") == true)
    #expect(m.trainingSummary["unlabelled_images"]?.hasPrefix("160 (") == true)
    #expect(m.provenance?.inputs[suspects.path] == (try Checksum.sha256(fileAt: suspects)))
    let search = try #require(m.trainingSummary["vat_epsilon_search"])
    let aucs = search.split(separator: ",").map { Double($0.split(separator: ":")[1])! }
    #expect(aucs.count == 2 && m.trainingSummary["vat_epsilon"] == (aucs[1] > aucs[0] ? "3.0" : "1.0"), "\(search)")
    for e in ["1", "3"] { #expect(FileManager.default.fileExists(atPath: tmp.file("vat/m.vat-eps\(e).h5").path)) }
    let log = try String(contentsOf: tmp.file("vat/m.vat-eps1.h5.log.jsonl"), encoding: .utf8)
    #expect(log.contains("\"vat_lds\""))

    // The held-out part (15 % of the 160 galaxies, never the appended images) is scored on the stack's labels.
    let eval = try runGalmorph(["evaluate", "--image-stack", stack, "--model", out.path, "--held-out"])
    #expect(eval.hasPrefix("n=24 "), "\(eval)")
  }

  @Test func suspectsFromOtherLabelsOrRowsAreRefusedNamingFileRowAndColumn() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    try runGalmorph(["simulate", "--preset", "null", "--count", "40", "--seed", "2", "--out", tmp.file("sim").path])
    let stack = tmp.file("sim/cutouts.h5").path
    // the truth catalog's first galaxy is the stack's row 0
    let truth = try String(contentsOf: tmp.file("sim/catalog.csv"), encoding: .utf8).split(separator: "\n")
    let column = try #require(truth[0].split(separator: ",").firstIndex(of: "label"))
    let wrong = truth[1].split(separator: ",")[column] == "1" ? "0" : "1"
    let file = tmp.file("suspects.csv")
    for (body, column) in [("0,\(wrong),0,0.2,1,0.8\n", "label"), ("999,1,0,0.2,1,0.8\n", "row")] {
      try ("row,label,fold,oof_p_spiral,suspect_label,suspect_score\n1,0,0,0.5,0,0.1\n" + body).write(
        to: file, atomically: true, encoding: .utf8)
      do {
        try runGalmorph([
          "train", "--image-stack", stack, "--crop-size", "64", "--input-size", "32", "--epochs", "1",
          "--unlabel-suspects", file.path, "--output", tmp.file("x.h5").path,
        ])
        Issue.record("a suspects file with a bad \(column) was accepted")
      } catch {
        let message = "\(error)"
        #expect(message.contains("suspects.csv") && message.contains("row 2") && message.contains(column), "\(message)")
      }
      #expect(!FileManager.default.fileExists(atPath: tmp.file("x.h5").path))
    }
    // --unlabelled without --vat, a bad ε list
    for extra in [["--unlabelled", stack], ["--vat", "--vat-epsilon", "2,x"], ["--vat", "--vat-epsilon", "0"]] {
      #expect(throws: (any Error).self) {
        try runGalmorph(["train", "--image-stack", stack, "--output", tmp.file("y.h5").path] + extra)
      }
    }
  }
}
