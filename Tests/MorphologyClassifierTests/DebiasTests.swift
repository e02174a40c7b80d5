// galmorph — MorphologyClassifierTests
//
// De-biased retraining (issue 19): the context augmentation's parts and the group balancing's weights and bins,
// against scipy/numpy (Reference/gen_debias_golden.py) and by construction.

import Foundation
import GalmorphSupport
import NeuralNet
import TensorCore
import Testing
@testable import MorphologyClassifier
import _GalmorphTestSupport

struct DebiasGolden: Decodable {
  struct Blur: Decodable { let h: Int; let w: Int; let c: Int; let sigma: Double; let pixels: [Double] }
  struct Bins: Decodable { let bins: Int; let edges: [Double]; let groups: [Int] }
  let blur: [Blur]
  let values: [Double]
  let bins: [Bins]
  static func load() throws -> DebiasGolden { try Reference.json(DebiasGolden.self, "debias_golden.json") }
}

/// An image of pure Gaussian noise of standard deviation `sd` around per-channel levels `level`.
func noiseImage(side: Int, channels: Int, sd: Double, level: [Float], seed: UInt64) -> ImageBuffer {
  var rng = SeededGenerator(seed: seed)
  var img = ImageBuffer(width: side, height: side, channels: channels)
  for i in img.pixels.indices { img.pixels[i] = level[i % channels] + Float(sd * rng.nextNormal()) }
  return img
}

@Suite("De-biasing: context augmentation and group balancing")
struct DebiasTests {
  @Test func blurMatchesScipyGaussianFilter() throws {
    for b in try DebiasGolden.load().blur {
      let out = formulaImage(b.h, b.w, b.c).gaussianBlurred(sigma: b.sigma)
      let worst = zip(out.pixels, b.pixels).map { abs(Double($0) - $1) }.max() ?? .infinity
      #expect(out.pixels.count == b.pixels.count)
      #expect(worst < 2e-4, "σ = \(b.sigma): largest difference from scipy \(worst)")
    }
  }

  @Test func equalCountBinsMatchNumpyQuantiles() throws {
    let g = try DebiasGolden.load()
    for b in g.bins {
      #expect(GroupBalancing.groups(values: g.values, bins: b.bins) == b.groups, "\(b.bins) bins")
    }
  }

  @Test func fewValuedColumnsGetOneGroupPerValue() {
    // 3 of 5 at the lower value: a median edge of 1.2 would put every value in the upper bin
    #expect(GroupBalancing.groups(values: [1.6, 1.2, 1.2, 1.6, 1.2], bins: 2) == [1, 0, 0, 1, 0])
    #expect(GroupBalancing.groups(values: [3, 3, 3], bins: 4) == [0, 0, 0])
    #expect(GroupBalancing.groups(values: [2, 1, 3], bins: 2) == [1, 0, 1])  // 3 values > 2 bins: quantile edges
  }

