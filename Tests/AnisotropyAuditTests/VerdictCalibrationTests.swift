// galmorph — AnisotropyAuditTests
//
// The audit's decision rule, checked by simulation without training, through the real `AuditDesign`, `ModelJob`
// and `AuditAnalysis`. Stand-in "models" reproduce every source of dependence the real design has:
// - shared training data: a model's error on test galaxy j has a component ⟨Σ_{i∈T} g_i / √|T|, h_j⟩ built from
//   per-galaxy random effects g_i of the galaxies it trained on, so models whose training sets overlap err alike
//   (correlation = overlap). ρ is this component's share of the error variance (the rest is model-specific);
// - shared seeds: part of the model-specific error is common to every model trained with the same seed;
// - a shared test set: every model annotates the same galaxies, with per-galaxy difficulty.
// Each simulated audit is a new sky (new positions, labels and random effects); under the null the random effects
// ignore position, under context a model's calls lean towards spiral on the side its training galaxies came from
// (a lean, which D measures) or towards spiral everywhere by the side it trained on (a shift, which S measures).
// Every model also has its own threshold offset, so that S has the wide null spread it has in real audits.

import Foundation
import GalmorphSupport
import MorphologyClassifier
import SkyGeometry
import SkyStatistics
import Testing
@testable import AnisotropyAudit

/// One simulated sky and its audit design.
struct SyntheticAudit {
  let configuration: AuditConfiguration
  let sample: AuditSample
  let design: AuditDesign

  /// `n` galaxies uniform on the sphere; P(spiral) = 0.5 + dipole·sin(Dec); splits `splits` (default `dec:0`).
  init(
    n: Int, seeds: Int = 1, controls: Int? = nil, seed: UInt64, dipole: Double = 0, bootstrap: Int = 0,
    permutations: Int = 50, splits: [String] = ["dec:0"], maxTrainingSize: Int? = nil
  ) throws {
    // The sky's own generator, apart from the design's (which the audit seeds with `seed`).
    var rng = SeededGenerator(seed: seed).stream(0x5C1E)
    var dirs: [SkyDirection] = [], labels: [Int] = []
    for _ in 0..<n {
      let z = 2 * rng.nextUnit() - 1
      dirs.append(SkyDirection(raDegrees: 360 * rng.nextUnit(), decDegrees: asin(z) * 180 / .pi))
      labels.append(rng.nextUnit() < 0.5 + dipole * z ? 1 : 0)
    }
    let recipe = PreprocessingRecipe(cropSize: 2, inputSize: 2, channels: 1)
    let data = LabelledDataset(
      recipe: recipe, inputs: [Float](repeating: 0, count: 4 * n), labels: labels, source: "synthetic")
    sample = AuditSample(data: data, directions: dirs, ids: labels.indices.map(String.init))
    let named = try splits.map(NamedSplit.init(parsing:))
    configuration = AuditConfiguration(
      splits: named, seeds: (1...seeds).map(UInt64.init), controls: controls, baseSeed: seed,
      maxTrainingSize: maxTrainingSize, training: TrainingConfiguration(recipe: recipe),
      bootstrap: bootstrap, dipolePermutations: permutations)
    design = try AuditDesign(
      labels: labels, sides: named.map { $0.split.isSideA(dirs) }, seeds: configuration.seeds,
      controls: configuration.controls, baseSeed: seed, maxTrainingSize: maxTrainingSize)
  }

