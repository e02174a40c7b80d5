// galmorph — GalmorphCommandsTests

import Foundation
import GalmorphCommands
import GalmorphSupport
import Testing
import _GalmorphTestSupport

/// `galmorph stack`, `evaluate --held-out` and `annotate` on the bundled stack and the shipped model.
@Suite("Classifier commands")
struct ClassifierCommandTests {
  static let model = SharedData.packageRoot.appendingPathComponent("Catalogs/galmorph-gz1-netb.h5")
  static let stack = SharedData.packageRoot.appendingPathComponent("Catalogs/gz1_cutouts_64.h5")
  static let metrics = SharedData.packageRoot.appendingPathComponent("Catalogs/galmorph-gz1-netb.test-metrics.json")
  static var bundled: Bool { [model, stack, metrics].allSatisfy { FileManager.default.fileExists(atPath: $0.path) } }

  struct Report: Decodable { var n: Int; var accuracy: Double; var roc_auc: Double; var held_out: Bool }

  /// The README's evaluation runs with nothing downloaded: the shipped model on its held-out test galaxies in the
  /// bundled stack reproduces the card's numbers (from the JPEGs) up to the stack's uint8 rounding.
  @Test(.enabled(if: ClassifierCommandTests.bundled, "bundled model/stack not present"))
  func heldOutEvaluationOnTheBundledStack() throws {
    let out = try runGalmorph([
      "evaluate", "--image-stack", Self.stack.path, "--model", Self.model.path, "--held-out", "--json",
    ])
    let r = try JSONDecoder().decode(Report.self, from: Data(out.utf8))
    let card = try JSONDecoder().decode(Report.self, from: Data(contentsOf: Self.metrics))
    #expect(r.held_out && r.n == card.n)
    #expect(abs(r.accuracy - card.accuracy) <= 3.0 / Double(card.n), "stack \(r.accuracy) vs JPEG \(card.accuracy)")
    #expect(abs(r.roc_auc - card.roc_auc) < 0.003)
  }

  /// `--held-out` scores only the rows the model's training recorded as its test part, so it must refuse a catalog
  /// the model was not trained on (here the 12 bundled example cutouts), naming both files and the checksums.
  @Test(.enabled(if: ClassifierCommandTests.bundled, "bundled model/stack not present"))
  func heldOutRefusesACatalogTheModelWasNotTrainedOn() throws {
    let examples = SharedData.packageRoot.appendingPathComponent("Catalogs/examples/examples.csv")
    #expect {
      try runGalmorph(["evaluate", "--catalog", examples.path, "--model", Self.model.path, "--held-out"])
    } throws: { error in
      let text = "\(error)"
      return text.contains(examples.path) && text.contains("is not the one \(Self.model.path) was trained on")
        && text.contains("--held-out needs the training catalog")
    }
  }

  /// stack → annotate (FITS) → evaluate on 40 real GZ1 cutouts; every row kept, FITS table readable by astropy.
  @Test(
    .enabled(if: SharedData.isAvailable && ClassifierCommandTests.bundled, SharedData.skipMessage),
    .enabled(if: pythonHasAstropy, "skipped: python3 with astropy not found (.ci/deps.sh installs it)"))
  func stackThenAnnotateToFITS() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let lines = try String(contentsOf: SharedData.url("gz1_smallgz1_images/labels.csv"), encoding: .utf8)
      .split(separator: "\n").map(String.init)
    let root = SharedData.url("gz1_smallgz1_images").path
    let rows = lines[1...40].map { line -> String in
      var f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      f[4] = root + "/" + f[4]
      return f.joined(separator: ",")
    }
    try ([lines[0]] + rows).joined(separator: "\n").appending("\n").write(
      to: tmp.file("cat.csv"), atomically: true, encoding: .utf8)
    let said = try runGalmorph([
      "stack", "--catalog", tmp.file("cat.csv").path, "--label-column", "binary_label",
      "--id-column", "objid", "--output", tmp.file("s.h5").path,
    ])
    let nLabelled = rows.filter { !$0.contains(",other,") }.count
    #expect(said.contains("\(nLabelled) images"))
    try runGalmorph([
      "annotate", "--image-stack", tmp.file("s.h5").path, "--model", Self.model.path,
      "--output", tmp.file("a.fits").path,
    ])
    let py = try runPython(
      """
      from astropy.table import Table; t = Table.read('\(tmp.file("a.fits").path)', hdu=1)
      print(len(t), ','.join(t.colnames), str(t['id'][0]).strip(), int((t['status'] == 'ok').sum()), t.meta.get('GMMODEL', ''))
      """)
    let parts = py.split(separator: " ").map(String.init)
    #expect(parts.count == 5, "astropy output: \(py)")
    if parts.count == 5 {
      #expect(parts[0] == String(nLabelled))
      #expect(parts[1] == "stack_index,id,row,label,p_spiral,p_elliptical,predicted_class,p_spiral_std,n_tta,status")
      #expect(parts[2] == lines[1].split(separator: ",")[0].description && parts[3] == String(nLabelled))
      let modelSHA = try Checksum.sha256(fileAt: Self.model)
      #expect(parts[4].trimmingCharacters(in: .whitespacesAndNewlines) == modelSHA)
    }
  }

  @Test func badOptionsAreRefused() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    #expect(throws: (any Error).self) { try runGalmorph(["evaluate", "--catalog", "a.csv", "--image-stack", "b.h5"]) }
    #expect(throws: (any Error).self) { try runGalmorph(["annotate", "--output", tmp.file("x.csv").path]) }
    try "file,label\n".write(to: tmp.file("empty.csv"), atomically: true, encoding: .utf8)
    do {
      try runGalmorph(["stack", "--catalog", tmp.file("empty.csv").path, "--output", tmp.file("s.h5").path])
      Issue.record("no error")
    } catch { #expect("\(error)".contains("empty.csv")) }
  }
}
