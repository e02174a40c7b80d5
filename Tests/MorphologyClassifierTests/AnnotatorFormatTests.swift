// galmorph — MorphologyClassifierTests

import CatalogIO
import FITSIO
import Foundation
import GalmorphSupport
@testable import MorphologyClassifier
import NeuralNet
import Testing
import _GalmorphTestSupport

/// Annotation from FITS tables and image stacks, and into FITS binary tables. The reference is the CSV annotation
/// of the same catalog (itself tested in AnnotatorTests): the formats must not change a single value.
@Suite("Annotation formats")
struct AnnotatorFormatTests {
  func annotator(_ m: ClassifierModel, tta: Int = 1) -> Annotator {
    Annotator(model: m, modelSHA256: "m", batchSize: 4, tta: tta, progressStyle: .silent)
  }

  @Test func fitsOutputHoldsTheCSVValuesAndProvenance() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let cat = try SyntheticGalaxies.writeCatalog(n: 11, size: 36, folder: tmp.url, missing: [2])
    let m = try SyntheticGalaxies.untrainedModel()
    try annotator(m, tta: 8).annotate(catalog: cat, output: tmp.file("a.csv"))
    try annotator(m, tta: 8).annotate(catalog: cat, output: tmp.file("a.fits"))
    let csv = try csvRows(tmp.file("a.csv"))
    let fits = try CatalogFile.open(tmp.file("a.fits"))
    #expect(fits.columnNames == csv[0] && fits.rowCount == 11)
    let cols = try fits.readColumns(
      ["id", "p_spiral", "p_spiral_std", "n_tta", "status", "predicted_class"], rows: 0..<11)
    #expect(cols[0].type == .int64 && cols[1].type == .double && cols[3].type == .int64 && cols[4].type == .string)
    for i in 0..<11 {
      let row = csv[i + 1]
      #expect(cols[0].stringValues[i] == row[0])
      if row[3].isEmpty {
        let v = cols[1].doubleValues?[i] ?? nil
        #expect(v == nil || v?.isNaN == true, "row \(i): undefined p_spiral")
      } else {
        #expect(cols[1].doubleValues?[i] == Double(row[3]), "row \(i): p_spiral")
        #expect(cols[2].doubleValues?[i] == Double(row[6]), "row \(i): p_spiral_std")
      }
      #expect(
        cols[3].stringValues[i] == row[7] && cols[4].stringValues[i] == row[8]
          && (cols[5].stringValues[i] ?? "") == row[5])
    }
    let header = try FITSFile(url: tmp.file("a.fits")).header(.index(1))
    let catSHA = try Checksum.sha256(fileAt: cat)
    #expect(header.string("GMMODEL") == "m" && header.string("GMSHA001") == catSHA)
    #expect(!FileManager.default.fileExists(atPath: tmp.file("a.fits.partial").path))
  }

  @Test func fitsOutputResumesToTheSameTable() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let cat = try SyntheticGalaxies.writeCatalog(n: 13, size: 36, folder: tmp.url)
    let m = try SyntheticGalaxies.untrainedModel()
    try annotator(m).annotate(catalog: cat, output: tmp.file("full.fits"))
    let s = try annotator(m).annotate(catalog: cat, output: tmp.file("part.fits"), stopAfterBatches: 2)
    #expect(!s.finished && !FileManager.default.fileExists(atPath: tmp.file("part.fits").path))
    try annotator(m).annotate(catalog: cat, output: tmp.file("part.fits"), resume: true)
    let a = try CatalogFile.open(tmp.file("full.fits")), b = try CatalogFile.open(tmp.file("part.fits"))
    let x = try a.readAll(a.columnNames), y = try b.readAll(b.columnNames)
    #expect(x == y)
  }

  /// A FITS binary-table catalog annotates to the same probabilities as its CSV twin.
  @Test func fitsTableInput() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let cat = try SyntheticGalaxies.writeCatalog(n: 9, size: 36, folder: tmp.url, missing: [4])
    let rows = try csvRows(cat)
    try FITSWriter.writeTable(
      columns: [
        FITSColumnSpec("id", .int64), FITSColumnSpec("file", .string(width: 12)),
        FITSColumnSpec("label", .string(width: 10)),
      ],
      values: [
        .integer(rows.dropFirst().map { Int64($0[0])! }), .string(rows.dropFirst().map { $0[1] }),
        .string(rows.dropFirst().map { $0[2] }),
      ],
      extname: "CAT", to: tmp.file("cat.fits"))
    let m = try SyntheticGalaxies.untrainedModel()
    try annotator(m).annotate(catalog: cat, output: tmp.file("from-csv.csv"))
    let s = try annotator(m).annotate(catalog: tmp.file("cat.fits"), output: tmp.file("from-fits.csv"))
    #expect(s.rows == 9 && s.statusCounts["missing_image"] == 1)
    let fromFITS = try csvRows(tmp.file("from-fits.csv")), fromCSV = try csvRows(tmp.file("from-csv.csv"))
    #expect(fromFITS == fromCSV)
  }

  /// An image stack from `ImageStackExport` annotates like its catalog, to uint8 quantisation.
  @Test func imageStackInput() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let cat = try SyntheticGalaxies.writeCatalog(n: 10, size: 36, folder: tmp.url)
    try ImageStackExport.write(catalog: cat, idColumn: "id", cropSize: 32, size: 32, output: tmp.file("s.h5"))
    #expect(Annotator.isImageStack(tmp.file("s.h5")) && !Annotator.isImageStack(cat))
    let m = try SyntheticGalaxies.untrainedModel()
    try annotator(m).annotate(catalog: cat, output: tmp.file("cat.csv"))
    let s = try annotator(m).annotate(catalog: tmp.file("s.h5"), output: tmp.file("stack.csv"))
    #expect(s.rows == 10 && s.statusCounts == ["ok": 10])
    let a = try csvRows(tmp.file("cat.csv")), b = try csvRows(tmp.file("stack.csv"))
    #expect(b[0] == ["stack_index", "id", "row", "label"] + Annotator.addedColumns)
    for i in 1...10 {
      #expect(b[i][1] == a[i][0] && b[i][3] == a[i][2])
      #expect(abs(Double(b[i][4])! - Double(a[i][3])!) < 0.02, "row \(i): p_spiral from the stack vs the PNG")
    }
  }

  /// A killed-then-resumed annotation of an image stack equals the uninterrupted one, row for row.
  @Test func imageStackAnnotationResumesToTheSameRows() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let cat = try SyntheticGalaxies.writeCatalog(n: 14, size: 36, folder: tmp.url)
    try ImageStackExport.write(catalog: cat, idColumn: "id", cropSize: 32, size: 32, output: tmp.file("s.h5"))
    let m = try SyntheticGalaxies.untrainedModel()
    try annotator(m).annotate(catalog: tmp.file("s.h5"), output: tmp.file("full.csv"))
    let cut = try annotator(m).annotate(catalog: tmp.file("s.h5"), output: tmp.file("part.csv"), stopAfterBatches: 2)
    #expect(!cut.finished && cut.rows == 8 && !FileManager.default.fileExists(atPath: tmp.file("part.csv").path))
    let done = try annotator(m).annotate(catalog: tmp.file("s.h5"), output: tmp.file("part.csv"), resume: true)
    #expect(done.finished && done.rows == 14)
    #expect(try csvRows(tmp.file("part.csv")) == csvRows(tmp.file("full.csv")))
  }

  /// Training reads a FITS binary-table catalog exactly as its CSV twin: same examples, labels and rows, and a
  /// bit-identical model.
  @Test func trainingFromFITSTableEqualsTrainingFromCSV() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let cat = try SyntheticGalaxies.writeCatalog(n: 24, size: 36, folder: tmp.url)
    let rows = try csvRows(cat).dropFirst()
    try FITSWriter.writeTable(
      columns: [
        FITSColumnSpec("id", .int64), FITSColumnSpec("file", .string(width: 12)),
        FITSColumnSpec("label", .string(width: 10)),
      ],
      values: [
        .integer(rows.map { Int64($0[0])! }), .string(rows.map { $0[1] }),
        .string(rows.map { $0[2] }),
      ],
      extname: "CAT", to: tmp.file("cat.fits"))
    let columns = CatalogColumns(image: "file", label: "label")
    let recipe = SyntheticGalaxies.recipe()
    let a = try LabelledDataset.load(catalog: cat, columns: columns, recipe: recipe)
    let b = try LabelledDataset.load(catalog: tmp.file("cat.fits"), columns: columns, recipe: recipe)
    #expect(a.count == 24 && b.labels == a.labels && b.rows == a.rows)
    #expect(b.inputs.map(\.bitPattern) == a.inputs.map(\.bitPattern))
    let cfg = SyntheticGalaxies.config(epochs: 1)
    let ma = try Trainer(config: cfg, progressStyle: .silent).train(a).model
    let mb = try Trainer(config: cfg, progressStyle: .silent).train(b).model
    #expect(
      ma.network.parameters().mapValues { $0.values.map(\.bitPattern) }
        == mb.network.parameters().mapValues { $0.values.map(\.bitPattern) })
    #expect(mb.provenance?.inputs.keys.first?.hasSuffix("cat.fits") == true)
  }
}
