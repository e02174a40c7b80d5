// galmorph — MorphologyClassifier
//
// Seeded, stratified train/validation splits and class balancing.

import GalmorphSupport

/// Index sets of a train/validation split.
public struct DataSplit: Codable, Sendable, Equatable {
  public var train: [Int]
  public var validation: [Int]

  /// A stratified split: within each class the indices are shuffled with `SeededGenerator(seed)` and the first
  /// `round(fraction · n_class)` go to validation, so both parts keep the class fractions of the whole (to within
  /// one object per class). Indices come back sorted, so the split does not depend on the input order beyond the
  /// labels themselves.
  public static func stratified(labels: [Int], validationFraction: Double, seed: UInt64) -> DataSplit {
    precondition((0...1).contains(validationFraction), "validation fraction must be in [0, 1]")
    var rng = SeededGenerator(seed: seed)
    var train: [Int] = [], val: [Int] = []
    for cls in Set(labels).sorted() {
      var idx = labels.indices.filter { labels[$0] == cls }
      rng.shuffle(&idx)
      let nVal = Int((validationFraction * Double(idx.count)).rounded())
      val += idx.prefix(nVal)
      train += idx.dropFirst(nVal)
    }
    return DataSplit(train: train.sorted(), validation: val.sorted())
  }
}

/// Class balancing for a binary problem.
public enum ClassBalancing: String, Codable, Sendable, CaseIterable {
  /// No balancing.
  case none
  /// Per-example loss weights w_c = N / (2 N_c) ("balanced" weights as in scikit-learn), so each class carries half
  /// of the total loss.
  case weights
  /// Each epoch draws the minority class with replacement up to the majority's count (random oversampling).
  case oversample

  /// The per-class weights [w_0, w_1] for labels `y` (weights), or [1, 1].
  public func classWeights(labels y: [Int]) -> [Float] {
    guard self == .weights else { return [1, 1] }
    let n1 = y.filter { $0 == 1 }.count, n0 = y.count - n1
    guard n0 > 0 && n1 > 0 else { return [1, 1] }
    return [Float(y.count) / Float(2 * n0), Float(y.count) / Float(2 * n1)]
  }

  /// The indices of one epoch, shuffled with `rng`; with `.oversample` the minority is drawn with replacement up to
  /// the majority's count.
  public func epochOrder(indices: [Int], labels y: [Int], rng: inout SeededGenerator) -> [Int] {
    var order = indices
    if self == .oversample {
      let pos = indices.filter { y[$0] == 1 }, neg = indices.filter { y[$0] == 0 }
      let (minor, major) = pos.count < neg.count ? (pos, neg) : (neg, pos)
      if !minor.isEmpty {
        order = major + minor
        for _ in 0..<(major.count - minor.count) { order.append(minor[rng.nextInt(below: minor.count)]) }
      }
    }
    rng.shuffle(&order)
    return order
  }
}
