// galmorph — MorphologyClassifierTests

import CatalogIO
import Foundation
import GalmorphSupport
@testable import MorphologyClassifier
import NeuralNet
import Testing
import _GalmorphTestSupport

@Suite("Annotation and bad input")
struct AnnotatorTests {
  /// A fixed small model (seeded initialisation; its predictions need not be good here).
  @Test func missingImageIsKeptAndFlagged() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let cat = try SyntheticGalaxies.writeCatalog(n: 12, size: 40, folder: tmp.url, missing: [5])
    try "not a png".write(to: tmp.file("img7.png"), atomically: true, encoding: .utf8)
    let out = tmp.file("out.csv")
    let a = Annotator(
      model: try SyntheticGalaxies.untrainedModel(), modelSHA256: "m", batchSize: 5, tta: 8, progressStyle: .silent)
    let s = try a.annotate(catalog: cat, output: out)
    #expect(s.finished && s.rows == 12)
    let t = try csvRows(out)
    #expect(t[0] == ["id", "file", "label"] + Annotator.addedColumns)
    #expect(t.count == 13)
    let input = try csvRows(cat)
    for i in 1...12 { #expect(Array(t[i].prefix(3)) == input[i], "row \(i) copied verbatim") }
    #expect(t[6].last == "missing_image" && t[6][3] == "" && t[6][7] == "0")
    #expect(t[8].last == "unreadable_image")
    #expect(t[1].last == "ok" && t[1][7] == "8")
    let p = Double(t[1][3])!, q = Double(t[1][4])!
    #expect(abs(p + q - 1) < 2e-6 && (0...1).contains(p))
    #expect(Double(t[1][6])! >= 0)
    #expect(s.statusCounts == ["ok": 10, "missing_image": 1, "unreadable_image": 1])
    // Provenance sidecar, no partial files left behind.
    let meta = try JSONDecoder().decode(Provenance.self, from: Data(contentsOf: tmp.file("out.csv.meta.json")))
    let catHash = try Checksum.sha256(fileAt: cat)
    #expect(meta.modelSHA256 == "m" && meta.inputs[cat.path] == catHash)
    #expect(!FileManager.default.fileExists(atPath: out.path + ".partial"))
  }

