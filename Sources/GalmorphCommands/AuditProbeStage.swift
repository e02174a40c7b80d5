// galmorph — GalmorphCommands
//
// `galmorph audit --probe`: the context probe on the audit's sample, and where the audit's models look.

import AnisotropyAudit
import Attribution
import Foundation
import GalmorphSupport
import MorphologyClassifier
import NeuralNet

/// The probe stage of an audit, run after its models: the background-only probe (``ContextProbeRun``: the side of
/// every split, and the morphology label) on the audit's stack with the audit's recipe, and the mean share of
/// attribution outside the galaxies (``GalaxyFootprint/outsideShare(_:mask:)``; truth footprints on a simulated
/// stack, else the segmentation) of each split's side-A and side-B
/// models (first seed) and control unit 1's reservoir-A model, on up to `galaxiesPerSide` test galaxies of each side
/// (the same galaxies for every model: a seeded draw).
struct AuditProbeStage {
  var folder: URL
  var stack: URL
  var mapping: LabelMapping
  var result: AuditResult
  var sample: AuditSample
  var design: AuditDesign
  var galaxiesPerSide = 100
  var method: AttributionMethod = .integratedGradients
  var background: ProbeBackground = .auto
  var footprint: FootprintSource = .auto
  var epochs = 6
  var seed: UInt64 = 0

  func run(log: @escaping (String) -> Void) throws -> AuditProbe {
    let started = Date()
    let config = result.configuration
    let recipe = config.training.recipe
    let probe = ContextProbeRun(
      stack: stack, splits: config.splits, label: true, mapping: mapping, architecture: .netB,
      cropSize: recipe.cropSize,
      inputSize: recipe.inputSize, epochs: epochs, testFraction: 0.3, dilate: 2, permutations: 2000, seed: seed,
      background: background)
    let outcome = try probe.run(log: log)
    func auc(_ r: ProbeResult) -> ProbeAUC {
      ProbeAUC(auc: r.auc, interval95: [r.aucLow, r.aucHigh], permutationP: r.permutationP, testCount: r.testCount)
    }
    let truth = try footprint.resolve(stack: stack, recipe: recipe)
    let firstSeed = config.seeds[0]
    var splits: [SplitProbe] = []
    for (s, split) in config.splits.enumerated() {
      let onA = split.split.isSideA(sample.directions)
      let galaxies = [true, false].map { side in chosen(design.test.filter { onA[$0] == side }, salt: UInt64(s)) }
      let models = result.models.filter {
        $0.seed == firstSeed
          && (($0.split == split.name && ($0.role == .sideA || $0.role == .sideB))
            || ($0.unit == 1 && $0.role == .controlA))
      }
      var shares: [OutsideShare] = []
      for m in models {
        log("probe: attribution outside the galaxies, \(m.name) on \(split.name) …")
        let model = try ClassifierModel.load(from: folder.appendingPathComponent(m.file), expectedRecipe: recipe)
        let (a, b) = try (share(model, galaxies[0], truth), share(model, galaxies[1], truth))
        shares.append(
          OutsideShare(
            model: m.name, role: m.role, onA: a.mean, onB: b.mean, errorA: a.error, errorB: b.error, countA: a.n,
            countB: b.n))
      }
      splits.append(SplitProbe(name: split.name, side: auc(outcome.results[s]), outsideShares: shares))
    }
    return AuditProbe(
      background: outcome.background.rawValue, method: method.rawValue,
      footprint: truth == nil ? FootprintSource.segmentation.rawValue : FootprintSource.truth.rawValue,
      galaxiesPerSide: galaxiesPerSide,
      label: auc(outcome.results[config.splits.count]), splits: splits,
      seconds: Date().timeIntervalSince(started))
  }

  /// Up to `galaxiesPerSide` of `indices`, a seeded draw (stream `salt` of the probe's seed).
  func chosen(_ indices: [Int], salt: UInt64) -> [Int] {
    var rng = SeededGenerator(seed: seed ^ 0xA77_1B).stream(salt)
    var v = indices
    rng.shuffle(&v)
    return Array(v.prefix(galaxiesPerSide)).sorted()
  }

  /// Mean, standard error and count of the outside share of `model` over the sample's examples `indices` (galaxies
  /// with an empty footprint or a zero map, whose share is undefined, left out), against the `truth` footprints
  /// where given, else the segmentation.
  func share(
    _ model: ClassifierModel, _ indices: [Int], _ truth: TruthFootprints?
  ) throws -> (mean: Double, error: Double, n: Int) {
    let engine = SpiralGradient(model: model)
    let s = model.recipe.inputSize, c = model.recipe.channels
    var v: [Double] = []
    for (k, i) in indices.enumerated() {
      let image = InputImage(size: s, channels: c, values: sample.data.image(i).pixels)
      let e = try engine.explain(
        image, methods: [method], index: k, footprint: try truth?.mask(position: sample.data.rows[i]))
      if let x = e.outsideShare[method], x.isFinite { v.append(x) }
    }
    guard !v.isEmpty else { return (.nan, .nan, 0) }
    let mean = v.reduce(0, +) / Double(v.count)
    let sd = v.count > 1 ? (v.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(v.count - 1)).squareRoot() : .nan
    return (mean, sd / Double(v.count).squareRoot(), v.count)
  }
}
