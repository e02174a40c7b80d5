// galmorph — AnisotropyAudit
//
// The verdict test of a split: the sky unit's statistic (the larger of its scaled |D| and |S|) ranked among the
// control units'.

import SkyStatistics

/// A unit's two components: the mean over seeds of |D| and of |S| (`ContextStatistic`).
public struct UnitComponents: Codable, Sendable, Equatable {
  /// Mean over seeds of |D| (NaN if any D is undefined).
  public var absD: Double
  /// Mean over seeds of |S|.
  public var absS: Double

  enum CodingKeys: String, CodingKey { case absD = "mean_abs_D", absS = "mean_abs_S" }

  public init(absD: Double, absS: Double) {
    self.absD = absD
    self.absS = absS
  }

  /// From the unit's D and S per seed.
  public init(d: [Double], shift: [Double]) {
    absD = d.reduce(0) { $0 + abs($1) } / Double(d.count)
    absS = shift.reduce(0) { $0 + abs($1) } / Double(shift.count)
  }

  var isFinite: Bool { absD.isFinite && absS.isFinite }
}

/// Exact randomization test of one split: the sky unit ranked among the M control units by the larger of its two
/// components, each in units of its root mean square over all units.
///
/// Each of the M + 1 units u (the sky unit and the control units) has a_u = mean over seeds of |D| and b_u = mean
/// over seeds of |S|. Each component is scaled by its root mean square over all M + 1 units, and the unit's
/// statistic is the larger of the two:
///
///     T_u = max(a_u / √(Σ_v a_v² / (M + 1)), b_u / √(Σ_v b_v² / (M + 1))),
///     p = (1 + #{m : T_m ≥ T_sky}) / (M + 1).
///
/// Under H₀ (see `AuditDesign`) the units' (a, b) pairs are exchangeable, and T is a permutation-equivariant
/// function of them (each T_u depends on the other units only through the set of their values: the scales are
/// symmetric in all units), so the T_u are exchangeable too and P(p ≤ α) ≤ α exactly, for every α; ties count
/// against the sky unit. The smallest attainable p is 1/(M + 1), as for either component alone; adjusted over k
/// splits (Holm or Bonferroni) k/(M + 1).
///
/// Why this combination: D (a lean: each model calls more, or fewer, spirals on its own side) and S (a shift: the
/// model trained on one side calls more spirals everywhere) each miss the other kind of context. With only
/// M + 1 = 21 units, a combination of the components' *ranks* (e.g. Fisher's) cannot separate a sky unit
/// that is extreme in one component from the control unit that is extreme in the other, and loses half the power;
/// scaled magnitudes can. In simulation at the defaults (`VerdictCalibrationTests`) this T keeps the size at 1/21
/// and finds a lean about as often as |D| alone and a shift about as often as |S| alone. |D| and |S| because
/// context may push either way and its sign may change with the seed; the signs are reported beside them. When a
/// unit's D is undefined (a test side is empty) the sky unit gets no verdict (p = 1) and a control unit counts
/// against the sky unit.
///
/// References: the Monte Carlo test of Barnard (1963) and Besag & Clifford (1989), here with exactly exchangeable
/// replicates; Phipson & Smyth (2010) for counting the observed unit; Pesarin & Salmaso (2010), *Permutation Tests
/// for Complex Data*, ch. 4, for combining dependent statistics within one permutation (here: unit) distribution.
public struct UnitRankTest: Codable, Sendable, Equatable {
  /// T of the sky unit (NaN when D is undefined).
  public var sky: Double
  /// T of every control unit, in unit order (+∞ for a unit with an undefined component).
  public var controls: [Double]
  /// The sky unit's components, and each control unit's.
  public var skyComponents: UnitComponents
  public var controlComponents: [UnitComponents]
  /// The scales of the two components: their root mean squares over all M + 1 units, [rms a, rms b].
  public var scales: [Double]
  /// The sky unit's component rank p's among all M + 1 units, [p_a, p_b], p_a = #{v : a_v ≥ a_sky}/(M + 1)
  /// (descriptive: the verdict uses T).
  public var componentP: [Double]
  /// Control units whose T is at least the sky unit's.
  public var atLeastAsLarge: Int
  public var pValue: Double
  /// 1/(M + 1).
  public var smallestP: Double

  enum CodingKeys: String, CodingKey {
    case sky, controls, skyComponents = "sky_components", controlComponents = "control_components", scales
    case componentP = "component_p", atLeastAsLarge = "at_least_as_large", pValue = "p_value", smallestP = "smallest_p"
  }

