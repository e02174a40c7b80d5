// galmorph — AttributionTests
//
// The background-only images keep the sky and lose the galaxy; the probe finds a label written in the background
// and does not find one that is not.

import Foundation
import GalmorphSupport
import MorphologyClassifier
import NeuralNet
import Testing
import _GalmorphTestSupport

@testable import Attribution

@Suite("Context probe: background-only images and the probe's AUC")
struct ContextProbeTests {
  /// A 16×16×3 cutout: the same bright blob for every class at the centre, sky noise σ = `noise`.
  static func cutout(noise: Double, rng: inout SeededGenerator) -> [Float] {
    var v = [Float](repeating: 0, count: 16 * 16 * 3)
    for y in 0..<16 {
      for x in 0..<16 {
        let d2 = Double((y - 8) * (y - 8) + (x - 8) * (x - 8))
        for k in 0..<3 { v[(y * 16 + x) * 3 + k] = Float(4 * exp(-d2 / 8) + noise * rng.nextNormal()) }
      }
    }
    return v
  }

  @Test func backgroundOnlyFillsTheGrownFootprintWithBorderSky() {
    var rng = SeededGenerator(seed: 1)
    let img = InputImage(size: 16, channels: 3, values: Self.cutout(noise: 0.1, rng: &rng))
    let mask = GalaxyMasking.grow(GalaxyFootprint.mask(img), size: 16, by: 2)
    #expect(mask[8 * 16 + 8] && !mask[0])
    var r = SeededGenerator(seed: 2)
    let out = GalaxyMasking.backgroundOnly(img, dilate: 2, rng: &r)
    var filled: [Double] = []
    for i in 0..<256 {
      let px = (0..<3).map { out.values[i * 3 + $0] }
      if mask[i] {
        filled += px.map(Double.init)
      } else {
        #expect(px == (0..<3).map { img.values[i * 3 + $0] }, "pixel \(i) outside the footprint changed")
      }
    }
    // The fill is N(0, 0.1²) sky (the border's median and 1.4826·MAD): its mean and sd over ~450 values.
    let mean = filled.reduce(0, +) / Double(filled.count)
    let sd = (filled.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(filled.count - 1)).squareRoot()
    #expect(filled.count > 300 && abs(mean) < 0.03 && abs(sd - 0.1) < 0.03, "fill mean \(mean), sd \(sd)")
    #expect(out.values[(8 * 16 + 8) * 3] < 1, "the galaxy's centre is gone")
    #expect(
      GalaxyMasking.grow([false, false, false, false, true, false, false, false, false], size: 3, by: 1).allSatisfy {
        $0
      })
  }

  /// The transform is seeded by stack position: the same stamp at the same position gives the same pixels.
  @Test func transformDependsOnlyOnSeedAndPosition() throws {
    var rng = SeededGenerator(seed: 1)
    let stamp = ImageBuffer(width: 16, height: 16, channels: 3, pixels: Self.cutout(noise: 0.1, rng: &rng))
    let t = GalaxyMasking.transform(dilate: 2, seed: 9)
    #expect(try t(4, stamp).pixels == t(4, stamp).pixels)
    #expect(try t(4, stamp).pixels != t(5, stamp).pixels)
  }

  /// Cutouts with their galaxies removed, then scaled by one μ, σ for the sample, as the probe's loader does.
  static func backgroundOnly(_ data: LabelledDataset, raw: [[Float]]) throws -> LabelledDataset {
    var out = data
    let t = GalaxyMasking.transform(dilate: 2, seed: 1)
    out.inputs = try raw.enumerated().flatMap { i, v in
      try t(i, ImageBuffer(width: 16, height: 16, channels: 3, pixels: v)).pixels
    }
    return ContextProbe.standardizedGlobally(out)
  }

  /// One μ and σ for the whole sample: a per-image difference of noise level survives (per-image standardisation
  /// would erase it).
  @Test func globalStandardisationKeepsTheNoiseLevel() {
    let data = LabelledDataset(
      recipe: PreprocessingRecipe(cropSize: 2, inputSize: 2, channels: 1), inputs: [1, -1, 1, -1, 3, -3, 3, -3],
      labels: [0, 1], source: "t")
    let s = ContextProbe.standardizedGlobally(data).inputs
    // μ = 0, σ = √((4·1 + 4·9) / 8) = √5
    let expected = [1.0, -1, 1, -1, 3, -3, 3, -3].map { $0 / 5.0.squareRoot() }
    for (a, b) in zip(s, expected) { #expect(abs(Double(a) - b) < 1e-6) }
  }

  /// Two classes that differ only in their sky noise: the probe on background-only images finds the class
  /// (AUC ≫ 0.5, p at its floor); with the noise the same for both, it does not.
  @Test func probeFindsALabelWrittenInTheBackgroundOnly() throws {
    func data(noiseOfClass1: Double) throws -> LabelledDataset {
      var rng = SeededGenerator(seed: 5)
      var raw: [[Float]] = [], y: [Int] = []
      for i in 0..<240 {
        let c = i % 2
        raw.append(Self.cutout(noise: c == 1 ? noiseOfClass1 : 0.1, rng: &rng))
        y.append(c)
      }
      let data = LabelledDataset(
        recipe: PreprocessingRecipe(cropSize: 16, inputSize: 16), inputs: raw.flatMap { $0 }, labels: y, source: "t")
      return try Self.backgroundOnly(data, raw: raw)
    }
    let arch = Architecture(
      inputShape: [16, 16, 3],
      layers: [
        .conv2d(Conv2DSpec(filters: 8, kernel: 3, padding: .same)), .relu(NameSpec()), .maxPool2d(PoolSpec(pool: 2)),
        .flatten(NameSpec()), .dense(DenseSpec(units: 16)), .relu(NameSpec()), .dense(DenseSpec(units: 2)),
      ])
    let config = TrainingConfiguration(
      architecture: arch, recipe: PreprocessingRecipe(cropSize: 16, inputSize: 16), epochs: 6, batchSize: 16,
      learningRate: 2e-3, validationFraction: 0.2, testFraction: 0.3, stopMetric: .auc, patience: 0, seed: 3)
    let signal = try data(noiseOfClass1: 0.4)
    let found = try ContextProbe.run(
      signal, target: signal.labels, name: "noise", config: config, permutations: 199, progressStyle: .silent)
    #expect(found.auc > 0.9 && found.permutationP < 0.01, "\(found)")
    #expect(found.aucLow <= found.auc && found.auc <= found.aucHigh)
    let none = try data(noiseOfClass1: 0.1)
    let nothing = try ContextProbe.run(
      none, target: none.labels, name: "none", config: config,
      permutations: 199, progressStyle: .silent)
    #expect(nothing.auc < 0.75 && nothing.permutationP > 0.01, "\(nothing)")
  }
}