  /// Stand-in models for every job of the design.
  ///
  /// Score of test galaxy j: (2y_j − 1)·1.6 + u_j + √ρ·⟨G(T), h_j⟩ + √(1 − ρ)·(√½·η_{seed,j} + √½·ξ_{model,j})
  /// + δ_model + context·(2·a_j(T) − 1) + shift·(2·s_A(T) − 1), called spiral when > 0. u_j ~ N(0, 0.5²) is the galaxy's difficulty (shared test
  /// set); G(T) = Σ_{i∈T} g_i / √|T| with g_i ~ N(0, I₄/4) per training galaxy and h_j ~ N(0, I₄) (shared training
  /// data); η is common to the models of one seed (shared seeds), ξ private. a_j(T) is the share of the model's
  /// training galaxies on test galaxy j's side of split 0 (1 or 0 for a sky model, ≈ ½ for a control model), s_A(T)
  /// the share on side A. δ_model ~ N(0, offset²) is the model's threshold offset (default 0.2: with it, S's null
  /// spread is about 1.5 times D's, as in the bundled audits).
  /// With `alternating`, even seeds lean the other way (D changes sign with the seed).
  func outcomes(
    rho: Double, context: Double = 0, shift: Double = 0, offset: Double = 0.2, seed: UInt64,
    alternating: Bool = false
  ) -> [ModelOutcome] {
    var rng = SeededGenerator(seed: seed ^ 0xA0D17)
    let r = 4
    let g = (0..<sample.count).map { _ in (0..<r).map { _ in 0.5 * rng.nextNormal() } }
    let test = design.test
    let h = test.map { _ in (0..<r).map { _ in rng.nextNormal() } }
    let u = test.map { _ in 0.5 * rng.nextNormal() }
    let truth = test.map { sample.data.labels[$0] }
    let sideA = configuration.splits[0].split.isSideA(sample.directions)
    var eta: [UInt64: [Double]] = [:]
    for s in configuration.seeds { eta[s] = test.map { _ in rng.nextNormal() } }
    return ModelJob.jobs(for: design, splitNames: configuration.splits.map(\.name)).map { job in
      var gT = [Double](repeating: 0, count: r)
      for i in job.rows { for k in 0..<r { gT[k] += g[i][k] } }
      let norm = 1 / Double(job.rows.count).squareRoot()
      let shareA = Double(job.rows.filter { sideA[$0] }.count) / Double(job.rows.count)
      let lean = alternating && job.seed % 2 == 0 ? -context : context
      let delta = offset * rng.nextNormal() + shift * (2 * shareA - 1)
      let p: [Double] = test.indices.map { j in
        var dot = 0.0
        for k in 0..<r { dot += gT[k] * norm * h[j][k] }
        let own = sideA[test[j]] ? shareA : 1 - shareA
        let score =
          Double(2 * truth[j] - 1) * 1.6 + u[j] + rho.squareRoot() * dot
          + (1 - rho).squareRoot() * (0.5.squareRoot() * eta[job.seed]![j] + 0.5.squareRoot() * rng.nextNormal())
          + lean * (2 * own - 1) + delta
        return score > 0 ? 0.9 : 0.1
      }
      return ModelOutcome(
        name: job.name, role: job.role, split: job.split, unit: job.unit, seed: job.seed,
        trainingSize: job.rows.count, trainingSpiralFraction: 0.5, file: "", sha256: "", epochs: 1,
        bestEpoch: 1, validationAUC: 1, threshold: 0.5, trainSeconds: 0, annotateSeconds: 0,
        fingerprint: "", testProbabilities: p)
    }
  }

  func analysis(_ outcomes: [ModelOutcome]) -> AuditAnalysis {
    AuditAnalysis(configuration: configuration, sample: sample, design: design, outcomes: outcomes)
  }
}

/// Clopper–Pearson 99% interval of k/n.
func clopperPearson99(_ k: Int, _ n: Int) throws -> (Double, Double) {
  let ci = try BinomialInterval(successes: k, trials: n, confidenceLevel: 0.99, method: .clopperPearson)
  return (ci.lower, ci.upper)
}

