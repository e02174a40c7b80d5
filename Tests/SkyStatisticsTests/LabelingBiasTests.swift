// galmorph — SkyStatisticsTests
//
// The labeling-bias metric L against a hand-computed example and numpy's values (Reference/gen_labeling_bias_golden.py).

import Foundation
import SkyStatistics
import Testing
import _GalmorphTestSupport

@Suite struct LabelingBiasTests {
  struct Golden: Decodable {
    struct Case: Decodable {
      let labels: [String], intrinsic: [[Double]], intrinsic_bins: [Int], observable: [Double]
      let observable_bins: Int, reference_bin: Int?, L: Double, cells: [Double], classes: [String]
    }
    let generator: String
    let cases: [Case]
  }

  /// 8 rows, one intrinsic cell, 2 observable bins: low bin {s, s, e, e} (r = ½, ½), high bin {s, s, s, e}
  /// (r_e = ¼, r_s = ¾); each class's rms difference from the reference (low) bin is sqrt((0 + ¼²)/2), so
  /// L = ¼/√2.
  @Test func handComputedExample() throws {
    let labels = ["s", "e", "s", "e", "s", "s", "e", "s"]
    let observable = [0.1, 0.2, 0.3, 0.4, 0.9, 0.8, 0.7, 0.6]
    let r = try LabelingBias.metric(
      labels: labels, intrinsic: [[Double](repeating: 1, count: 8)], intrinsicBins: [1], observable: observable,
      observableBins: 2)
    #expect(abs(r.l - 0.25 / 2.0.squareRoot()) < 1e-15, "\(r.l)")
    #expect(r.classes == ["e", "s"] && r.cells.count == 1 && r.rows == 8)
    // Fractions that do not change with the observable give 0.
    let flat = try LabelingBias.metric(
      labels: ["s", "e", "s", "e"], intrinsic: [[0, 0, 0, 0]], intrinsicBins: [1], observable: [1, 2, 3, 4],
      observableBins: 2)
    #expect(flat.l == 0)
  }

  @Test func agreesWithNumpy() throws {
    let g = try Reference.json(Golden.self, "labeling_bias_golden.json")
    #expect(g.cases.count == 4)
    for c in g.cases {
      let r = try LabelingBias.metric(
        labels: c.labels, intrinsic: c.intrinsic, intrinsicBins: c.intrinsic_bins, observable: c.observable,
        observableBins: c.observable_bins, referenceBin: c.reference_bin)
      #expect(abs(r.l - c.L) < 1e-12, "L \(r.l) vs numpy \(c.L)")
      #expect(r.cells.count == c.cells.count && zip(r.cells, c.cells).allSatisfy { abs($0 - $1) < 1e-12 })
      #expect(r.classes == c.classes)
    }
  }

  @Test func bootstrapErrorIsSeededAndPositive() throws {
    let g = try Reference.json(Golden.self, "labeling_bias_golden.json")
    let c = g.cases[1]
    func err(_ seed: UInt64) throws -> Double {
      try LabelingBias.bootstrapError(
        labels: c.labels, intrinsic: c.intrinsic, intrinsicBins: c.intrinsic_bins, observable: c.observable,
        observableBins: c.observable_bins, referenceBin: c.reference_bin, resamples: 50, seed: seed)
    }
    let a = try err(3), b = try err(3)
    #expect(a == b && a > 0.005 && a < c.L, "\(a)")
  }

  @Test func refusesBadShapes() {
    #expect(throws: (any Error).self) {
      try LabelingBias.metric(
        labels: ["a", "b"], intrinsic: [[1, 2]], intrinsicBins: [1], observable: [1, 2], observableBins: 3)
    }
    #expect(throws: (any Error).self) {
      try LabelingBias.metric(
        labels: ["a", "b"], intrinsic: [[1]], intrinsicBins: [1], observable: [1, 2], observableBins: 2)
    }
  }
}
