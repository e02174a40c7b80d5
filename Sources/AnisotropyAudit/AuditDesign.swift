// galmorph — AnisotropyAudit
//
// Which galaxies each model of the audit trains on, and which it is tested on: a pure, seeded function of the
// labels and sky sides, so that a resumed audit rebuilds exactly the same plan.

import GalmorphSupport

/// The training sets of one audit seed: for every sky split a pair of side-A/side-B sets, and one control pair of
/// random, sky-independent halves; all of identical size and class composition.
public struct SeedDesign: Codable, Sendable, Equatable {
  public var seed: UInt64
  /// `sky[s]` = (side A rows, side B rows) for split `s`, as indices into the audit sample.
  public var sky: [[[Int]]]
  /// The two control training sets (random halves of the non-test pool).
  public var control: [[Int]]
}

/// The plan of an audit.
///
/// 1. **Test set**: a stratified random `testFraction` of all galaxies (seeded by `baseSeed`), common to every model
///    and never trained on.
/// 2. **Class-balanced, size-matched training sets**: per seed, every sky-split side and both control halves receive
///    exactly `spirals` spirals and `ellipticals` ellipticals, drawn without replacement from the non-test pool.
///    `spirals = min over splits and sides of the available spirals` (and ⌊S/2⌋ for the control halves), likewise
///    for ellipticals, optionally scaled down to at most `maxTrainingSize` galaxies per model. Equal label fractions
///    matter: a model trained on more spirals calls more spirals everywhere, a prior shift that is not context.
/// 3. **Control halves**: the pool's spirals and ellipticals are each shuffled and cut in two (seeded by the audit
///    seed), independently of position, then subsampled like the sky sides.
///
/// Seeds enter through `SeededGenerator(seed: baseSeed).stream(seed)` so that seed k draws the same sets whether or
/// not other seeds run.
public struct AuditDesign: Codable, Sendable, Equatable {
  public var baseSeed: UInt64
  public var test: [Int]
  public var spirals: Int
  public var ellipticals: Int
  public var seeds: [SeedDesign]

  /// The fewest spirals (and ellipticals) a training set may hold.
  public static let minimumPerClass = 10

  /// Galaxies per training set.
  public var trainingSize: Int { spirals + ellipticals }

  /// - Parameters:
  ///   - labels: 1 = spiral, 0 = elliptical, for every galaxy of the sample.
  ///   - sides: `sides[s][i]` is true when galaxy `i` lies on side A of split `s`.
  ///   - testFraction: share of galaxies held out as the common test set (default 0.2).
  ///   - seeds: the audit seeds (one model per side and seed).
  ///   - maxTrainingSize: cap on galaxies per training set (nil = as many as the smallest side allows).
  public init(labels: [Int], sides: [[Bool]], testFraction: Double = 0.2, seeds: [UInt64], baseSeed: UInt64,
              maxTrainingSize: Int? = nil) throws {
    let n = labels.count
    guard n > 0 else { throw AuditError.design("the sample is empty") }
    guard testFraction > 0 && testFraction < 1 else { throw AuditError.design("test fraction \(testFraction) must lie in (0, 1)") }
    guard !seeds.isEmpty else { throw AuditError.design("no seeds") }
    guard sides.allSatisfy({ $0.count == n }) else { throw AuditError.design("a split has sides for a different number of galaxies") }
    self.baseSeed = baseSeed
    var rng = SeededGenerator(seed: baseSeed)
    var spiralRows = labels.indices.filter { labels[$0] == 1 }
    var ellipticalRows = labels.indices.filter { labels[$0] == 0 }
    rng.shuffle(&spiralRows)
    rng.shuffle(&ellipticalRows)
    let testS = Int((Double(spiralRows.count) * testFraction).rounded())
    let testE = Int((Double(ellipticalRows.count) * testFraction).rounded())
    test = (Array(spiralRows.prefix(testS)) + Array(ellipticalRows.prefix(testE))).sorted()
    let poolS = Array(spiralRows.dropFirst(testS)).sorted(), poolE = Array(ellipticalRows.dropFirst(testE)).sorted()

    // Per split: side A spirals, side A ellipticals, side B spirals, side B ellipticals.
    let sidePools: [[[Int]]] = sides.map { split in
      [poolS.filter { split[$0] }, poolE.filter { split[$0] }, poolS.filter { !split[$0] }, poolE.filter { !split[$0] }]
    }
    var s = poolS.count / 2, e = poolE.count / 2
    for p in sidePools {
      s = min(s, p[0].count, p[2].count)
      e = min(e, p[1].count, p[3].count)
    }
    if let cap = maxTrainingSize, s + e > cap, s + e > 0 {
      let scale = Double(cap) / Double(s + e)
      (s, e) = (Int((Double(s) * scale).rounded(.down)), Int((Double(e) * scale).rounded(.down)))
    }
    guard s >= AuditDesign.minimumPerClass && e >= AuditDesign.minimumPerClass else {
      throw AuditError.design("too few training galaxies: each training set could hold only \(s) spirals and \(e) ellipticals (at least \(AuditDesign.minimumPerClass) of each are needed); use a larger sample, a smaller test fraction or a split with more galaxies on its smaller side")
    }
    spirals = s
    ellipticals = e
    let root = SeededGenerator(seed: baseSeed)
    self.seeds = seeds.map { seed in
      var g = root.stream(seed)
      func draw(_ rows: [Int], _ k: Int) -> [Int] {
        var r = rows
        g.shuffle(&r)
        return Array(r.prefix(k))
      }
      let sky: [[[Int]]] = sidePools.map { p in
        let a = draw(p[0], s) + draw(p[1], e)
        let b = draw(p[2], s) + draw(p[3], e)
        return [a.sorted(), b.sorted()]
      }
      var shuffledS = poolS, shuffledE = poolE
      g.shuffle(&shuffledS)
      g.shuffle(&shuffledE)
      let halfS = shuffledS.count / 2, halfE = shuffledE.count / 2
      let c1 = draw(Array(shuffledS[..<halfS]), s) + draw(Array(shuffledE[..<halfE]), e)
      let c2 = draw(Array(shuffledS[halfS...]), s) + draw(Array(shuffledE[halfE...]), e)
      return SeedDesign(seed: seed, sky: sky, control: [c1.sorted(), c2.sorted()])
    }
  }
}
