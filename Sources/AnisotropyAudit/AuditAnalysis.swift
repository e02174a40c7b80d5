// galmorph — AnisotropyAudit
//
// From the models' test-set calls to the numbers of audit.json: per-side fractions, D for sky and control pairs,
// the seed comparison and verdict per split, and the dipoles of labels and annotations.

import Foundation
import GalmorphSupport
import MorphologyClassifier
import SkyGeometry
import SkyStatistics

/// The statistics stage of an audit (no training): deterministic given the outcomes and the configuration.
public struct AuditAnalysis {
  public let configuration: AuditConfiguration
  public let sample: AuditSample
  public let design: AuditDesign
  public let outcomes: [ModelOutcome]

  /// True labels and directions of the test galaxies, in `design.test` order.
  let testLabels: [Int]
  let testDirections: [SkyDirection]

  public init(configuration: AuditConfiguration, sample: AuditSample, design: AuditDesign, outcomes: [ModelOutcome]) {
    self.configuration = configuration; self.sample = sample; self.design = design; self.outcomes = outcomes
    testLabels = design.test.map { sample.data.labels[$0] }
    testDirections = design.test.map { sample.directions[$0] }
  }

  /// Test-set sides of split `s` (A where the split says A).
  public func testSides(_ s: Int) -> [SplitSide] {
    let split = configuration.splits[s].split
    return testDirections.map(split.side(of:))
  }

  /// The sky model of `split`, `side` and `seed`, or the control model of `unit`, `side` and `seed`.
  func outcome(_ role: ModelRole, split: Int? = nil, unit: Int? = nil, seed: UInt64) -> ModelOutcome? {
    outcomes.first { $0.role == role && $0.seed == seed && (role.isControl ? $0.unit == unit : $0.split == split) }
  }

  /// The models shown in figures and fitted for dipoles: every sky model and the models of control unit 1, in
  /// audit order.
  public var featuredOutcomes: [ModelOutcome] { outcomes.filter { $0.role.isFeatured(unit: $0.unit) } }

  /// Per-model summaries with test AUC and accuracy.
  public func modelSummaries() -> [ModelSummary] {
    let y = testLabels
    return outcomes.map { o in
      let calls = o.calls
      return ModelSummary(
        name: o.name, role: o.role, split: o.split.map { configuration.splits[$0].name }, unit: o.unit, seed: o.seed,
        file: o.file,
        sha256: o.sha256, trainingSize: o.trainingSize, trainingSpiralFraction: o.trainingSpiralFraction,
        epochs: o.epochs, bestEpoch: o.bestEpoch, validationAUC: o.validationAUC, threshold: o.threshold,
        testAUC: BinaryMetrics.rocAUC(scores: o.testProbabilities, labels: y),
        testAccuracy: Proportion(zip(calls, y).filter { $0 == $1 }.count, y.count),
        calledSpiral: Proportion(calls.reduce(0, +), calls.count), trainSeconds: o.trainSeconds)
    }
  }

  /// Test-set indices on side A and on side B.
  static func indicesBySide(_ sides: [SplitSide]) -> [[Int]] {
    [SplitSide.a, .b].map { side in sides.indices.filter { sides[$0] == side } }
  }

  func sideRates(_ o: ModelOutcome, calls: [Int], bySide: [[Int]]) -> SideRates {
    let y = testLabels
    return SideRates(
      name: o.name, role: o.role,
      calledSpiral: bySide.map { idx in Proportion(idx.filter { calls[$0] == 1 }.count, idx.count) },
      errorRate: bySide.map { idx in Proportion(idx.filter { calls[$0] != y[$0] }.count, idx.count) })
  }

  static func mcNemar(_ a: [Int], _ b: [Int]) -> Double {
    let onlyA = zip(a, b).filter { $0 == 1 && $1 == 0 }.count, onlyB = zip(a, b).filter { $0 == 0 && $1 == 1 }.count
    return (try? BinomialTest.mcNemar(b: onlyA, c: onlyB).exact) ?? 1
  }