  @Test func groupWeightsGiveEveryGroupTheSameTotal() {
    // groups of 1, 2 and 5 examples among the chosen indices (index 3 and 9 are not chosen)
    let groups = [0, 1, 1, 7, 2, 2, 2, 2, 2, 0]
    let indices = [0, 1, 2, 4, 5, 6, 7, 8]
    let w = GroupBalancing.weights(groups: groups, indices: indices)
    // N = 8, G = 3: the lone example 8/3, the pair 4/3 each, the five 8/15 each
    let expected: [Float] = [8.0 / 3, 4.0 / 3, 4.0 / 3, 8.0 / 15, 8.0 / 15, 8.0 / 15, 8.0 / 15, 8.0 / 15]
    for (a, e) in zip(w, expected) { #expect(abs(a - e) < 1e-6) }
    #expect(abs(w.reduce(0, +) - 8) < 1e-5)
  }

  @Test func specificationsParseOrFailClearly() throws {
    #expect(try GroupBalancing(parsing: "healpix:4").scheme == .healpix(nside: 4))
    #expect(try GroupBalancing(parsing: "column:psf_fwhm").scheme == .column(name: "psf_fwhm", bins: 4))
    #expect(try GroupBalancing(parsing: "column:psf_fwhm:3").scheme == .column(name: "psf_fwhm", bins: 3))
    for bad in ["healpix:3", "healpix", "column:", "column:x:1", "pixel:4", ""] {
      #expect(throws: ClassifierError.self, "\(bad)") { _ = try GroupBalancing(parsing: bad) }
    }
  }

  @Test func rangesMeasureTheBorderNoiseAndSkyLevels() {
    // 60 images, border noise sd 0.2 (images 0–29) and 0.4 (30–59), channel levels spread by image
    let images = (0..<60).map { k in
      noiseImage(
        side: 64, channels: 3, sd: k < 30 ? 0.2 : 0.4, level: [Float(k % 10) * 0.1, 0, -1], seed: UInt64(k))
    }
    let r = ContextAugmentation.Ranges.measure(images)
    #expect(abs(r.noiseHigh - 0.4) < 0.03)
    #expect(abs(r.noiseMedian - 0.3) < 0.11)
    // channel 0 levels 0, 0.1, …, 0.9 six times each: 5 % and 95 % quantiles 0 and 0.9, half-width 0.45; channels 1
    // and 2 constant, so only the border medians' own scatter (≈ 1.25 · 0.3 / √720 ≈ 0.015, 5–95 % half-width
    // ≈ 0.025) remains
    #expect(abs(r.skyHalfWidth[0] - 0.45) < 0.03)
    #expect(r.skyHalfWidth[1] < 0.06 && r.skyHalfWidth[2] < 0.06)
  }

  @Test func poissonDrawsHaveTheirMean() {
    var rng = SeededGenerator(seed: 5)
    let n = 20_000
    let mean = Double((0..<n).map { _ in ContextAugmentation.poisson(2, &rng) }.reduce(0, +)) / Double(n)
    // standard error sqrt(2/n) = 0.01
    #expect(abs(mean - 2) < 0.04)
  }

  @Test func augmentationRedrawsContextDeterministicallyAndStandardises() {
    let images = (0..<20).map { noiseImage(side: 32, channels: 3, sd: 0.3, level: [0, 0.1, 0.2], seed: $0) }
    let ranges = ContextAugmentation.Ranges.measure(images)
    let base = formulaImage(32, 32, 3).standardized()
    let always = ContextAugmentation(probability: 1, maxBlur: 0.8, meanStars: 3)
    var r1 = SeededGenerator(seed: 9), r2 = SeededGenerator(seed: 9)
    let a = always.apply(base, ranges: ranges, rng: &r1), b = always.apply(base, ranges: ranges, rng: &r2)
    #expect(a == b)
    #expect(a != base)
    let mean = a.pixels.reduce(0, +) / Float(a.pixels.count)
    let sd = (a.pixels.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(a.pixels.count)).squareRoot()
    #expect(abs(mean) < 1e-4 && abs(sd - 1) < 1e-3)
    var r3 = SeededGenerator(seed: 9)
    #expect(ContextAugmentation(probability: 0).apply(base, ranges: ranges, rng: &r3) == base)
  }

  @Test func injectedStarsAddFluxWhereTheyLand() {
    var img = ImageBuffer(width: 16, height: 16, channels: 2)
    img.addGaussian(y: 8.5, x: 4.5, sigma: 1, peak: [2, 1])
    #expect(abs(img[8, 4, 0] - 2) < 1e-6 && abs(img[8, 4, 1] - 1) < 1e-6)
    #expect(abs(img[8, 5, 0] - 2 * Float(exp(-0.5))) < 1e-6)
    #expect(img[0, 15, 0] == 0)  // beyond 4σ
    // total flux 2πσ² · peak within truncation error
    let total = stride(from: 0, to: img.pixels.count, by: 2).map { img.pixels[$0] }.reduce(0, +)
    #expect(abs(total - Float(2 * Double.pi * 2)) < 0.01)
  }

  @Test func configurationsWithoutDebiasingKeepTheirEncoding() throws {
    let text = String(decoding: try JSONCoding.encoder().encode(SyntheticGalaxies.config(epochs: 2)), as: UTF8.self)
    #expect(!text.contains("context") && !text.contains("groupBalancing"))
    var c = SyntheticGalaxies.config(epochs: 2)
    c.augmentation = Augmentation(context: ContextAugmentation())
    c.groupBalancing = try GroupBalancing(parsing: "healpix:2")
    let round = try JSONDecoder().decode(TrainingConfiguration.self, from: try JSONCoding.encoder().encode(c))
    #expect(round == c)
  }

  /// Without targets the fingerprint is the audit's original (training, rows, input) key, so audits resumed across
  /// this change still reuse their models.
  @Test func fingerprintWithoutTargetsIsTheAuditsOriginalKey() throws {
    struct OldKey: Encodable { let training: TrainingConfiguration; let rows: [Int]; let input: String }
    let c = SyntheticGalaxies.config(epochs: 2)
    let old = Checksum.sha256(try JSONCoding.encoder().encode(OldKey(training: c, rows: [3, 1, 4], input: "ab")))
    #expect(try c.fingerprint(rows: [3, 1, 4], input: "ab") == old)
    #expect(try c.fingerprint(rows: [3, 1, 4], targets: [1, 0, 1], input: "ab") != old)
  }

  @Test func balancingWithoutGroupsIsAnError() throws {
    var c = SyntheticGalaxies.config(epochs: 1)
    c.groupBalancing = try GroupBalancing(parsing: "column:seeing:2")
    let data = SyntheticGalaxies.dataset(n: 60)
    #expect(throws: ClassifierError.self) { _ = try Trainer(config: c, progressStyle: .silent).train(data) }
  }

  @Test func debiasedTrainingIsReproducibleAndDiffersFromPlain() throws {
    var data = SyntheticGalaxies.dataset(n: 120)
    data.groups = (0..<data.count).map { $0 % 3 == 0 ? 0 : 1 }
    var c = SyntheticGalaxies.config(epochs: 1)
    let plain = try Trainer(config: c, progressStyle: .silent).train(data).model.network.parameters()
    c.augmentation = Augmentation(context: ContextAugmentation(probability: 1))
    c.groupBalancing = try GroupBalancing(parsing: "column:x:2")
    let r1 = try Trainer(config: c, progressStyle: .silent).train(data)
    let r2 = try Trainer(config: c, progressStyle: .silent).train(data)
    let p1 = r1.model.network.parameters(), p2 = r2.model.network.parameters()
    #expect(p1.keys.allSatisfy { p1[$0]!.values == p2[$0]!.values })
    #expect(p1.keys.contains { p1[$0]!.values != plain[$0]!.values })
    #expect(r1.model.provenance?.extra["context_ranges"]?.contains("noiseHigh") == true)
  }
}

@Suite("De-biasing: domain-adversarial head")
struct DomainAdversaryTests {
  /// A dense network (no kinks near the test point matter at this step size) and 3 groups.
  static func setup() throws -> (Sequential, AdversarialHead, [Float], [Float], [Int]) {
    let arch = Architecture(
      inputShape: [6],
      layers: [
        .dense(DenseSpec(units: 5)), .sigmoid(NameSpec()), .dense(DenseSpec(units: 4)), .dense(DenseSpec(units: 2)),
      ])
    let net = try Sequential(architecture: arch, seed: 2)
    let n = 7
    var rng = SeededGenerator(seed: 4)
    let x = (0..<(n * 6)).map { _ in Float(rng.nextNormal()) }
    let t = (0..<n).flatMap { k -> [Float] in k % 2 == 0 ? [1, 0] : [0, 1] }
    let groups = (0..<n).map { $0 % 3 }
    let head = try AdversarialHead(
      spec: DomainAdversary(groups: try GroupBalancing(parsing: "column:c:3"), weight: 1, hidden: 3), network: net,
      groups: groups, train: Array(0..<n), seed: 1, learningRate: 0)
    return (net, head, x, t, groups)
  }