@Suite("Audit verdicts: null calibration and power by simulation")
struct VerdictCalibrationTests {
  /// Size of the default design (one split, one seed, M = 20 control units) over 2000 independent null skies for
  /// each ρ. D and S are discrete (hard calls on a few hundred test galaxies), so units can tie exactly (same |D|
  /// and |S|); the product counts such ties against the sky unit, which can only make it conservative. Exchangeability itself is checked with ties
  /// broken at random: then the rank of the sky unit is exactly uniform on 1…21, so the expected number of
  /// rejections at rank 1 is 2000/21 = 95.2 (sd 9.5) and P(rank ≤ 10) = 10/21. The product's own rejection count
  /// must not exceed the upper 99% binomial bound of α·2000.
  @Test(arguments: [0.0, 0.5, 1.0])
  func sizeAtTheDefaultsIsAlphaForAnyTrainingDataEffect(rho: Double) throws {
    let runs = 2000
    var rejected = 0, topRank = 0.0, upperHalf = 0.0
    for r in 0..<runs {
      let audit = try SyntheticAudit(n: 600, seed: 10_000 + UInt64(r))
      #expect(audit.configuration.controls == 20)
      let s = try audit.analysis(audit.outcomes(rho: rho, seed: UInt64(r))).splits()[0]
      if s.verdict.detected { rejected += 1 }
      // Random tie-breaking: with g controls strictly above and t tied, the rank is g + 1 + U{0…t}.
      let sky = s.test.sky, tol = 1e-12
      let g = s.test.controls.filter { $0 > sky + tol }.count
      let t = s.test.controls.filter { abs($0 - sky) <= tol }.count
      for extra in 0...t where g + 1 + extra <= 10 { upperHalf += 1 / Double(t + 1) }
      if g == 0 { topRank += 1 / Double(t + 1) }
    }
    print(
      "audit size at the defaults, rho = \(rho): \(rejected)/\(runs) rejections at alpha 0.05 (exact size with "
        + "random tie-breaking \(String(format: "%.1f", topRank))/\(runs), expected 95.2)")
    #expect(
      abs(topRank - Double(runs) / 21) <= 2.58 * (Double(runs) / 21 * 20 / 21).squareRoot(),
      "rank-1 count \(topRank), expected \(Double(runs) / 21)")
    #expect(
      abs(upperHalf / Double(runs) - 10.0 / 21) <= 2.58 * (10.0 / 21 * 11 / 21 / Double(runs)).squareRoot(),
      "P(rank ≤ 10) = \(upperHalf / Double(runs))")
    let (_, hi) = try clopperPearson99(Int((0.05 * Double(runs)).rounded()), runs)
    #expect(Double(rejected) / Double(runs) <= hi, "rejections \(rejected)/\(runs) above α")
  }

  /// Several seeds with subsampled reservoirs (`maxTrainingSize`), and two splits with Holm: the units stay
  /// exchangeable (size ≤ α), with the training-data effect fully shared (ρ = 1).
  @Test func sizeHoldsWithSeedsSubsamplingAndTwoSplits() throws {
    let runs = 600
    var rejectedAny = 0, rejectedDec = 0
    for r in 0..<runs {
      let audit = try SyntheticAudit(
        n: 600, seeds: 3, controls: 19, seed: 50_000 + UInt64(r),
        splits: ["dec:0", "ra:70,250"], maxTrainingSize: 120)
      let splits = try audit.analysis(audit.outcomes(rho: 1, seed: UInt64(r))).splits()
      if splits.contains(where: \.verdict.detected) { rejectedAny += 1 }
      if splits[0].test.pValue <= 0.05 { rejectedDec += 1 }
    }
    print(
      "3 seeds, cap 120, 2 splits, M = 19, rho = 1: raw p <= 0.05 for dec:0 in \(rejectedDec)/\(runs); "
        + "any split detected after Holm in \(rejectedAny)/\(runs)")
    // Raw: size at most 1/20 = 0.05 (ties count against the sky unit). Holm with M = 19 cannot go below 2/20 = 0.1
    // ≥ α: never detected.
    let (_, hi) = try clopperPearson99(Int((0.05 * Double(runs)).rounded()), runs)
    #expect(Double(rejectedDec) / Double(runs) <= hi, "raw rejections \(rejectedDec)/\(runs)")
    #expect(rejectedAny == 0)
  }

  /// Power at the defaults: a planted own-side lean of 0.6 (in units of the score's noise) is found, in its
  /// direction, in most audits; a lean whose sign alternates with the seed is found through |D| with 3 seeds.
  @Test func plantedContextIsFoundInItsDirection() throws {
    var detected = 0, dAlone = 0, fisher = 0, sumD = 0.0
    let runs = 100
    for r in 0..<runs {
      let audit = try SyntheticAudit(n: 600, seed: 70_000 + UInt64(r))
      let s = try audit.analysis(audit.outcomes(rho: 0.5, context: 0.6, seed: UInt64(r))).splits()[0]
      if s.verdict.detected { detected += 1; #expect(s.verdict.direction == "own-side") }
      if s.test.componentP[0] <= 0.05 { dAlone += 1 }
      if Self.fisherRankP(s.test) <= 0.05 { fisher += 1 }
      sumD += s.meanD
    }
    print(
      "power at the defaults, lean 0.6, rho 0.5: \(detected)/\(runs) (mean |D| alone: \(dAlone)/\(runs); Fisher's "
        + "combination of the two ranks: \(fisher)/\(runs)); mean D \(sumD / Double(runs))")
    // Why T combines scaled magnitudes and not ranks: with 21 units the rank combination loses about half the power.
    #expect(fisher + 20 <= detected, "Fisher's rank combination \(fisher)/\(runs) against T's \(detected)/\(runs)")
    #expect(sumD / Double(runs) > 0.1)
    #expect(detected >= 80, "power \(detected)/\(runs)")

    var alternatingDetected = 0
    for r in 0..<40 {
      let audit = try SyntheticAudit(n: 600, seeds: 3, seed: 80_000 + UInt64(r))
      let s = try audit.analysis(audit.outcomes(rho: 0.5, context: 0.6, seed: UInt64(r), alternating: true)).splits()[0]
      if s.verdict.detected { alternatingDetected += 1 }
      #expect(s.sky.positive > 0 && s.sky.positive < 3)
    }
    #expect(alternatingDetected >= 32, "power with alternating signs \(alternatingDetected)/40")
  }

  /// The rejected alternative, for comparison: Fisher's combination −2 ln p_a − 2 ln p_b of each unit's two
  /// component ranks among all units, ranked like T (ties against the sky unit).
  static func fisherRankP(_ t: UnitRankTest) -> Double {
    let units = [t.skyComponents] + t.controlComponents
    let a = units.map(\.absD), b = units.map(\.absS)
    let f = units.indices.map { -2 * log(UnitRankTest.rankP(a, $0)) - 2 * log(UnitRankTest.rankP(b, $0)) }
    return Double(f.filter { UnitRankTest.counts($0, against: f[0]) }.count) / Double(f.count)
  }

  /// Power for a training-side shift (as bad seeing on one side did to real GZ1 models: the model trained on the
  /// blurred side calls more spirals everywhere) at the defaults: found by the combined test in its direction, and
  /// mostly missed by mean |D| alone, which cancels a shift by construction.
  @Test func aTrainingSideShiftIsFoundWhereDAloneMissesIt() throws {
    var detected = 0, inDirection = 0, dAlone = 0, sumS = 0.0
    let runs = 100
    for r in 0..<runs {
      let audit = try SyntheticAudit(n: 600, seed: 90_000 + UInt64(r))
      let s = try audit.analysis(audit.outcomes(rho: 0.5, shift: 0.8, seed: UInt64(r))).splits()[0]
      if s.verdict.detected {
        detected += 1
        if s.verdict.direction == "side-A-more-spiral" { inDirection += 1 }
      }
      if s.test.componentP[0] <= 0.05 { dAlone += 1 }
      sumS += s.shift.mean
    }
    print(
      "power at the defaults, shift 0.8, rho 0.5: \(detected)/\(runs) (\(inDirection) in its direction; mean |D| "
        + "alone: \(dAlone)/\(runs)); mean S \(sumS / Double(runs))")
    #expect(sumS / Double(runs) > 0.05)
    #expect(detected >= 80, "power \(detected)/\(runs)")
    #expect(inDirection >= detected * 9 / 10, "direction \(inDirection)/\(detected)")
    #expect(dAlone <= 25, "mean |D| alone found the shift in \(dAlone)/\(runs)")
  }

  @Test func tooFewControlsAreSaidToBeUnableToReachAlphaAfterHolm() throws {
    #expect(AuditConfiguration.minimumControls(splits: 1, alpha: 0.05) == 20)
    #expect(AuditConfiguration.minimumControls(splits: 2, alpha: 0.05) == 40)
    #expect(AuditConfiguration.minimumControls(splits: 4, alpha: 0.01) == 400)
    // 19 controls and one split: p ≥ 1/20 = α, no verdict possible even for a strong context.
    let one = try SyntheticAudit(n: 600, controls: 19, seed: 15)
    let s1 = try one.analysis(one.outcomes(rho: 0.5, context: 2, seed: 3)).splits()[0]
    #expect(abs(s1.test.pValue - 1.0 / 20) < 1e-12)
    #expect(!s1.verdict.detected && !s1.verdict.conclusive)
    #expect(s1.verdict.statement.contains("smallest attainable adjusted p is 0.05 ≥ α"))
    // 30 controls are enough for one split (1/31 < α) but not for two (Holm: 2/31 ≥ α), as the old seed-count
    // warning missed: the statement must say so.
    let two = try SyntheticAudit(n: 600, controls: 30, seed: 15, splits: ["dec:0", "ra:70,250"])
    let s2 = try two.analysis(two.outcomes(rho: 0.5, context: 2, seed: 3)).splits()[0]
    #expect(abs(s2.test.pValue - 1.0 / 31) < 1e-12 && abs(s2.pAdjusted - 2.0 / 31) < 1e-12)
    #expect(!s2.verdict.detected && s2.verdict.statement.contains("--controls 40"))
    // The defaults reach α and say nothing of the kind.
    let ok = try SyntheticAudit(n: 600, seed: 15)
    let s3 = try ok.analysis(ok.outcomes(rho: 0.5, context: 2, seed: 3)).splits()[0]
    #expect(s3.verdict.detected && s3.verdict.conclusive && !s3.verdict.statement.contains("≥ α"))
    #expect(s3.verdict.statement.contains("smallest attainable: 0.0476"))
    #expect(!s3.verdict.statement.contains("nan"))
  }

  @Test func anUndefinedDGivesNoVerdictInsteadOfDetection() throws {
    // Old behaviour: NaN D made `statistic >= NaN` false for every relabelling, p = 0 and "context bias detected".
    let t = UnitRankTest(
      sky: UnitComponents(absD: .nan, absS: 0.1),
      controls: [0.1, 0.2, 0.05].map { UnitComponents(absD: $0, absS: $0) })
    #expect(t.pValue == 1)
    let audit = try SyntheticAudit(n: 600, seed: 16)
    var analysis = try audit.analysis(audit.outcomes(rho: 0, seed: 1)).split(0)
    analysis.test = t
    analysis.pAdjusted = 1
    let v = AuditAnalysis.verdict(analysis, configuration: audit.configuration)
    #expect(!v.detected && !v.conclusive && v.statement.hasPrefix("No verdict"))
  }

  @Test func trueDipoleShowsInLabelsAndAnnotationsButNotAsContext() throws {
    let audit = try SyntheticAudit(n: 4000, seed: 13, dipole: 0.25, permutations: 1000)
    let analysis = audit.analysis(audit.outcomes(rho: 0.5, seed: 7))
    let dipoles = try analysis.dipoles()
    #expect(dipoles.count == AuditConfiguration.dipoleFits(splits: 1, seeds: 1))
    for d in dipoles {
      #expect(d.pAdjusted < 0.05, "\(d.name): p_adj \(d.pAdjusted)")
      #expect(d.axis.dec > 60, "\(d.name): axis Dec \(d.axis.dec)")
    }
    let s = try analysis.splits()[0]
    #expect(s.verdict.detected == false)
    // A true dipole makes π_A ≠ π_B: D itself can move, the per-class D's cannot (they are small here).
    #expect(abs(s.meanDSpirals) < 0.1 && abs(s.meanDEllipticals) < 0.1)
  }
}
