// galmorph — MorphologyClassifierTests

import Foundation
import GalmorphSupport
import HDF5IO
@testable import MorphologyClassifier
import Testing
import _GalmorphTestSupport

@Suite("Image stack export")
struct ImageStackExportTests {
  struct Golden: Decodable {
    struct Galaxy: Decodable { var objid: String; var file: String; var label: String; var uint8_base64: String }
    var crop_size: Int; var size: Int; var galaxies: [Galaxy]
  }

  /// A catalog of the golden galaxies (absolute paths) plus one 'other' row, which is left out and counted.
  func goldenCatalog(_ tmp: TemporaryFolder, _ g: Golden) throws -> URL {
    let root = SharedData.url("gz1_smallgz1_images")
    var text = "objid,binary_label,file\n"
    for x in g.galaxies { text += "\(x.objid),\(x.label),\(root.appendingPathComponent(x.file).path)\n" }
    text += "1,other,\(root.appendingPathComponent(g.galaxies[0].file).path)\n"
    let url = tmp.file("golden.csv")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url
  }

  /// Pixels against Pillow decoding + numpy crop + OpenCV INTER_AREA + round-to-uint8 (gen_stack_golden.py).
  @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
  func exportMatchesPillowOpenCV() throws {
    let g = try Reference.json(Golden.self, "stack_golden.json")
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let cat = try goldenCatalog(tmp, g)
    let out = tmp.file("stack.h5")
    let s = try ImageStackExport.write(
      catalog: cat, columns: CatalogColumns(label: "binary_label"), idColumn: "objid",
      cropSize: g.crop_size, size: g.size, output: out)
    #expect(s.count == g.galaxies.count && s.droppedLabels == ["other": 1])
    let outSHA = try Checksum.sha256(fileAt: out), catSHA = try Checksum.sha256(fileAt: cat)
    #expect(s.sha256 == outSHA)
    let f = try HDF5File(url: out); defer { f.close() }
    let images = try f.dataset("images")
    #expect(images.shape == [g.galaxies.count, 64, 64, 3])
    let pixels = try images.read(as: UInt8.self)
    for (i, x) in g.galaxies.enumerated() {
      let want = [UInt8](Data(base64Encoded: x.uint8_base64)!)
      let got = Array(pixels[(i * 12288)..<((i + 1) * 12288)])
      let diffs = zip(got, want).map { abs(Int($0) - Int($1)) }
      #expect(diffs.max()! <= 2, "galaxy \(x.objid): max |Δ| \(diffs.max()!) grey levels")
      #expect(Double(diffs.reduce(0, +)) / Double(diffs.count) < 0.1, "galaxy \(x.objid): mean |Δ|")
    }
    let ids = try f.dataset("id").readStrings(), labels = try f.dataset("labels").readStrings()
    let rows = try f.dataset("row").read(as: Int64.self)
    #expect(ids == g.galaxies.map(\.objid) && labels == g.galaxies.map(\.label) && rows == [0, 1, 2, 3, 4])
    let crop = try f.attributes.string("crop_size"), source = try f.attributes.string("source_sha256")
    #expect(crop == "224" && source == catSHA)
    let prov = try JSONDecoder().decode(Provenance.self, from: Data(try f.attributes.string("provenance").utf8))
    #expect(prov.inputs[cat.path] == catSHA)
  }

  /// Reading the stack back gives the same network inputs as preprocessing the JPEGs (up to uint8 quantisation),
  /// the catalog rows, and the catalog checksum; a model for another crop is refused with the file named.
  @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
  func stackLoadsLikeTheCatalog() throws {
    let g = try Reference.json(Golden.self, "stack_golden.json")
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let cat = try goldenCatalog(tmp, g)
    let out = tmp.file("stack.h5")
    try ImageStackExport.write(
      catalog: cat, columns: CatalogColumns(label: "binary_label"), idColumn: "objid", output: out)
    let recipe = PreprocessingRecipe(cropSize: 224, inputSize: 64)
    let a = try LabelledDataset.load(catalog: cat, columns: CatalogColumns(label: "binary_label"), recipe: recipe)
    let b = try LabelledDataset.load(imageStack: out, scale: 1 / 255, recipe: recipe)
    #expect(a.labels == b.labels && a.rows == b.rows && b.upstreamSHA256 == a.sourceSHA256)
    let maxDiff = zip(a.inputs, b.inputs).map { abs($0 - $1) }.max() ?? 1
    #expect(maxDiff < 0.05, "standardised inputs differ by \(maxDiff)")
    do {
      _ = try LabelledDataset.load(imageStack: out, recipe: PreprocessingRecipe(cropSize: 256, inputSize: 64))
      Issue.record("no error")
    } catch let e as ClassifierError {
      #expect(e.description.contains("stack.h5") && e.description.contains("224") && e.description.contains("256"))
    }
  }

  /// Bad input: a missing image names the image, the catalog and its line; a subset keeps both classes.
  @Test func missingImageAndSubset() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let cat = try SyntheticGalaxies.writeCatalog(n: 20, size: 40, folder: tmp.url)
    let s = try ImageStackExport.write(
      catalog: cat, cropSize: 32, size: 16, maxCount: 10, seed: 4, output: tmp.file("sub.h5"))
    #expect(s.count == 10)
    let f = try HDF5File(url: tmp.file("sub.h5")); defer { f.close() }
    let labels = try f.dataset("labels").readStrings()
    #expect(labels.filter { $0 == "spiral" }.count == 5, "stratified: the catalog is half spiral")
    let rows = try f.dataset("row").read(as: Int64.self)
    #expect(rows == rows.sorted() && Set(rows).count == 10)
    try FileManager.default.removeItem(at: tmp.file("img3.png"))
    do {
      try ImageStackExport.write(catalog: cat, cropSize: 32, size: 16, output: tmp.file("bad.h5"))
      Issue.record("no error")
    } catch let e as ClassifierError {
      #expect(
        e.description.contains("img3.png") && e.description.contains("line 5") && e.description.contains("catalog.csv"))
    }
    #expect(!FileManager.default.fileExists(atPath: tmp.file("bad.h5").path), "no partial output")
  }
}