  /// J = L_class − λ L_domain, evaluated without changing anything.
  static func objective(_ net: Sequential, _ head: AdversarialHead, _ x: [Float], _ t: [Float], lambda: Float) -> Double
  {
    let n = t.count / 2
    return x.withUnsafeBufferPointer { xp in
      var h = xp.baseAddress!
      for l in net.layers[..<head.split] { h = l.forward(h, batch: n, mode: .inference) }
      let d = head.head.forward(h, batch: n, mode: .inference)
      var ld = 0.0
      for k in 0..<n {
        let row = (0..<head.domains).map { Double(d[k * head.domains + $0]) }
        let m = row.max()!
        let lse = m + log(row.map { exp($0 - m) }.reduce(0, +))
        ld += lse - row[head.domainOf[k]!]
      }
      var y = h
      for l in net.layers[head.split...] { y = l.forward(y, batch: n, mode: .inference) }
      var lc = 0.0
      for k in 0..<n {
        let a = Double(y[2 * k]), b = Double(y[2 * k + 1]), m = max(a, b)
        let lse = m + log(exp(a - m) + exp(b - m))
        lc += lse - (t[2 * k] == 1 ? a : b)
      }
      return (lc - Double(lambda) * ld) / Double(n)
    }
  }

  @Test func trunkGradientIsTheReversedObjectivesFiniteDifference() throws {
    let (net, head, x, t, _) = try Self.setup()
    let n = t.count / 2, lambda: Float = 0.7
    let g = FloatBuffer()
    x.withUnsafeBufferPointer { xp in
      t.withUnsafeBufferPointer { tp in
        let y = head.forward(net, xp.baseAddress!, batch: n)
        let gp = g.reserve(n * 2)
        _ = SoftmaxCrossEntropy().evaluate(
          logits: y, targets: tp.baseAddress!, weights: nil, batch: n, width: 2, gradient: gp)
        head.backward(net, gp, batch: n, indices: Array(0..<n), lambda: lambda, learningRate: 0)
      }
    }
    // the first layer's kernel: below the features, so its gradient carries the reversed domain term
    let p = net.layers[0].parameters[0]
    let analytic = p.gradient.array(count: p.count)
    var worst = 0.0
    for i in stride(from: 0, to: p.count, by: 3) {
      let v = p.value.pointer[i], h: Float = 1e-2
      p.value.pointer[i] = v + h
      let up = Self.objective(net, head, x, t, lambda: lambda)
      p.value.pointer[i] = v - h
      let down = Self.objective(net, head, x, t, lambda: lambda)
      p.value.pointer[i] = v
      let numeric = (up - down) / (2 * Double(h))
      worst = max(worst, abs(numeric - Double(analytic[i])) / max(1e-2, abs(numeric)))
    }
    #expect(worst < 0.02, "largest relative difference from central differences: \(worst)")
    // and the domain term matters: without it the gradient differs
    let withoutDomain: Double = Self.objective(net, head, x, t, lambda: 0)
    let withDomain: Double = Self.objective(net, head, x, t, lambda: lambda)
    #expect(Swift.abs(withoutDomain - withDomain) > 1e-3)
  }

