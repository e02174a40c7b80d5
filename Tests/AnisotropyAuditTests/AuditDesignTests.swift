// galmorph — AnisotropyAuditTests
//
// The audit's plan: a common test set never trained on, and training sets of equal size and class composition.

import Testing
@testable import AnisotropyAudit
import GalmorphSupport

@Suite("Audit design")
struct AuditDesignTests {
  /// 3000 galaxies, spiral fraction 0.6 on side A and 0.3 on side B of split 0 (70% of galaxies on A), and a second
  /// split independent of the first.
  static func sample() -> (labels: [Int], sides: [[Bool]]) {
    var rng = SeededGenerator(seed: 7)
    var labels: [Int] = [], s0: [Bool] = [], s1: [Bool] = []
    for _ in 0..<3000 {
      let a = rng.nextUnit() < 0.7
      s0.append(a)
      s1.append(rng.nextUnit() < 0.5)
      labels.append(rng.nextUnit() < (a ? 0.6 : 0.3) ? 1 : 0)
    }
    return (labels, [s0, s1])
  }

  @Test func trainingSetsMatchInSizeAndClassesAndNeverTouchTheTestSet() throws {
    let (labels, sides) = Self.sample()
    let d = try AuditDesign(labels: labels, sides: sides, testFraction: 0.25, seeds: [1, 2, 3], baseSeed: 42)
    let test = Set(d.test)
    #expect(abs(Double(d.test.count) - 750) <= 1)
    // Stratified: the test set's spiral fraction is the sample's to within rounding.
    let f = Double(labels.reduce(0, +)) / 3000, ft = Double(d.test.filter { labels[$0] == 1 }.count) / Double(d.test.count)
    #expect(abs(f - ft) < 0.002)
    for sd in d.seeds {
      let sets = sd.sky.flatMap { $0 } + sd.control
      for rows in sets {
        #expect(rows.count == d.trainingSize)
        #expect(rows.filter { labels[$0] == 1 }.count == d.spirals)
        #expect(Set(rows).count == rows.count)
        #expect(Set(rows).isDisjoint(with: test))
      }
      for (s, pair) in sd.sky.enumerated() {
        #expect(pair[0].allSatisfy { sides[s][$0] })
        #expect(pair[1].allSatisfy { !sides[s][$0] })
      }
      #expect(Set(sd.control[0]).isDisjoint(with: Set(sd.control[1])))
    }
    // The smaller class count on the smaller side limits every set: side B of split 0 has ~0.8·900·0.3 ≈ 216 spirals.
    #expect(d.spirals > 150 && d.spirals < 260)
  }

  @Test func seedsAreIndependentOfEachOtherAndReproducible() throws {
    let (labels, sides) = Self.sample()
    let all = try AuditDesign(labels: labels, sides: sides, seeds: [1, 2, 3], baseSeed: 5)
    let one = try AuditDesign(labels: labels, sides: sides, seeds: [2], baseSeed: 5)
    #expect(all.seeds[1] == one.seeds[0])
    #expect(all == (try AuditDesign(labels: labels, sides: sides, seeds: [1, 2, 3], baseSeed: 5)))
    #expect(all.seeds[0].sky != all.seeds[1].sky)
  }

  @Test func controlHalvesIgnoreTheSky() throws {
    // Controls are drawn without looking at positions: over seeds, a control set's share of side-A galaxies is what
    // class-stratified random draws from the pool give, (s·a_S + e·a_E)/(s + e) with a_S, a_E the pool's side-A
    // shares of spirals and ellipticals, unlike a sky side (1 or 0).
    let (labels, sides) = Self.sample()
    let d = try AuditDesign(labels: labels, sides: sides, seeds: Array(1...20), baseSeed: 3)
    let test = Set(d.test)
    let pool = labels.indices.filter { !test.contains($0) }
    func shareA(_ rows: [Int]) -> Double { Double(rows.filter { sides[0][$0] }.count) / Double(rows.count) }
    let aS = shareA(pool.filter { labels[$0] == 1 }), aE = shareA(pool.filter { labels[$0] == 0 })
    let expected = (Double(d.spirals) * aS + Double(d.ellipticals) * aE) / Double(d.trainingSize)
    let shares = d.seeds.flatMap { $0.control }.map(shareA)
    let mean = shares.reduce(0, +) / Double(shares.count)
    // 40 sets of ~700 drawn from ~2400: SE of the mean share ≈ 0.003.
    #expect(abs(mean - expected) < 0.012, "mean side-A share of control sets \(mean), expected \(expected)")
  }

  @Test func capScalesBothClassesAndTooSmallSamplesAreRefused() throws {
    let (labels, sides) = Self.sample()
    let d = try AuditDesign(labels: labels, sides: sides, seeds: [1], baseSeed: 1, maxTrainingSize: 100)
    #expect(d.trainingSize <= 100 && d.trainingSize >= 98)
    #expect(throws: AuditError.self) {
      try AuditDesign(labels: Array(labels.prefix(20)), sides: sides.map { Array($0.prefix(20)) }, seeds: [1], baseSeed: 1)
    }
    #expect(throws: AuditError.self) { try AuditDesign(labels: labels, sides: sides, testFraction: 1.2, seeds: [1], baseSeed: 1) }
  }
}
