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
    let border = Set(img.ring(4).map { j in (0..<3).map { img.values[j * 3 + $0] } })
    for i in 0..<256 {
      let px = (0..<3).map { out.values[i * 3 + $0] }
      if mask[i] {
        #expect(border.contains(px), "pixel \(i) is not sky of the border")
      } else {
        #expect(px == (0..<3).map { img.values[i * 3 + $0] })
      }
    }
    #expect(out.values[(8 * 16 + 8) * 3] < 1, "the galaxy's centre is gone")
    #expect(
      GalaxyMasking.grow([false, false, false, false, true, false, false, false, false], size: 3, by: 1).allSatisfy {
        $0
      })
  }

  /// Two classes that differ only in their sky noise: the probe on background-only images finds the class
  /// (AUC ≫ 0.5, p at its floor); with the noise the same for both, it does not.
  @Test func probeFindsALabelWrittenInTheBackgroundOnly() throws {
    func data(noiseOfClass1: Double) -> LabelledDataset {
      var rng = SeededGenerator(seed: 5)
      var x: [Float] = [], y: [Int] = []
      for i in 0..<240 {
        let c = i % 2
        x += Self.cutout(noise: c == 1 ? noiseOfClass1 : 0.1, rng: &rng)
        y.append(c)
      }
      return LabelledDataset(
        recipe: PreprocessingRecipe(cropSize: 16, inputSize: 16), inputs: x, labels: y, source: "t")
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
    let signal = data(noiseOfClass1: 0.4)
    let masked = ContextProbe.backgroundOnly(signal, seed: 1)
    let found = try ContextProbe.run(
      masked, target: signal.labels, name: "noise", config: config, permutations: 199, progressStyle: .silent)
    #expect(found.auc > 0.9 && found.permutationP < 0.01, "\(found)")
    #expect(found.aucLow <= found.auc && found.auc <= found.aucHigh)
    let none = data(noiseOfClass1: 0.1)
    let nothing = try ContextProbe.run(
      ContextProbe.backgroundOnly(none, seed: 1), target: none.labels, name: "none", config: config,
      permutations: 199, progressStyle: .silent)
    #expect(nothing.auc < 0.75 && nothing.permutationP > 0.01, "\(nothing)")
  }
}