  @Test func reversalStrengthRampsAsGaninEtAl() {
    let a = DomainAdversary(groups: try! GroupBalancing(parsing: "healpix:1"), weight: 0.5)
    #expect(a.lambda(progress: 0) == 0)
    #expect(abs(Double(a.lambda(progress: 0.5)) - 0.5 * (2 / (1 + exp(-5)) - 1)) < 1e-6)
    #expect(abs(Double(a.lambda(progress: 1)) - 0.5 * (2 / (1 + exp(-10)) - 1)) < 1e-6)
  }

  @Test func adversarialTrainingResumesExactlyAndLogsTheHead() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    var data = SyntheticGalaxies.dataset(n: 96)
    data.groups = (0..<data.count).map { $0 % 4 }
    var cfg = SyntheticGalaxies.config(epochs: 3)
    cfg.adversary = DomainAdversary(groups: try GroupBalancing(parsing: "column:x:4"))
    let full = try Trainer(config: cfg, progressStyle: .silent).train(data)
    let ck = tmp.file("ck.h5")
    _ = try Trainer(config: cfg, checkpointURL: ck, progressStyle: .silent).train(data, stopAfterEpochs: 1)
    let resumed = try Trainer(config: cfg, checkpointURL: ck, progressStyle: .silent).train(data, resume: true)
    let a = full.model.network.parameters(), b = resumed.model.network.parameters()
    #expect(a.keys.allSatisfy { a[$0]!.values == b[$0]!.values })
    #expect(full.history.allSatisfy { ($0.adversaryLoss ?? .nan).isFinite && $0.adversaryAccuracy != nil })
    #expect(full.history.map(\.adversaryLoss) == resumed.history.map(\.adversaryLoss))
    // the model has the classifier's layers only
    #expect(!a.keys.contains { $0.hasPrefix("adversary") })
  }
}

extension DomainAdversaryTests {
  /// A training part of one group (a sky-split model of one telescope's sky) trains exactly as without the head.
  @Test func oneGroupTrainsAsWithoutTheHead() throws {
    var data = SyntheticGalaxies.dataset(n: 64)
    data.groups = Array(repeating: 5, count: data.count)
    var cfg = SyntheticGalaxies.config(epochs: 1)
    let plain = try Trainer(config: cfg, progressStyle: .silent).train(data).model
    cfg.adversary = DomainAdversary(groups: try GroupBalancing(parsing: "healpix:1"))
    let withHead = try Trainer(config: cfg, progressStyle: .silent).train(data).model
    let a = plain.network.parameters(), b = withHead.network.parameters()
    #expect(a.keys.allSatisfy { a[$0]!.values == b[$0]!.values })
    #expect(withHead.provenance?.extra["adversary"]?.hasPrefix("off") == true)
  }
}