  /// The analysis of split `s` (its `pAdjusted` and verdict are filled in by `splits()`).
  public func split(_ s: Int) throws -> SplitAnalysis {
    let sides = testSides(s), y = testLabels
    let bySide = Self.indicesBySide(sides)
    let named = configuration.splits[s]
    var seeds: [SeedAnalysis] = []
    for seed in configuration.seeds {
      guard let a = outcome(.sideA, split: s, seed: seed), let b = outcome(.sideB, split: s, seed: seed) else {
        throw AuditError.design("models of split \(named.name), seed \(seed) are missing")
      }
      let calls = [a.calls, b.calls]
      let bootSeed = configuration.baseSeed &+ seed &* 1_000_003 &+ UInt64(s)
      let sky = ContextStatistic(
        callsA: calls[0], callsB: calls[1], sides: sides, bootstrap: configuration.bootstrap,
        seed: bootSeed, labels: y)
      seeds.append(
        SeedAnalysis(
          seed: seed, sky: sky,
          models: [sideRates(a, calls: calls[0], bySide: bySide), sideRates(b, calls: calls[1], bySide: bySide)],
          mcNemar: Self.mcNemar(calls[0], calls[1])))
    }
    var perUnit: [(d: [Double], shift: [Double])] = []
    for unit in 1...configuration.controls {
      var d: [Double] = [], shift: [Double] = []
      for seed in configuration.seeds {
        guard let a = outcome(.controlA, unit: unit, seed: seed), let b = outcome(.controlB, unit: unit, seed: seed)
        else {
          throw AuditError.design("models of control unit \(unit), seed \(seed) are missing")
        }
        let v = ContextStatistic.dAndShift(callsA: a.calls, callsB: b.calls, sides: sides)
        d.append(v.d)
        shift.append(v.shift)
      }
      perUnit.append((d, shift))
    }
    let dSky = seeds.map(\.sky.d), sSky = seeds.map(\.sky.shift)
    let test = UnitRankTest(
      sky: UnitComponents(d: dSky, shift: sSky),
      controls: perUnit.map { UnitComponents(d: $0.d, shift: $0.shift) })
    let controls = perUnit.enumerated().map { k, u in
      ControlUnitAnalysis(unit: k + 1, d: u.d, shift: u.shift, statistic: test.controls[k])
    }
    let mean = { (v: [Double]) in v.reduce(0, +) / Double(v.count) }
    let (cMean, cVariance) = SampleMoments.meanAndVariance(controls.map { mean($0.d) })
    let (cMeanS, cVarianceS) = SampleMoments.meanAndVariance(controls.map { mean($0.shift) })
    let summary = SeedSummary(dSky)
    return SplitAnalysis(
      name: named.name, split: named.split,
      trueFraction: bySide.map { idx in Proportion(idx.filter { y[$0] == 1 }.count, idx.count) },
      seeds: seeds, controls: controls, test: test, sky: summary, shift: SeedSummary(sSky),
      meanDSpirals: mean(seeds.map { $0.sky.dSpirals ?? .nan }),
      meanDEllipticals: mean(seeds.map { $0.sky.dEllipticals ?? .nan }),
      controlMeanD: cMean, controlSDD: cVariance.squareRoot(), controlMeanS: cMeanS,
      controlSDS: cVarianceS.squareRoot(),
      zScore: (summary.mean - cMean) / cVariance.squareRoot(),
      pAdjusted: test.pValue, smallestAdjustedP: configuration.smallestAdjustedP,
      verdict: Verdict(detected: false, conclusive: false, alpha: configuration.alpha, direction: "none", statement: "")
    )
  }

