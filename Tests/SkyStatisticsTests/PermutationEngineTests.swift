// galmorph — SkyStatisticsTests

import Foundation
import GalmorphSupport
import SkyGeometry
import SkyStatistics
import Testing
import _GalmorphTestSupport

@Suite("Permutation engine and bad input")
struct PermutationEngineTests {
  /// Under relabeling, Δχ²*/s² of the monopole + dipole cos-fit is asymptotically χ² with 3 degrees of freedom
  /// (s² = ȳ(1 − ȳ) for 0/1 labels): mean 3, variance 6. Both permutation paths (subset sampling for 0/1 labels,
  /// Fisher–Yates for other values) must reproduce it; a wrong count of ones or a biased selection would not.
  @Test func permutationNullMatchesChiSquare3() throws {
    var rng = SeededGenerator(seed: 99)
    let dirs = randomDirections(20000, &rng).filter { $0.dec > -20 }
    let labels = dirs.map { _ in rng.nextUnit() < 0.3 }
    let ybar = Double(labels.filter { $0 }.count) / Double(labels.count)
    let s2 = ybar * (1 - ybar)
    let k = 1000
    let binary = try CosineDipoleScan(directions: dirs, labels: labels).significance(permutations: k, seed: 5)
    let scaled = binary.permutationStatistics.map { $0 / s2 }
    let mean = scaled.reduce(0, +) / Double(k)
    let variance = scaled.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(k - 1)
    #expect(abs(mean - 3) < 0.35, "mean \(mean)")
    #expect(variance > 4 && variance < 8.5, "variance \(variance)")
    // exceedance of the χ²₃ 95% point (7.815) ~ 5%
    let tail = Double(scaled.filter { $0 > 7.814727903251178 }.count) / Double(k)
    #expect(tail > 0.025 && tail < 0.08, "tail \(tail)")

    let values = labels.map { $0 ? 0.9 : 0.1 }  // same labels, non-binary values: shuffle path
    let sv = 0.64 * s2
    let shuffled = try CosineDipoleScan(directions: dirs, values: values).significance(permutations: 300, seed: 5)
    let mean2 = shuffled.permutationStatistics.reduce(0) { $0 + $1 / sv } / 300
    #expect(abs(mean2 - 3) < 0.6, "shuffle-path mean \(mean2)")
  }

  @Test func badInputIsReportedWithRow() throws {
    let dirs = (0..<10).map { SkyDirection(raDegrees: Double($0) * 30, decDegrees: Double($0) * 5 - 20) }
    do {
      _ = try CosineDipoleScan(directions: dirs, values: [0, 1, 0, 1, .nan, 0, 1, 0, 1, 0])
      Issue.record("NaN accepted")
    } catch let e as SkyStatisticsError {
      #expect(e.description.contains("row 4"), "\(e)")
    }
    #expect(throws: SkyStatisticsError.self) { try CosineDipoleScan(directions: dirs, values: [1, 0]) }
    do {
      _ = try BernoulliDipoleFit.fit(directions: dirs, values: [0, 1, 0, 1, 0, 1.5, 1, 0, 1, 0])
      Issue.record("label 1.5 accepted")
    } catch let e as SkyStatisticsError {
      #expect(e.description.contains("row 5"), "\(e)")
    }
    #expect(throws: SkyStatisticsError.self) {
      try BernoulliDipoleFit.fit(directions: dirs, labels: [Bool](repeating: true, count: 10))
    }
    #expect(throws: SkyStatisticsError.self) { try BinomialInterval(successes: 1, trials: 5, confidenceLevel: 1.5) }
    #expect(throws: SkyStatisticsError.self) { try ContingencyTests.chiSquare([[0, 0], [3, 4]]) }
    #expect(throws: SkyStatisticsError.self) { try AxisGrid.raDec(stepDegrees: 7).axes() }
    // all points on one great circle: the dipole component along its pole is unconstrained
    let ring = (0..<50).map { SkyDirection(raDegrees: Double($0) * 7.2, decDegrees: 0) }
    let y = (0..<50).map { Double($0 % 2) }
    #expect(throws: SkyStatisticsError.self) { try CosineDipoleScan(directions: ring, values: y).bestFit() }
  }

  @Test func resultsEncodeAsPlainJSON() throws {
    var rng = SeededGenerator(seed: 1)
    let dirs = randomDirections(3000, &rng)
    let labels = dirs.map { _ in rng.nextUnit() < 0.5 }
    let r = try CosineDipoleScan(directions: dirs, labels: labels).significance(
      permutations: 20, seed: 2,
      grid: .raDec(stepDegrees: 10))
    let data = try JSONEncoder().encode(r)
    let back = try JSONDecoder().decode(DipoleScanResult.self, from: data)
    #expect(back.map?.sigma.count == 648)
    #expect(back.fit.pValue == r.fit.pValue)
    #expect(back.map?.grid == .raDec(stepDegrees: 10))
    let h = try HemisphereScan.run(directions: dirs, labels: labels, axisNside: 1, permutations: 20, seed: 1)
    _ = try JSONEncoder().encode(h)
    #expect(h.z.count == 12)
  }
}
