// galmorph — AnisotropyAudit
//
// Which galaxies each model of the audit trains on, and which it is tested on: a pure, seeded function of the
// labels and sky sides, so that a resumed audit rebuilds exactly the same plan.

import GalmorphSupport

/// One unit of the audit: a pair of disjoint, class-matched reservoirs of training galaxies, and the training sets
/// drawn from them for every seed.
///
/// The sky unit of a split takes its reservoirs from side A and side B of the split; a control unit takes them from
/// a random, sky-independent division of the pool. Every unit is then handled by the same function
/// (`AuditDesign.trainingSets`), so that under the null hypothesis the units are exchangeable (see `AuditDesign`).
public struct DesignUnit: Codable, Sendable, Equatable {
  /// Reservoir A and reservoir B (indices into the audit sample, sorted), each with `AuditDesign.reservoirSpirals`
  /// spirals and `AuditDesign.reservoirEllipticals` ellipticals.
  public var reservoirs: [[Int]]
  /// `training[k]` = (set A, set B) of seed `k` (in the configuration's seed order), sorted.
  public var training: [[[Int]]]
}

/// The plan of an audit.
///
/// **Null hypothesis.** H₀: given its class, where a training galaxy sits on the sky carries no information about
/// its image — formally, conditional on all images and labels and on the test set, the division of the training
/// pool into side A and side B is a uniformly random class-stratified division with the observed per-class counts.
/// (A true dipole in the labels alone does not violate H₀: the training sets are class-matched, and D is compared
/// with controls computed on the same test sides.)
///
/// **Units.** For split `s`, the *sky unit* draws two reservoirs of `r_S` spirals and `r_E` ellipticals — one from
/// side A's pool, one from side B's — with a generator that depends only on the base seed and `s`. A *control
/// unit* `m` (1…M) draws two disjoint reservoirs of the same sizes from the whole pool, ignoring position. Under H₀
/// the sky unit's reservoir pair is a uniformly random disjoint pair of class-stratified subsets of the pool (a
/// uniform subset of a uniform subset is uniform; the complement side likewise), i.e. it has exactly the law of a
/// control unit's pair, whatever the side sizes. Control units are therefore shared by all splits.
///
/// **Seeds.** Within every unit, seed `k` draws `spirals` + `ellipticals` galaxies from each reservoir with the same
/// generator stream (`stream(k)` of the base seed) and trains both models with training seed `k`. The map from a
/// reservoir pair to the unit's statistic is thus one fixed function, so (T_sky, T_1, …, T_M) are exchangeable
/// under H₀ and the rank p-value (1 + #{T_m ≥ T_sky}) / (M + 1) is exact (`UnitRankTest`). Shared training data,
/// shared seeds and the shared test set are part of that function, so none of them can break the test.
///
/// **Sizes.** `r_S` = the fewest spirals on any side of any split and ⌊pool spirals / 2⌋ (likewise `r_E`);
/// training sets use the whole reservoirs unless `maxTrainingSize` caps them (both classes scaled alike).
/// Equal label fractions matter: a model trained on more spirals calls more spirals everywhere.
///
/// **Test set**: a stratified random `testFraction` of all galaxies (seeded by `baseSeed`), common to every model
/// and never trained on; every split must have test galaxies on both sides.
public struct AuditDesign: Codable, Sendable, Equatable {
  public var baseSeed: UInt64
  public var test: [Int]
  /// Galaxies of each class per reservoir.
  public var reservoirSpirals: Int
  public var reservoirEllipticals: Int
  /// Galaxies of each class per training set.
  public var spirals: Int
  public var ellipticals: Int
  /// The training seeds, in order.
  public var seeds: [UInt64]
  /// One sky unit per split.
  public var sky: [DesignUnit]
  /// The M control units (random, sky-independent reservoir pairs), shared by every split.
  public var controls: [DesignUnit]

  /// The fewest spirals (and ellipticals) a training set may hold.
  public static let minimumPerClass = 10

  /// Galaxies per training set.
  public var trainingSize: Int { spirals + ellipticals }

  /// Models the design trains: two per unit and seed.
  public var modelCount: Int { 2 * seeds.count * (sky.count + controls.count) }

