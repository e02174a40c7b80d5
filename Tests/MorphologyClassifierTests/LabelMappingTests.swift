// galmorph — MorphologyClassifierTests

import Testing
@testable import MorphologyClassifier

@Suite("Labels and splits")
struct LabelMappingTests {
  @Test func defaultVocabulary() throws {
    let m = LabelMapping()
    let (labels, dropped) = try m.apply(
      ["Spiral", "elliptical", "other", "1.0", "E", "uncertain", ""], source: "c.csv", column: "cls")
    #expect(labels == [1, 0, nil, 1, 0, nil, nil])
    #expect(dropped == ["other": 1, "uncertain": 1, "": 1])
  }

  @Test func unknownValuesAreAnErrorListingThem() {
    let m = LabelMapping()
    #expect {
      try m.apply(["spiral", "Sb", "Sb", "lenticular"], source: "cat.csv", column: "morph")
    } throws: { error in
      let text = String(describing: error)
      return text.contains("cat.csv") && text.contains("'morph'") && text.contains("Sb (2 rows)")
        && text.contains("lenticular (1 rows)") && text.contains("--spiral")
    }
  }

  @Test func explicitListsDropTheRest() throws {
    let m = LabelMapping(spiral: ["1", "2", "3"], elliptical: ["0"])
    let (labels, dropped) = try m.apply(["0", "1", "2", "3", "4", "5", "5"], source: "l.csv", column: "gz1_class")
    #expect(labels == [0, 1, 1, 1, nil, nil, nil])
    #expect(dropped == ["4": 1, "5": 2])
  }

  @Test func stratifiedSplitKeepsFractionsAndIsSeeded() {
    let y = (0..<1000).map { $0 % 10 < 3 ? 1 : 0 }
    let a = DataSplit.stratified(labels: y, validationFraction: 0.2, seed: 5)
    let b = DataSplit.stratified(labels: y, validationFraction: 0.2, seed: 5)
    let c = DataSplit.stratified(labels: y, validationFraction: 0.2, seed: 6)
    #expect(a == b)
    #expect(a != c)
    #expect(a.validation.count == 200 && a.train.count == 800)
    #expect(a.validation.filter { y[$0] == 1 }.count == 60)
    #expect(Set(a.train).isDisjoint(with: a.validation))
  }

  @Test func balancedWeightsGiveEachClassHalfTheLoss() {
    let y = [1, 0, 0, 0]
    let w = ClassBalancing.weights.classWeights(labels: y)
    #expect(w == [4.0 / 6.0, 2.0])
    #expect(Float(3) * w[0] == Float(1) * w[1])
  }
}