  @Test func killedThenResumedEqualsUninterrupted() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let cat = try SyntheticGalaxies.writeCatalog(n: 23, size: 36, folder: tmp.url, missing: [3, 17])
    let m = try SyntheticGalaxies.untrainedModel()
    let full = tmp.file("full.csv"), part = tmp.file("part.csv")
    try Annotator(model: m, modelSHA256: "m", batchSize: 4, progressStyle: .silent).annotate(catalog: cat, output: full)
    let s1 = try Annotator(model: m, modelSHA256: "m", batchSize: 4, progressStyle: .silent)
      .annotate(catalog: cat, output: part, stopAfterBatches: 3)
    #expect(!s1.finished && s1.rows == 12)
    #expect(!FileManager.default.fileExists(atPath: part.path))
    // A kill between writing rows and recording them leaves extra bytes: resume must drop them.
    let h = try FileHandle(forWritingTo: URL(fileURLWithPath: part.path + ".partial"))
    try h.seekToEnd(); try h.write(contentsOf: Data("garbage,row\n".utf8)); try h.close()
    let s2 = try Annotator(model: m, modelSHA256: "m", batchSize: 4, progressStyle: .silent)
      .annotate(catalog: cat, output: part, resume: true)
    #expect(s2.finished && s2.rows == 23)
    let partData = try Data(contentsOf: part), fullData = try Data(contentsOf: full)
    #expect(partData == fullData)
    // Resuming with another model is refused.
    _ = try Annotator(model: m, modelSHA256: "m", batchSize: 4, progressStyle: .silent).annotate(
      catalog: cat, output: part, stopAfterBatches: 1)
    #expect(throws: ClassifierError.self) {
      try Annotator(model: m, modelSHA256: "other", batchSize: 4, progressStyle: .silent).annotate(
        catalog: cat, output: part, resume: true)
    }
  }

  @Test func badInputErrorsNameTheFile() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let recipe = PreprocessingRecipe(cropSize: 32, inputSize: 32)
    let cat = try SyntheticGalaxies.writeCatalog(n: 6, size: 40, folder: tmp.url)
    // Loads fine, both classes, 3 each.
    let ok = try LabelledDataset.load(catalog: cat, recipe: recipe)
    let catHash = try Checksum.sha256(fileAt: cat)
    #expect(ok.count == 6 && ok.labels == [0, 1, 0, 1, 0, 1] && ok.sourceSHA256 == catHash)
    // Unknown labels are listed.
    var text = try String(contentsOf: cat, encoding: .utf8)
    try text.replacingOccurrences(of: "2,img2.png,elliptical", with: "2,img2.png,lenticular").write(
      to: tmp.file("bad.csv"), atomically: true, encoding: .utf8)
    do {
      _ = try LabelledDataset.load(catalog: tmp.file("bad.csv"), recipe: recipe); Issue.record("no error")
    } catch let e as ClassifierError {
      #expect(e == .unknownLabels(path: tmp.file("bad.csv").path, column: "label", values: ["lenticular (1 rows)"]))
    }
    // Images smaller than the crop.
    do {
      _ = try LabelledDataset.load(catalog: cat, recipe: PreprocessingRecipe(cropSize: 64, inputSize: 32))
      Issue.record("no error")
    } catch let e as ClassifierError {
      guard case .imageTooSmall(let path, 40, 40, 64) = e else { Issue.record("wrong error \(e)"); return }
      #expect(path.hasSuffix("img0.png"))
    }
    // Empty catalog.
    try "id,file,label\n".write(to: tmp.file("empty.csv"), atomically: true, encoding: .utf8)
    do {
      _ = try LabelledDataset.load(catalog: tmp.file("empty.csv"), recipe: recipe); Issue.record("no error")
    } catch let e as ClassifierError {
      #expect(e.description.contains("empty.csv") && e.description.contains("no usable rows"))
    }
    // Missing image in a training catalog: names the image, catalog line and column.
    try FileManager.default.removeItem(at: tmp.file("img4.png"))
    do { _ = try LabelledDataset.load(catalog: cat, recipe: recipe); Issue.record("no error") } catch let e
      as ClassifierError
    {
      #expect(
        e.description.contains("img4.png") && e.description.contains("line 6") && e.description.contains("'file'"))
    }
    // Explicit mapping drops other values.
    text = text.replacingOccurrences(of: "elliptical", with: "E").replacingOccurrences(of: "spiral", with: "S")
    try text.write(to: tmp.file("es.csv"), atomically: true, encoding: .utf8)
    try? PNGWriterHelper.copy(tmp, "img0.png", "img4.png")
    let es = try LabelledDataset.load(
      catalog: tmp.file("es.csv"), mapping: LabelMapping(spiral: ["S"], elliptical: []), recipe: recipe)
    #expect(es.count == 3 && es.labels.allSatisfy { $0 == 1 })
  }

  @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
  func loadsGalaxyZooCutouts() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let root = SharedData.url("gz1_smallgz1_images")
    let r = try CSVReader(url: root.appendingPathComponent("labels.csv"))
    var text = r.header.joined(separator: ",") + "\n"
    var n = 0
    while let row = try r.nextRow(), n < 24 {
      text +=
        row.fields.enumerated().map {
          $0.offset == r.header.firstIndex(of: "file")! ? root.appendingPathComponent($0.element).path : $0.element
        }
        .joined(separator: ",") + "\n"
      n += 1
    }
    let cat = tmp.file("gz1.csv")
    try text.write(to: cat, atomically: true, encoding: .utf8)
    let ds = try LabelledDataset.load(
      catalog: cat, columns: CatalogColumns(label: "gz1_class"),
      mapping: LabelMapping(spiral: ["1", "2", "3"], elliptical: ["0"]), recipe: PreprocessingRecipe())
    #expect(ds.count > 0 && ds.inputs.count == ds.count * 64 * 64 * 3)
    // Standardised per image.
    let x = ds.image(0).pixels
    let mean = x.reduce(0, +) / Float(x.count)
    #expect(abs(mean) < 1e-3)
  }
}

enum PNGWriterHelper {
  static func copy(_ tmp: TemporaryFolder, _ from: String, _ to: String) throws {
    try FileManager.default.copyItem(at: tmp.file(from), to: tmp.file(to))
  }
}
