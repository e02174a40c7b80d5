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
    let d = try AuditDesign(
      labels: labels, sides: sides, testFraction: 0.25, seeds: [1, 2, 3], controls: 5, baseSeed: 42)
    let test = Set(d.test)
    #expect(abs(Double(d.test.count) - 750) <= 1)
    // Stratified: the test set's spiral fraction is the sample's to within rounding.
    let f = Double(labels.reduce(0, +)) / 3000,
      ft = Double(d.test.filter { labels[$0] == 1 }.count) / Double(d.test.count)
    #expect(abs(f - ft) < 0.002)
    #expect(d.sky.count == 2 && d.controls.count == 5 && d.modelCount == 2 * 3 * 7)
    for unit in d.sky + d.controls {
      #expect(unit.reservoirs.count == 2)
      #expect(Set(unit.reservoirs[0]).isDisjoint(with: Set(unit.reservoirs[1])))
      for r in unit.reservoirs {
        #expect(r.filter { labels[$0] == 1 }.count == d.reservoirSpirals)
        #expect(r.filter { labels[$0] == 0 }.count == d.reservoirEllipticals)
        #expect(Set(r).isDisjoint(with: test))
      }
      #expect(unit.training.count == 3)
      for pair in unit.training {
        for (k, rows) in pair.enumerated() {
          #expect(rows.count == d.trainingSize)
          #expect(rows.filter { labels[$0] == 1 }.count == d.spirals)
          #expect(Set(rows).count == rows.count)
          #expect(Set(rows).isSubset(of: Set(unit.reservoirs[k])))
        }
      }
    }
    for (s, unit) in d.sky.enumerated() {
      #expect(unit.reservoirs[0].allSatisfy { sides[s][$0] })
      #expect(unit.reservoirs[1].allSatisfy { !sides[s][$0] })
    }
    // Uncapped: the training sets are the whole reservoirs, which the smaller class count on the smaller side limits
    // (side B of split 0 has ~0.75·900·0.3 ≈ 200 spirals).
    #expect(d.spirals == d.reservoirSpirals && d.spirals > 150 && d.spirals < 260)
  }

  @Test func everyUnitGoesThroughTheSameSeededSubsampling() throws {
    // Exchangeability needs one function from a reservoir pair to training sets: the k-th element (in index order)
    // that seed s keeps is the same position for every unit.
    let (labels, sides) = Self.sample()
    let d = try AuditDesign(
      labels: labels, sides: sides, seeds: [4, 9], controls: 3, baseSeed: 5, maxTrainingSize: 200)
    func positions(_ unit: DesignUnit, _ seed: Int, _ side: Int) -> [Int] {
      let reservoir = unit.reservoirs[side].filter { labels[$0] == 1 }
      return unit.training[seed][side].filter { labels[$0] == 1 }.map { reservoir.firstIndex(of: $0)! }
    }
    for seed in 0..<2 {
      for side in 0..<2 {
        let reference = positions(d.controls[0], seed, side)
        for unit in d.sky + d.controls { #expect(positions(unit, seed, side) == reference) }
      }
    }
    #expect(positions(d.controls[0], 0, 0) != positions(d.controls[0], 1, 0))
  }

  @Test func designsAreReproducibleAndSeedsIndependentOfEachOther() throws {
    let (labels, sides) = Self.sample()
    let all = try AuditDesign(
      labels: labels, sides: sides, seeds: [1, 2, 3], controls: 4, baseSeed: 5, maxTrainingSize: 300)
    let one = try AuditDesign(labels: labels, sides: sides, seeds: [2], controls: 4, baseSeed: 5, maxTrainingSize: 300)
    #expect(all.sky.map { $0.training[1] } == one.sky.map { $0.training[0] })
    #expect(all.controls.map(\.reservoirs) == one.controls.map(\.reservoirs))
    #expect(
      all
        == (try AuditDesign(
          labels: labels, sides: sides, seeds: [1, 2, 3], controls: 4, baseSeed: 5, maxTrainingSize: 300)))
    // More control units leave the first ones unchanged (a resumed audit with a larger M reuses them).
    let more = try AuditDesign(
      labels: labels, sides: sides, seeds: [1, 2, 3], controls: 6, baseSeed: 5, maxTrainingSize: 300)
    #expect(Array(more.controls.prefix(4)) == all.controls)
  }

  @Test func controlReservoirsIgnoreTheSky() throws {
    // Control reservoirs are drawn without looking at positions: over units, a reservoir's share of side-A galaxies
    // is what class-stratified random draws from the pool give, (r_S·a_S + r_E·a_E)/(r_S + r_E) with a_S, a_E the
    // pool's side-A shares of spirals and ellipticals, unlike a sky reservoir (1 or 0).
    let (labels, sides) = Self.sample()
    let d = try AuditDesign(labels: labels, sides: sides, seeds: [1], controls: 20, baseSeed: 3)
    let test = Set(d.test)
    let pool = labels.indices.filter { !test.contains($0) }
    func shareA(_ rows: [Int]) -> Double { Double(rows.filter { sides[0][$0] }.count) / Double(rows.count) }
    let aS = shareA(pool.filter { labels[$0] == 1 }), aE = shareA(pool.filter { labels[$0] == 0 })
    let r = Double(d.reservoirSpirals + d.reservoirEllipticals)
    let expected = (Double(d.reservoirSpirals) * aS + Double(d.reservoirEllipticals) * aE) / r
    let shares = d.controls.flatMap(\.reservoirs).map(shareA)
    let mean = shares.reduce(0, +) / Double(shares.count)
    // 40 reservoirs of ~700 drawn from ~2400: SE of the mean share ≈ 0.003.
    #expect(abs(mean - expected) < 0.012, "mean side-A share of control reservoirs \(mean), expected \(expected)")
  }

  @Test func capScalesBothClassesAndBadDesignsAreRefused() throws {
    let (labels, sides) = Self.sample()
    let d = try AuditDesign(labels: labels, sides: sides, seeds: [1], controls: 2, baseSeed: 1, maxTrainingSize: 100)
    #expect(d.trainingSize <= 100 && d.trainingSize >= 98)
    #expect(d.reservoirSpirals > d.spirals)
    #expect(throws: AuditError.self) {
      try AuditDesign(
        labels: Array(labels.prefix(20)), sides: sides.map { Array($0.prefix(20)) }, seeds: [1], controls: 2,
        baseSeed: 1)
    }
    #expect(throws: AuditError.self) {
      try AuditDesign(labels: labels, sides: sides, testFraction: 1.2, seeds: [1], controls: 2, baseSeed: 1)
    }
    #expect(throws: AuditError.self) {
      try AuditDesign(labels: labels, sides: sides, seeds: [1, 1], controls: 2, baseSeed: 1)
    }
    #expect(throws: AuditError.self) {
      try AuditDesign(labels: labels, sides: sides, seeds: [1], controls: 0, baseSeed: 1)
    }
  }

  @Test func aSplitWithoutTestGalaxiesOnOneSideIsRefusedBeforeTraining() throws {
    // Every galaxy on side A of split 1: its D would be NaN for every model.
    let (labels, sides) = Self.sample()
    let allA = [Bool](repeating: true, count: labels.count)
    #expect {
      try AuditDesign(labels: labels, sides: [sides[0], allA], seeds: [1], controls: 2, baseSeed: 1)
    } throws: { error in
      "\(error)".contains("split 2 has no test galaxies on side B")
    }
  }
}