  /// Every split, with p-values adjusted over the splits and the verdicts.
  public func splits() throws -> [SplitAnalysis] {
    var all = try configuration.splits.indices.map(split)
    let adjusted = configuration.adjustment.adjust(all.map(\.test.pValue))
    for k in all.indices {
      all[k].pAdjusted = adjusted[k]
      all[k].verdict = Self.verdict(all[k], configuration: configuration)
    }
    return all
  }

  static func verdict(_ a: SplitAnalysis, configuration c: AuditConfiguration) -> Verdict {
    let alpha = c.alpha, splits = c.splits.count, m = a.controls.count
    let f = { (x: Double) in x.isFinite ? String(format: "%.4f", x) : "n/a" }
    let pf = { (x: Double) in x < 1e-3 ? String(format: "%.1e", x) : String(format: "%.4f", x) }
    guard a.test.sky.isFinite else {
      return Verdict(
        detected: false, conclusive: false, alpha: alpha, direction: "none",
        statement: "No verdict for split \(a.name): D is undefined (a test side has no galaxies).")
    }
    let detected = a.pAdjusted < alpha
    let byShift = a.test.skyComponent == 1
    let direction =
      !detected
      ? "none"
      : byShift
        ? (a.shift.mean > 0 ? "side-A-more-spiral" : "side-B-more-spiral")
        : (a.meanD > 0 ? "own-side" : "other-side")
    let seedsText = "\(a.seeds.count) seed\(a.seeds.count == 1 ? "" : "s")"
    let dText: String
    if a.seeds.count == 1 {
      let k = a.seeds[0].sky
      dText =
        "D = \(f(a.meanD)), S = \(f(a.shift.mean)) (bootstrap 95% intervals over test galaxies, test-set noise only: "
        + "D \(f(k.interval95[0])) to \(f(k.interval95[1])), S \(f(k.shiftInterval95[0])) to \(f(k.shiftInterval95[1])))"
    } else {
      dText =
        "mean D = \(f(a.meanD)) (95% t-interval over seeds \(f(a.sky.interval95[0])) to \(f(a.sky.interval95[1])); per seed "
        + "\(a.seeds.map { f($0.sky.d) }.joined(separator: ", "))), mean S = \(f(a.shift.mean)) (\(f(a.shift.interval95[0])) to "
        + "\(f(a.shift.interval95[1])); per seed \(a.seeds.map { f($0.sky.shift) }.joined(separator: ", ")))"
    }
    let rankOf = { (p: Double) in "\(Int((p * Double(m + 1)).rounded()))/\(m + 1)" }
    let rank =
      "the sky unit's mean |D| over \(seedsText), \(f(a.test.skyComponents.absD)), ranks \(rankOf(a.test.componentP[0])) "
      + "and its mean |S|, \(f(a.test.skyComponents.absS)), ranks \(rankOf(a.test.componentP[1])) among the \(m + 1) units; "
      + "its statistic T (the larger of the two in units of their root mean square over the units), \(f(a.test.sky)), "
      + "is matched or exceeded by \(a.test.atLeastAsLarge) of \(m) control units: "
      + "rank test p = \(1 + a.test.atLeastAsLarge)/\(m + 1) = \(pf(a.test.pValue)), "
      + "\(c.adjustment.rawValue)-adjusted over \(splits) split\(splits == 1 ? "" : "s") \(pf(a.pAdjusted)) "
      + "(smallest attainable: \(pf(a.smallestAdjustedP)))"
    let controlsText =
      "Control units' mean D: \(f(a.controlMeanD)) ± \(f(a.controlSDD)) (sd), mean S: \(f(a.controlMeanS)) ± "
      + "\(f(a.controlSDS)); per class, the sky unit's D among true spirals \(f(a.meanDSpirals)), among true ellipticals \(f(a.meanDEllipticals))"
    let statement: String
    if detected {
      let how: String
      if byShift {
        let (more, fewer) = a.shift.mean > 0 ? ("A", "B") : ("B", "A")
        let consistent = a.shift.positive == 0 || a.shift.positive == a.shift.nonZero
        how =
          consistent
          ? "the model trained on side \(more) calls more spirals than the model trained on side \(fewer), on the common test set"
          : "the sign of S changes with the seed (\(a.shift.positive) of \(a.shift.nonZero) positive)"
      } else {
        let side = a.meanD > 0 ? "more" : "fewer"
        let consistent = a.sky.positive == 0 || a.sky.positive == a.sky.nonZero
        how =
          consistent
          ? "each model calls \(side) spirals on its own training side than the other model does"
          : "the sign of D changes with the seed (\(a.sky.positive) of \(a.sky.nonZero) positive)"
      }
      statement =
        "Context bias detected for split \(a.name) at α = \(alpha): \(dText); \(how). \(rank.prefix(1).uppercased() + rank.dropFirst()). \(controlsText)."
    } else {
      statement = "No context bias detected for split \(a.name) at α = \(alpha): \(dText); \(rank). \(controlsText)."
    }
    guard a.smallestAdjustedP >= alpha else {
      return Verdict(detected: detected, conclusive: true, alpha: alpha, direction: direction, statement: statement)
    }
    let need = AuditConfiguration.minimumControls(splits: splits, alpha: alpha)
    let caveat =
      " With \(m) control unit\(m == 1 ? "" : "s") and \(splits) split\(splits == 1 ? "" : "s") the smallest attainable "
      + "adjusted p is \(String(format: "%.3g", a.smallestAdjustedP)) ≥ α, so no verdict of bias is possible: use at least \(need) control units (--controls \(need))."
    return Verdict(detected: false, conclusive: false, alpha: alpha, direction: "none", statement: statement + caveat)
  }

