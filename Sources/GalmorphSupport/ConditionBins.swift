// galmorph — GalmorphSupport
//
// Bins of an observing-condition column: one per value for a column of few values, else equal-count.

/// Bins of a condition column (seeing, depth, star density …) shared by group balancing and the systematics test.
public enum ConditionBins {
  /// Bin of each value: a column with at most `bins` distinct values (a condition that takes a few values, such as
  /// two telescopes' seeing) gets one bin per value, in increasing order; otherwise the index of its equal-count
  /// bin, edges at the j/`bins` quantiles (linear interpolation, ``Quantile/linear(_:_:)``) of all `values`, a
  /// value equal to an edge going to the upper bin. (Quantile edges alone would merge a two-valued column into one
  /// bin whenever more than half its values are the lower one.)
  public static func assign(values: [Double], bins: Int) -> [Int] {
    let sorted = values.sorted()
    var distinct: [Double] = []
    for v in sorted where distinct.last != v {
      distinct.append(v)
      if distinct.count > bins { break }
    }
    if distinct.count <= bins {
      let index = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, $0) })
      return values.map { index[$0]! }
    }
    let edges = (1..<bins).map { Quantile.linear(sorted, Double($0) / Double(bins)) }
    return values.map { v in edges.firstIndex { v < $0 } ?? (bins - 1) }
  }
}
