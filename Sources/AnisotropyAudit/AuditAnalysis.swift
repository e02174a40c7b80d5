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

  func outcome(_ role: ModelRole, split: Int?, seed: UInt64) -> ModelOutcome? {
    outcomes.first { $0.role == role && $0.seed == seed && (role == .control1 || role == .control2 || $0.split == split) }
  }

  /// Per-model summaries with test AUC and accuracy.
  public func modelSummaries() -> [ModelSummary] {
    let y = testLabels
    return outcomes.map { o in
      let calls = o.calls
      return ModelSummary(
        name: o.name, role: o.role, split: o.split.map { configuration.splits[$0].name }, seed: o.seed, file: o.file,
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
    return SideRates(name: o.name, role: o.role,
                     calledSpiral: bySide.map { idx in Proportion(idx.filter { calls[$0] == 1 }.count, idx.count) },
                     errorRate: bySide.map { idx in Proportion(idx.filter { calls[$0] != y[$0] }.count, idx.count) })
  }

  static func mcNemar(_ a: [Int], _ b: [Int]) -> Double {
    let onlyA = zip(a, b).filter { $0 == 1 && $1 == 0 }.count, onlyB = zip(a, b).filter { $0 == 0 && $1 == 1 }.count
    return (try? BinomialTest.mcNemar(b: onlyA, c: onlyB).exact) ?? 1
  }

  /// The analysis of split `s` (its verdict's `pAdjusted` is filled in by `splits()`).
  public func split(_ s: Int) throws -> SplitAnalysis {
    let sides = testSides(s), y = testLabels
    let bySide = Self.indicesBySide(sides)
    let named = configuration.splits[s]
    var seeds: [SeedAnalysis] = []
    for seed in configuration.seeds {
      guard let a = outcome(.sideA, split: s, seed: seed), let b = outcome(.sideB, split: s, seed: seed),
            let c1 = outcome(.control1, split: nil, seed: seed), let c2 = outcome(.control2, split: nil, seed: seed) else {
        throw AuditError.design("models of split \(named.name), seed \(seed) are missing")
      }
      let models = [a, b, c1, c2], calls = models.map(\.calls)
      let bootSeed = configuration.baseSeed &+ seed &* 1_000_003 &+ UInt64(s)
      let sky = ContextStatistic(callsA: calls[0], callsB: calls[1], sides: sides, bootstrap: configuration.bootstrap, seed: bootSeed)
      let control = ContextStatistic(callsA: calls[2], callsB: calls[3], sides: sides, bootstrap: configuration.bootstrap,
                                     seed: bootSeed &+ 1)
      seeds.append(SeedAnalysis(seed: seed, sky: sky, control: control,
                                models: models.indices.map { sideRates(models[$0], calls: calls[$0], bySide: bySide) },
                                mcNemarSky: Self.mcNemar(calls[0], calls[1]), mcNemarControl: Self.mcNemar(calls[2], calls[3])))
    }
    let dSky = seeds.map(\.sky.d), dControl = seeds.map(\.control.d)
    let comparison = SeedComparison(sky: dSky.map(abs), control: dControl.map(abs), greater: true, seed: configuration.baseSeed)
    let signed = SeedComparison(sky: dSky, control: dControl, seed: configuration.baseSeed)
    let positive = dSky.filter { $0 > 0 }.count
    let signP = (try? BinomialTest.pValue(successes: positive, trials: dSky.count, p: 0.5)) ?? 1
    let (mean, variance) = SampleMoments.meanAndVariance(dSky)
    let (cMean, cVariance) = SampleMoments.meanAndVariance(dControl)
    let sd = variance.squareRoot(), cSD = cVariance.squareRoot()
    let trueFraction = bySide.map { idx in Proportion(idx.filter { y[$0] == 1 }.count, idx.count) }
    return SplitAnalysis(
      name: named.name, split: named.split, trueFraction: trueFraction, seeds: seeds, comparison: comparison,
      signedComparison: signed,
      welch: WelchTest(dSky, dControl), signPositive: positive, signPValue: signP, meanD: mean,
      standardErrorD: sd / Double(dSky.count).squareRoot(), controlMeanD: cMean, controlSDD: cSD,
      pAdjusted: comparison.pValue, verdict: Verdict(detected: false, alpha: configuration.alpha, direction: "none", statement: ""))
  }

  /// Every split, with p-values adjusted over the splits and the verdicts.
  public func splits() throws -> [SplitAnalysis] {
    var all = try configuration.splits.indices.map(split)
    let adjusted = configuration.adjustment.adjust(all.map(\.comparison.pValue))
    for k in all.indices {
      all[k].pAdjusted = adjusted[k]
      all[k].verdict = Self.verdict(all[k], alpha: configuration.alpha, adjustment: configuration.adjustment,
                                    tests: all.count)
    }
    return all
  }

  static func verdict(_ a: SplitAnalysis, alpha: Double, adjustment: PValueAdjustment, tests: Int) -> Verdict {
    let detected = a.pAdjusted < alpha
    let direction = !detected ? "none" : (a.meanD > 0 ? "own-side" : "other-side")
    let f = { (x: Double) in x.isFinite ? String(format: "%.4f", x) : "n/a" }
    let p = a.comparison.pValue < 1e-3 ? String(format: "%.1e", a.comparison.pValue) : String(format: "%.4f", a.comparison.pValue)
    let ci = "\(f(a.meanD - 1.96 * a.standardErrorD)) to \(f(a.meanD + 1.96 * a.standardErrorD))"
    let test = "\(a.comparison.exact ? "exact" : "Monte Carlo") one-sided permutation test of mean |D| over \(a.seeds.count) "
      + "sky-split pairs against \(a.seeds.count) control pairs, p = \(p) (\(adjustment.rawValue)-adjusted over \(tests) split\(tests == 1 ? "" : "s"): "
      + String(format: "%.4f", a.pAdjusted) + ")"
    let statement: String
    if detected {
      let consistent = a.signPositive == 0 || a.signPositive == a.seeds.count
      let side = a.meanD > 0 ? "more spirals on its own training side" : "fewer spirals on its own training side"
      let how = consistent ? "each model calls \(side) than the other model does"
        : "the sign of D changes with the seed (\(a.signPositive) of \(a.seeds.count) positive): the models' deviations differ in direction"
      statement = "Context bias detected for split \(a.name) at α = \(alpha): mean D = \(f(a.meanD)) (95% CI \(ci)), "
        + "D per seed \(a.seeds.map { f($0.sky.d) }.joined(separator: ", ")); \(how). Control D's: mean \(f(a.controlMeanD)), sd \(f(a.controlSDD)). \(test)."
    } else {
      statement = "No context bias detected for split \(a.name) at α = \(alpha): mean D = \(f(a.meanD)) (95% CI \(ci)) "
        + "against control D's of mean \(f(a.controlMeanD)), sd \(f(a.controlSDD)). \(test)."
    }
    let floor = smallestAttainablePValue(seeds: a.seeds.count)
    let caveat = floor < alpha ? "" : " With \(a.seeds.count) seed\(a.seeds.count == 1 ? "" : "s") the smallest attainable p "
      + "is \(String(format: "%.3g", floor)) ≥ α, so no verdict of bias is possible: use at least 4 seeds (5 for p = 1/252)."
    return Verdict(detected: detected, alpha: alpha, direction: direction, statement: statement + caveat)
  }

  /// The smallest p-value of the exact permutation test of n sky-split D's against n control D's: one relabelling of
  /// the C(2n, n) puts the observed assignment on top, so p ≥ 1/C(2n, n) (n = 1: 1/2, 3: 1/20, 4: 1/70, 5: 1/252).
  static func smallestAttainablePValue(seeds n: Int) -> Double {
    guard n >= 1 else { return 1 }
    var c = 1.0
    for k in 0..<n { c = c * Double(2 * n - k) / Double(k + 1) }
    return 1 / c
  }

  /// Dipoles (cos-fit, closed-form best axis, look-elsewhere-corrected by relabelling) of the true test labels and
  /// of every model's test-set calls, p adjusted over all of them.
  public func dipoles() throws -> [DipoleSummary] {
    let dirs = testDirections
    var sets: [(String, String, [Int])] = [("truth", "labels", testLabels)]
    for o in outcomes { sets.append((o.name, o.role.rawValue, o.calls)) }
    var out: [DipoleSummary] = []
    for (k, (name, role, calls)) in sets.enumerated() {
      let scan = try CosineDipoleScan(directions: dirs, labels: calls.map { $0 == 1 })
      let fit = try scan.significance(permutations: configuration.dipolePermutations,
                                      seed: configuration.baseSeed &+ UInt64(k)).fit
      out.append(DipoleSummary(name: name, role: role, n: fit.n, amplitude: fit.amplitude, amplitudeErr: fit.amplitudeErr,
                               axis: fit.bestAxis, pValue: fit.pValue ?? .nan, pAdjusted: .nan, sigma: fit.sigma ?? .nan))
    }
    let adjusted = configuration.adjustment.adjust(out.map(\.pValue))
    for k in out.indices { out[k].pAdjusted = adjusted[k] }
    return out
  }
}