  /// Dipoles (cos-fit, closed-form best axis, look-elsewhere-corrected by relabelling) of the true test labels and
  /// of the featured models' test-set calls (every sky model and control unit 1), p adjusted over all of them.
  public func dipoles() throws -> [DipoleSummary] { try dipoleScans().dipoles }

  /// ``dipoles()`` and, from the same relabellings, their σ-maps (``AuditSigmaMaps``): set k (0 = truth, then the
  /// featured models in audit order) is relabelled with seed `baseSeed + k`.
  public func dipoleScans() throws -> (dipoles: [DipoleSummary], sigmaMaps: AuditSigmaMaps) {
    let dirs = testDirections
    var sets: [(String, AnnotationSet, [Int])] = [("truth", .trueLabels, testLabels)]
    for o in featuredOutcomes { sets.append((o.name, .model(o.role), o.calls)) }
    let mapRelabellings = AuditSigmaMaps.relabellings(dipolePermutations: configuration.dipolePermutations)
    var out: [DipoleSummary] = []
    var maps = AuditSigmaMaps(relabellings: mapRelabellings, names: [], sigma: [])
    for (k, (name, role, calls)) in sets.enumerated() {
      let scan = try CosineDipoleScan(directions: dirs, labels: calls.map { $0 == 1 })
      let result = try scan.significance(
        permutations: configuration.dipolePermutations, seed: configuration.baseSeed &+ UInt64(k),
        grid: AuditSigmaMaps.grid, mapPermutations: mapRelabellings)
      let fit = result.fit
      out.append(
        DipoleSummary(
          name: name, role: role, n: fit.n, amplitude: fit.amplitude, amplitudeErr: fit.amplitudeErr,
          axis: fit.bestAxis, pValue: fit.pValue ?? .nan, pAdjusted: .nan, sigma: fit.sigma ?? .nan))
      maps.names.append(name)
      maps.sigma.append(result.map?.sigma ?? [])
    }
    let adjusted = configuration.adjustment.adjust(out.map(\.pValue))
    for k in out.indices { out[k].pAdjusted = adjusted[k] }
    return (out, maps)
  }
}