  /// Whether a control unit's value counts against the sky unit's: x_m ≥ x_sky up to a relative 10⁻¹², or NaN.
  public static func counts(_ control: Double, against sky: Double) -> Bool {
    !(control < sky - 1e-12 * max(1, abs(sky)))
  }

  /// Rank p of `values[u]` among all `values`: #{v : values[v] ≥ values[u]} / n (itself included).
  public static func rankP(_ values: [Double], _ u: Int) -> Double {
    Double(values.filter { counts($0, against: values[u]) }.count) / Double(values.count)
  }

  /// The root mean square of each component over the units with both components defined.
  public static func scales(_ units: [UnitComponents]) -> [Double] {
    let finite = units.filter(\.isFinite), n = Double(max(1, finite.count))
    return [
      (finite.reduce(0) { $0 + $1.absD * $1.absD } / n).squareRoot(),
      (finite.reduce(0) { $0 + $1.absS * $1.absS } / n).squareRoot(),
    ]
  }

  /// A unit's components divided by `scales`, [a/rms a, b/rms b]; a component whose scale is 0 (all units 0) gives 0.
  public static func scaled(_ u: UnitComponents, by scales: [Double]) -> [Double] {
    [scales[0] > 0 ? u.absD / scales[0] : 0, scales[1] > 0 ? u.absS / scales[1] : 0]
  }

  /// T of every unit (index 0 = the sky unit): the larger scaled component; +∞ for a unit with an undefined
  /// component.
  public static func combined(_ units: [UnitComponents], scales: [Double]) -> [Double] {
    units.map { $0.isFinite ? scaled($0, by: scales).max()! : .infinity }
  }

  /// - Parameters:
  ///   - sky: the sky unit's components.
  ///   - controls: each control unit's (at least one).
  public init(sky: UnitComponents, controls: [UnitComponents]) {
    precondition(!controls.isEmpty, "UnitRankTest needs at least one control unit")
    skyComponents = sky
    controlComponents = controls
    smallestP = 1 / Double(controls.count + 1)
    let all = [sky] + controls
    scales = Self.scales(all)
    let t = Self.combined(all, scales: scales)
    self.controls = Array(t.dropFirst())
    guard sky.isFinite else {
      self.sky = .nan
      componentP = [1, 1]
      atLeastAsLarge = controls.count
      pValue = 1
      return
    }
    self.sky = t[0]
    componentP = [Self.rankP(all.map(\.absD), 0), Self.rankP(all.map(\.absS), 0)]
    atLeastAsLarge = t.dropFirst().filter { Self.counts($0, against: t[0]) }.count
    pValue = Double(1 + atLeastAsLarge) / Double(controls.count + 1)
  }

  /// Which component gives the sky unit its T: 0 for |D|, 1 for |S| (|D| on a tie).
  public var skyComponent: Int {
    let z = Self.scaled(skyComponents, by: scales)
    return z[1] > z[0] ? 1 : 0
  }
}

/// The seeds of the sky unit summarised: mean D with its Student-t interval and the sign test.
public struct SeedSummary: Codable, Sendable, Equatable {
  public var mean: Double
  /// Standard error s/√n (NaN for one seed).
  public var standardError: Double
  /// 95% interval x̄ ± t_{0.975, n−1}·s/√n ([NaN, NaN] for one seed).
  public var interval95: [Double]
  /// Seeds with D > 0, and seeds with D ≠ 0 (zeros are dropped, the usual convention of the sign test).
  public var positive: Int
  public var nonZero: Int
  /// Two-sided exact binomial sign test, p = ½, over the non-zero D's (1 when all are zero).
  public var signPValue: Double

  enum CodingKeys: String, CodingKey {
    case mean, standardError = "standard_error", interval95 = "interval_95", positive, nonZero = "non_zero"
    case signPValue = "sign_p_value"
  }

  public init(_ d: [Double]) {
    let (m, variance) = SampleMoments.meanAndVariance(d)
    mean = m
    standardError = (variance / Double(d.count)).squareRoot()
    if d.count >= 2 && standardError.isFinite {
      let t = StudentT.quantile(0.975, dof: Double(d.count - 1))
      interval95 = [m - t * standardError, m + t * standardError]
    } else {
      interval95 = [.nan, .nan]
    }
    let nz = d.filter { $0 != 0 && $0.isFinite }
    positive = nz.filter { $0 > 0 }.count
    nonZero = nz.count
    signPValue = nz.isEmpty ? 1 : ((try? BinomialTest.pValue(successes: positive, trials: nonZero, p: 0.5)) ?? 1)
  }
}
