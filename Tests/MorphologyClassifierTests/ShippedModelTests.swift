// galmorph — MorphologyClassifierTests

import Foundation
import GalmorphSupport
@testable import MorphologyClassifier
import Testing
import _GalmorphTestSupport

/// The model shipped in `Catalogs/` against real Galaxy Zoo 1 cutouts it never saw in training.
@Suite("Shipped model")
struct ShippedModelTests {
  static let modelURL = SharedData.packageRoot.appendingPathComponent("Catalogs/galmorph-gz1-netb.h5")
  static let metricsURL = SharedData.packageRoot.appendingPathComponent("Catalogs/galmorph-gz1-netb.test-metrics.json")
  static let catalogURL = SharedData.url("gz1_smallgz1_images/labels.csv")
  static var isAvailable: Bool {
    SharedData.isAvailable && FileManager.default.fileExists(atPath: modelURL.path)
      && FileManager.default.fileExists(atPath: catalogURL.path)
  }

  /// The metrics `galmorph evaluate --held-out --json` reported on the whole test part (the model card's numbers).
  struct CardMetrics: Decodable { var n: Int; var accuracy: Double; var roc_auc: Double }

  @Test func modelFileDescribesItsTestSplit() throws {
    try #require(
      FileManager.default.fileExists(atPath: Self.modelURL.path), "the shipped model is missing from Catalogs/")
    let m = try ClassifierModel.load(from: Self.modelURL)
    #expect(m.recipe == PreprocessingRecipe(cropSize: 224, inputSize: 64))
    #expect(m.temperature != nil, "shipped model is calibrated")
    #expect(
      m.ensembleSize == 3 && m.trainingSummary["member_seeds"] == "1,2,3", "the model card's 3-member seed ensemble")
    let rows = try JSONDecoder().decode([Int].self, from: Data((m.trainingSummary["test_rows"] ?? "").utf8))
    let card = try JSONDecoder().decode(CardMetrics.self, from: Data(contentsOf: Self.metricsURL))
    #expect(rows.count == card.n, "the card's test metrics cover exactly the recorded test rows")
    #expect(Set(rows).count == rows.count)
  }

  /// 200 held-out galaxies (the first 200 recorded test rows): accuracy must agree with the card's test accuracy
  /// within 3 binomial standard errors of a 200-galaxy sample, and the AUC must stay near the card's.
  @Test(.enabled(if: ShippedModelTests.isAvailable, "skipped: needs ../shared/data and Catalogs/galmorph-gz1-netb.h5"))
  func heldOutCutoutsMatchTheCard() throws {
    let model = try ClassifierModel.load(from: Self.modelURL)
    let rows = try JSONDecoder().decode([Int].self, from: Data((model.trainingSummary["test_rows"] ?? "").utf8))
    let card = try JSONDecoder().decode(CardMetrics.self, from: Data(contentsOf: Self.metricsURL))
    let table = try CatalogText.read(Self.catalogURL, columns: CatalogColumns(label: "binary_label"))
    #expect(table.sha256 == model.provenance?.inputs.values.first, "the shared catalog is the training catalog")
    let pick = Array(rows.sorted().prefix(200))
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    var csv = "file,label\n"
    for r in pick { csv += "\(table.imageURL(r).path),\(table.rawLabels[r])\n" }
    try csv.write(to: tmp.file("test200.csv"), atomically: true, encoding: .utf8)
    let data = try LabelledDataset.load(catalog: tmp.file("test200.csv"), recipe: model.recipe)
    #expect(data.count == pick.count)
    let p = try model.predict(images: (0..<data.count).map { data.image($0) }, tta: 1).map(\.p)
    let m = BinaryMetrics(scores: p, labels: data.labels, threshold: model.threshold)
    let se = (card.accuracy * (1 - card.accuracy) / Double(pick.count)).squareRoot()
    #expect(abs(m.accuracy - card.accuracy) <= 3 * se, "accuracy \(m.accuracy) vs card \(card.accuracy) ± 3×\(se)")
    #expect(m.rocAUC >= card.roc_auc - 0.05, "AUC \(m.rocAUC) vs card \(card.roc_auc)")
  }
}
