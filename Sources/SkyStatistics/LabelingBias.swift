// galmorph — SkyStatistics
//
// The labeling-bias metric L of Cabrera-Vives, Miller & Schneider (2018): how much the class fractions change with an
// observable (seeing, redshift, position) among objects of the same intrinsic properties.

import GalmorphSupport

/// The labeling-bias metric L (Cabrera-Vives, Miller & Schneider 2018, AJ 156, 284, §3).
///
/// Rows are cut into cells of equal count by their intrinsic properties — nested equal-count bins: `intrinsicBins[0]`
/// bins of the first property, each cut into `intrinsicBins[1]` bins of the second, and so on — and each cell into
/// `observableBins` equal-count bins b = 0…B−1 of the observable (ascending). With r_cbk the fraction of class k in
/// bin b of cell c and b₀ the reference bin (the least biased one: the lowest observable values by default, e.g. the
/// best seeing),
///
///     L_c = (1/K) Σ_k sqrt( (1/B) Σ_b (r_cbk − r_cb₀k)² ),      L = sqrt( mean_c L_c² ).
///
/// L = 0 when the class fractions do not depend on the observable within any cell; for labels that follow the
/// intrinsic properties only, L is the sampling noise of the fractions (≈ sqrt(2·r(1−r)/n_bin) per class), so compare
/// labels with a model's calls or with shuffled observables rather than with 0.
///
/// Equal-count bins: values sorted ascending (ties by row order), rank i goes to bin ⌊i·B/n⌋. The bootstrap error
/// resamples rows with replacement and recomputes L, binning included.
public enum LabelingBias {
  public struct Result: Sendable, Equatable, Codable {
    /// L and its cells' L_c (in cell order: the first property's bins outermost).
    public var l: Double
    public var cells: [Double]
    /// Class names (sorted) and rows.
    public var classes: [String]
    public var rows: Int
  }

  /// L of `labels` given `intrinsic` (one array per property, each `labels.count` long) and `observable`.
  /// - Parameter referenceBin: the observable bin taken as unbiased (0 = lowest values; nil = the last, highest).
  public static func metric(
    labels: [String], intrinsic: [[Double]], intrinsicBins: [Int], observable: [Double], observableBins: Int,
    referenceBin: Int? = 0
  ) throws -> Result {
    let n = labels.count
    guard intrinsic.count == intrinsicBins.count, !intrinsic.isEmpty,
      intrinsic.allSatisfy({ $0.count == n }), observable.count == n
    else {
      throw SkyStatisticsError.invalidArgument(
        name: "intrinsic", value: "\(intrinsic.count) columns for \(intrinsicBins.count) bin counts",
        expected: "one column per intrinsic bin count, every column as long as the labels (\(n))")
    }
    let cellCount = intrinsicBins.reduce(1, *) * observableBins
    guard intrinsicBins.allSatisfy({ $0 >= 1 }), observableBins >= 2, n >= cellCount else {
      throw SkyStatisticsError.invalidArgument(
        name: "bins", value: "\(intrinsicBins) × \(observableBins) for \(n) rows",
        expected: "≥ 1 bin per property, ≥ 2 observable bins and at least one row per bin")
    }
    let classes = Array(Set(labels)).sorted()
    let code = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
    let k = classes.count
    let ref = referenceBin ?? (observableBins - 1)
    // Nested equal-count cells over the intrinsic properties.
    var groups: [[Int]] = [Array(0..<n)]
    for (values, bins) in zip(intrinsic, intrinsicBins) {
      groups = groups.flatMap { equalCountBins($0, by: values, bins: bins) }
    }
    var cells: [Double] = []
    for g in groups {
      let obs = equalCountBins(g, by: observable, bins: observableBins)
      let r: [[Double]] = obs.map { rows in
        var c = [Double](repeating: 0, count: k)
        for i in rows { c[code[labels[i]]!] += 1 }
        return c.map { $0 / Double(rows.count) }
      }
      var lc = 0.0
      for kk in 0..<k {
        let ms = r.reduce(0.0) { $0 + ($1[kk] - r[ref][kk]) * ($1[kk] - r[ref][kk]) } / Double(observableBins)
        lc += ms.squareRoot()
      }
      cells.append(lc / Double(k))
    }
    let l = (cells.reduce(0) { $0 + $1 * $1 } / Double(cells.count)).squareRoot()
    return Result(l: l, cells: cells, classes: classes, rows: n)
  }

  /// The standard deviation of L over `resamples` bootstrap resamples of the rows (seeded).
  public static func bootstrapError(
    labels: [String], intrinsic: [[Double]], intrinsicBins: [Int], observable: [Double], observableBins: Int,
    referenceBin: Int? = 0, resamples: Int, seed: UInt64
  ) throws -> Double {
    var g = SeededGenerator(seed: seed)
    let n = labels.count
    var values: [Double] = []
    for _ in 0..<resamples {
      let pick = (0..<n).map { _ in Int.random(in: 0..<n, using: &g) }
      let r = try metric(
        labels: pick.map { labels[$0] }, intrinsic: intrinsic.map { col in pick.map { col[$0] } },
        intrinsicBins: intrinsicBins, observable: pick.map { observable[$0] }, observableBins: observableBins,
        referenceBin: referenceBin)
      values.append(r.l)
    }
    let mean = values.reduce(0, +) / Double(max(values.count, 1))
    let v = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(values.count - 1, 1))
    return v.squareRoot()
  }

  /// `rows` cut into `bins` equal-count bins of `values` (ascending; ties by row order): rank i → bin ⌊i·bins/n⌋.
  static func equalCountBins(_ rows: [Int], by values: [Double], bins: Int) -> [[Int]] {
    let sorted = rows.sorted { values[$0] != values[$1] ? values[$0] < values[$1] : $0 < $1 }
    var out = [[Int]](repeating: [], count: bins)
    for (i, r) in sorted.enumerated() { out[i * bins / sorted.count].append(r) }
    return out
  }
}
