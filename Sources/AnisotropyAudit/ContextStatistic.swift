// galmorph — AnisotropyAudit
//
// The context statistics of a sky-split model pair: the difference in differences of assigned spiral fractions (D) and
// the training side's shift of the assigned fraction (S).

import GalmorphSupport
import SkyGeometry

/// The context statistic of one model pair on one common test set.
///
/// Model A was trained on galaxies of side A, model B on side B. `f_M(S)` is the fraction of test galaxies on side S
/// that model M calls spiral. The statistic is the difference in differences
///
///     D = (f_A(A) − f_A(B)) − (f_B(A) − f_B(B)),
///
/// positive when each model calls *more* spirals on its own training side than the other model does. Both models see
/// the same test galaxies, so a real difference between the sides' spiral fractions enters both alike — but it does
/// not cancel in general: with true spiral fractions π_A, π_B on the two sides and side-independent rates,
/// f_M(S) = TPR_M·π_S + FPR_M·(1 − π_S), so D = (J_A − J_B)(π_A − π_B) with Youden's J = TPR − FPR. A model that is
/// merely better or worse (or has another threshold) thus shows D ≠ 0 when π_A ≠ π_B. The per-class statistics
/// `dSpirals` (the same difference in differences of the called-spiral fraction among true spirals, i.e. of TPR) and
/// `dEllipticals` (among true ellipticals, of FPR) do not depend on π at all: a true dipole cannot feed them. Two
/// models trained on different data still disagree, so none of these is zero without context; their null spread
/// comes from control units handled exactly like the sky unit (`AuditDesign`, `UnitRankTest`).
///
/// D misses a context that shifts a model's calls everywhere, not per side — e.g. bad seeing on side B teaches model B
/// to call blurred-looking galaxies spiral, so it calls more spirals on *both* sides, and model A fewer on side B,
/// which cancels in D. The training side's main effect on the common test set is
///
///     S = ½[(f_A(A) − f_B(A)) + (f_A(B) − f_B(B))],
///
/// positive when the model trained on side A calls more spirals than the model trained on side B, averaged over
/// the two test sides — the hemisphere comparison of Dhar & Shamir (2022) itself. A model's threshold shift feeds S,
/// so S has a wider null spread than D; both are judged against the same control units (`UnitRankTest`).
///
/// Reference: the hemisphere protocol of Dhar & Shamir (2022); the difference-in-differences form is galmorph's, so
/// that a threshold shift between models is not read as context.
public struct ContextStatistic: Codable, Sendable, Equatable {
  /// Spiral fractions assigned by each model on each test side: `fractions[model][side]`.
  public var fractions: [[Double]]
  /// Test galaxies per side.
  public var counts: [Int]
  public var d: Double
  /// S, the training side's shift of the called-spiral fraction (mean over the two test sides of f_A − f_B).
  public var shift: Double
  /// Bootstrap standard error of D over test galaxies (paired: both models' calls of a galaxy resampled together).
  public var bootstrapSE: Double
  /// Central 95% bootstrap interval of D (`Quantile.central95`: numpy's linear percentiles).
  public var interval95: [Double]
  /// Central 95% bootstrap interval of S (the same resamples).
  public var shiftInterval95: [Double]
  /// Fraction of test galaxies on which the two models agree.
  public var agreement: Double
  /// D among the true spirals only (TPR per side) and among the true ellipticals only (FPR per side); nil without
  /// labels, NaN when a side has no galaxy of the class.
  public var dSpirals: Double?
  public var dEllipticals: Double?

  enum CodingKeys: String, CodingKey {
    case fractions, counts, d = "D", shift = "S", bootstrapSE = "bootstrap_se", interval95 = "interval_95"
    case shiftInterval95 = "S_interval_95", agreement
    case dSpirals = "D_spirals", dEllipticals = "D_ellipticals"
  }