  /// - Parameters:
  ///   - labels: 1 = spiral, 0 = elliptical, for every galaxy of the sample.
  ///   - sides: `sides[s][i]` is true when galaxy `i` lies on side A of split `s`.
  ///   - testFraction: share of galaxies held out as the common test set (default 0.2).
  ///   - seeds: the training seeds (two models per unit and seed).
  ///   - controls: M, the number of control units (≥ 1).
  ///   - maxTrainingSize: cap on galaxies per training set (nil = the whole reservoir).
  public init(
    labels: [Int], sides: [[Bool]], testFraction: Double = 0.2, seeds: [UInt64], controls: Int,
    baseSeed: UInt64, maxTrainingSize: Int? = nil
  ) throws {
    let n = labels.count
    guard n > 0 else { throw AuditError.design("the sample is empty") }
    guard testFraction > 0 && testFraction < 1 else {
      throw AuditError.design("test fraction \(testFraction) must lie in (0, 1)")
    }
    guard !seeds.isEmpty else { throw AuditError.design("no seeds") }
    guard Set(seeds).count == seeds.count else { throw AuditError.design("the seeds \(seeds) repeat") }
    guard controls >= 1 else { throw AuditError.design("at least one control unit is needed") }
    guard sides.allSatisfy({ $0.count == n }) else {
      throw AuditError.design("a split has sides for a different number of galaxies")
    }
    self.baseSeed = baseSeed
    self.seeds = seeds
    var rng = SeededGenerator(seed: baseSeed)
    var spiralRows = labels.indices.filter { labels[$0] == 1 }
    var ellipticalRows = labels.indices.filter { labels[$0] == 0 }
    rng.shuffle(&spiralRows)
    rng.shuffle(&ellipticalRows)
    let testS = Int((Double(spiralRows.count) * testFraction).rounded())
    let testE = Int((Double(ellipticalRows.count) * testFraction).rounded())
    test = (Array(spiralRows.prefix(testS)) + Array(ellipticalRows.prefix(testE))).sorted()
    for (s, split) in sides.enumerated() {
      let a = test.filter { split[$0] }.count
      guard a > 0 && a < test.count else {
        throw AuditError.design(
          "split \(s + 1) has no test galaxies on side \(a == 0 ? "A" : "B"), so its context statistic is undefined; use a larger test fraction or a split with galaxies on both sides"
        )
      }
    }
    let poolS = Array(spiralRows.dropFirst(testS)).sorted(), poolE = Array(ellipticalRows.dropFirst(testE)).sorted()

    // Per split: side A spirals, side A ellipticals, side B spirals, side B ellipticals.
    let sidePools: [[[Int]]] = sides.map { split in
      [
        poolS.filter { split[$0] }, poolE.filter { split[$0] }, poolS.filter { !split[$0] },
        poolE.filter { !split[$0] },
      ]
    }
    var rS = poolS.count / 2, rE = poolE.count / 2
    for p in sidePools {
      rS = min(rS, p[0].count, p[2].count)
      rE = min(rE, p[1].count, p[3].count)
    }
    var (s, e) = (rS, rE)
    if let cap = maxTrainingSize, s + e > cap, s + e > 0 {
      let scale = Double(cap) / Double(s + e)
      (s, e) = (Int((Double(s) * scale).rounded(.down)), Int((Double(e) * scale).rounded(.down)))
    }
    guard s >= AuditDesign.minimumPerClass && e >= AuditDesign.minimumPerClass else {
      throw AuditError.design(
        "too few training galaxies: each training set could hold only \(s) spirals and \(e) ellipticals (at least \(AuditDesign.minimumPerClass) of each are needed); use a larger sample, a smaller test fraction or a split with more galaxies on its smaller side"
      )
    }
    reservoirSpirals = rS; reservoirEllipticals = rE
    spirals = s; ellipticals = e

    // Reservoirs: generator streams 1_000_000 + s (sky unit of split s) and 2_000_000 + m (control unit m), apart
    // from the seeds' streams.
    let root = SeededGenerator(seed: baseSeed)
    func draw(_ rows: [Int], _ k: Int, _ g: inout SeededGenerator) -> [Int] {
      var r = rows
      g.shuffle(&r)
      return Array(r.prefix(k))
    }
    let seedList = seeds
    func unit(_ a: [Int], _ b: [Int]) -> DesignUnit {
      DesignUnit(
        reservoirs: [a.sorted(), b.sorted()],
        training: AuditDesign.trainingSets(
          reservoirs: [a.sorted(), b.sorted()], labels: labels, seeds: seedList,
          spirals: s, ellipticals: e, root: root))
    }
    sky = sidePools.enumerated().map { k, p in
      var g = root.stream(1_000_000 + UInt64(k))
      let a = draw(p[0], rS, &g) + draw(p[1], rE, &g)
      let b = draw(p[2], rS, &g) + draw(p[3], rE, &g)
      return unit(a, b)
    }
    self.controls = (1...controls).map { m in
      var g = root.stream(2_000_000 + UInt64(m))
      var shS = poolS, shE = poolE
      g.shuffle(&shS)
      g.shuffle(&shE)
      let a = Array(shS[..<rS]) + Array(shE[..<rE])
      let b = Array(shS[rS..<(2 * rS)]) + Array(shE[rE..<(2 * rE)])
      return unit(a, b)
    }
  }

  /// The training sets of one unit, seed by seed: seed `k` shuffles each reservoir's spirals and ellipticals (in
  /// index order) with `root.stream(k)` and keeps the first `spirals` and `ellipticals`. The same function for every
  /// unit: this is what makes the units exchangeable.
  static func trainingSets(
    reservoirs: [[Int]], labels: [Int], seeds: [UInt64], spirals: Int, ellipticals: Int,
    root: SeededGenerator
  ) -> [[[Int]]] {
    seeds.map { seed in
      var g = root.stream(seed)
      return reservoirs.map { rows in
        var sp = rows.filter { labels[$0] == 1 }, el = rows.filter { labels[$0] == 0 }
        g.shuffle(&sp)
        g.shuffle(&el)
        return (Array(sp.prefix(spirals)) + Array(el.prefix(ellipticals))).sorted()
      }
    }
  }
}