  /// D alone (no bootstrap): `compute` over all test galaxies.
  public static func d(callsA: [Int], callsB: [Int], sides: [SplitSide]) -> Double {
    compute(callsA, callsB, sides, Array(sides.indices)).d
  }

  /// D and S (no bootstrap), for the many control pairs.
  public static func dAndShift(callsA: [Int], callsB: [Int], sides: [SplitSide]) -> (d: Double, shift: Double) {
    let r = compute(callsA, callsB, sides, Array(sides.indices))
    return (r.d, Self.shift(r.fractions))
  }

  /// S from `fractions[model][side]`.
  static func shift(_ f: [[Double]]) -> Double { ((f[0][0] - f[1][0]) + (f[0][1] - f[1][1])) / 2 }

  /// - Parameters:
  ///   - callsA, callsB: each model's class (1 = spiral) for every test galaxy.
  ///   - sides: the side of every test galaxy.
  ///   - bootstrap: number of paired bootstrap resamples (default 1000) for the standard error and interval.
  ///   - seed: seed of the bootstrap.
  ///   - labels: the true classes (1 = spiral) of the test galaxies, for `dSpirals` and `dEllipticals`.
  public init(
    callsA: [Int], callsB: [Int], sides: [SplitSide], bootstrap: Int = 1000, seed: UInt64 = 0,
    labels: [Int]? = nil
  ) {
    precondition(callsA.count == sides.count && callsB.count == sides.count, "ContextStatistic: lengths differ")
    let idx = Array(sides.indices)
    let point = ContextStatistic.compute(callsA, callsB, sides, idx)
    if let y = labels {
      precondition(y.count == sides.count, "ContextStatistic: labels and sides differ in length")
      dSpirals = ContextStatistic.compute(callsA, callsB, sides, idx.filter { y[$0] == 1 }).d
      dEllipticals = ContextStatistic.compute(callsA, callsB, sides, idx.filter { y[$0] == 0 }).d
    }
    fractions = point.fractions
    counts = point.counts
    d = point.d
    shift = Self.shift(point.fractions)
    agreement = sides.isEmpty ? 1 : Double(zip(callsA, callsB).filter { $0 == $1 }.count) / Double(sides.count)
    var rng = SeededGenerator(seed: seed)
    var ds: [Double] = [], ss: [Double] = []
    ds.reserveCapacity(bootstrap)
    ss.reserveCapacity(bootstrap)
    var sample = [Int](repeating: 0, count: sides.count)
    for _ in 0..<bootstrap where !sides.isEmpty {
      for i in sample.indices { sample[i] = rng.nextInt(below: sides.count) }
      let r = ContextStatistic.compute(callsA, callsB, sides, sample)
      if r.d.isFinite { ds.append(r.d); ss.append(Self.shift(r.fractions)) }
    }
    if ds.count > 1 {
      let mean = ds.reduce(0, +) / Double(ds.count)
      bootstrapSE = (ds.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(ds.count - 1)).squareRoot()
      interval95 = Quantile.central95(ds)
      shiftInterval95 = Quantile.central95(ss)
    } else {
      bootstrapSE = .nan
      interval95 = [.nan, .nan]
      shiftInterval95 = [.nan, .nan]
    }
  }

  static func compute(_ a: [Int], _ b: [Int], _ sides: [SplitSide], _ idx: [Int]) -> (
    fractions: [[Double]], counts: [Int], d: Double
  ) {
    var n = [0, 0], sA = [0, 0], sB = [0, 0]
    for i in idx {
      let s = sides[i] == .a ? 0 : 1
      n[s] += 1; sA[s] += a[i]; sB[s] += b[i]
    }
    let fA = (0..<2).map { n[$0] > 0 ? Double(sA[$0]) / Double(n[$0]) : .nan }
    let fB = (0..<2).map { n[$0] > 0 ? Double(sB[$0]) / Double(n[$0]) : .nan }
    return ([fA, fB], n, (fA[0] - fA[1]) - (fB[0] - fB[1]))
  }
}
