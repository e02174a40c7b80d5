// galmorph — AttributionTests
//
// Input gradients against central differences, occlusion of a hand-built linear model against its analytic map,
// Integrated Gradients' completeness, and the galaxy footprint on a drawn galaxy.

import Foundation
import GalmorphSupport
import MorphologyClassifier
import NeuralNet
import Testing
import _GalmorphTestSupport

@testable import Attribution

@Suite("Attribution: gradients, occlusion, Integrated Gradients, footprints")
struct AttributionTests {
  static let size = 12, channels = 3

  /// A small network with every kind of layer Net B has, plus batch normalisation (inference mode).
  static func convModel(temperature: Double? = 1.3) throws -> ClassifierModel {
    let arch = Architecture(
      inputShape: [size, size, channels],
      layers: [
        .conv2d(Conv2DSpec(filters: 4, kernel: 3, padding: .same)), .batchNorm(BatchNormSpec()), .relu(NameSpec()),
        .maxPool2d(PoolSpec(pool: 2)), .flatten(NameSpec()), .dense(DenseSpec(units: 8)), .relu(NameSpec()),
        .dropout(DropoutSpec(rate: 0.5)), .dense(DenseSpec(units: 2)),
      ])
    return ClassifierModel(
      network: try Sequential(architecture: arch, seed: 5),
      recipe: PreprocessingRecipe(cropSize: size, inputSize: size), temperature: temperature)
  }

  /// z = w·x + b through one dense layer of 1 output: p = σ(z), so occlusion and IG have closed forms.
  static func linearModel() throws -> (ClassifierModel, w: [Float], b: Float) {
    let arch = Architecture(
      inputShape: [size, size, channels], layers: [.flatten(NameSpec()), .dense(DenseSpec(units: 1))])
    let net = try Sequential(architecture: arch, seed: 1)
    var rng = SeededGenerator(seed: 9)
    let n = size * size * channels
    let w = (0..<n).map { _ in Float(rng.nextNormal() * 0.2) }, b: Float = 0.1
    let names = net.namedParameters.map(\.key).sorted()  // dense/bias, dense/weight (or kernel)
    let weightKey = names.first { !$0.hasSuffix("bias") }!, biasKey = names.first { $0.hasSuffix("bias") }!
    try net.load(parameters: [weightKey: (shape: [n, 1], values: w), biasKey: (shape: [1], values: [b])])
    return (ClassifierModel(network: net, recipe: PreprocessingRecipe(cropSize: size, inputSize: size)), w, b)
  }

  static func image(seed: UInt64 = 3) -> InputImage {
    var rng = SeededGenerator(seed: seed)
    return InputImage(
      size: size, channels: channels, values: (0..<(size * size * channels)).map { _ in Float(rng.nextNormal()) })
  }

  @Test func inputGradientMatchesCentralDifferences() throws {
    let model = try Self.convModel()
    let g = SpiralGradient(model: model)
    let x = Self.image()
    let (p, grad) = g.gradients(x.values)
    let inferred = try g.probabilities(x.values)[0]
    #expect(abs(p[0] - inferred) < 1e-9)
    var rng = SeededGenerator(seed: 11)
    var worst = 0.0, checked = 0
    let h: Float = 1e-2
    for _ in 0..<40 {
      let i = rng.nextInt(below: x.values.count)
      var up = x.values, down = x.values
      up[i] += h; down[i] -= h
      let fd = try (g.probabilities(up)[0] - g.probabilities(down)[0]) / Double(2 * h)
      let scale = max(abs(fd), abs(Double(grad[i])), 1e-4)
      if scale < 1e-4 { continue }
      worst = max(worst, abs(fd - Double(grad[i])) / scale)
      checked += 1
    }
    #expect(checked > 20)
    #expect(worst < 0.05, "worst relative difference \(worst)")
    // a wrong sign on the backward pass's seed would fail this: the gradient must point uphill
    let step = 0.05 / max(1e-12, Double(grad.map { $0 * $0 }.reduce(0, +)).squareRoot())
    let uphill = zip(x.values, grad).map { $0 + Float(step) * $1 }
    #expect(try g.probabilities(uphill)[0] > p[0])
  }

  @Test func ensembleGradientIsTheMeanOverNetworks() throws {
    let a = try Self.convModel(), b = try Self.convModel()
    let other = try Sequential(architecture: a.network.architecture, seed: 77)
    let ensemble = ClassifierModel(network: b.network, recipe: b.recipe, temperature: 1.3, members: [other])
    let x = Self.image()
    let ge = SpiralGradient(model: ensemble).gradients(x.values)
    // finite difference of the ensemble's p along one coordinate
    let i = 17, h: Float = 1e-2
    var up = x.values, down = x.values
    up[i] += h; down[i] -= h
    let s = SpiralGradient(model: ensemble)
    let fd = try (s.probabilities(up)[0] - s.probabilities(down)[0]) / Double(2 * h)
    #expect(abs(fd - Double(ge.gradient[i])) < 0.05 * max(abs(fd), 1e-3), "fd \(fd) vs \(ge.gradient[i])")
  }

  @Test func occlusionOfALinearModelEqualsItsAnalyticMap() throws {
    let (model, w, b) = try Self.linearModel()
    let x = Self.image()
    let occ = Occlusion(patch: 4, stride: 3)
    #expect(occ.positions(size: 12) == [0, 3, 6, 8])
    let (map, p) = try occ.map(x, model: SpiralGradient(model: model))
    let s = Self.size, c = Self.channels
    let fill = x.backgroundLevel()
    func sigma(_ z: Double) -> Double { 1 / (1 + exp(-z)) }
    let z = zip(w, x.values).map { Double($0) * Double($1) }.reduce(Double(b), +)
    #expect(abs(p - sigma(z)) < 1e-6)
    var expected = [Double](repeating: 0, count: s * s), count = [Double](repeating: 0, count: s * s)
    for y0 in [0, 3, 6, 8] {
      for x0 in [0, 3, 6, 8] {
        var dz = 0.0
        for y in y0..<(y0 + 4) {
          for xx in x0..<(x0 + 4) {
            for k in 0..<c {
              let i = (y * s + xx) * c + k
              dz += Double(w[i]) * Double(x.values[i] - fill[k])
            }
          }
        }
        let drop = sigma(z) - sigma(z - dz)
        for y in y0..<(y0 + 4) { for xx in x0..<(x0 + 4) { expected[y * s + xx] += drop; count[y * s + xx] += 1 } }
      }
    }
    for i in 0..<(s * s) {
      #expect(abs(map[i] - expected[i] / count[i]) < 1e-5, "pixel \(i): \(map[i]) vs \(expected[i] / count[i])")
    }
  }

  @Test func integratedGradientsAreCompleteAndExactForALinearLogit() throws {
    let (model, w, _) = try Self.linearModel()
    let x = Self.image()
    let r = try GradientAttribution.integratedGradients(x, model: SpiralGradient(model: model), steps: 64)
    #expect(
      abs(r.map.reduce(0, +) - (r.p - r.baselineP)) < 1e-3, "Σ IG \(r.map.reduce(0, +)) vs Δp \(r.p - r.baselineP)")
    // For p = σ(w·x + b) the path integral has the closed form IG_i = (x_i − x′_i) w_i (p − p′)/(w·(x − x′)).
    let fill = x.backgroundLevel(), c = Self.channels
    let dz = x.values.indices.map { Double(w[$0]) * Double(x.values[$0] - fill[$0 % c]) }.reduce(0, +)
    for pixel in [0, 50, 143] {
      let analytic = (0..<c).map { k -> Double in
        let i = pixel * c + k
        return Double(x.values[i] - fill[k]) * Double(w[i]) * (r.p - r.baselineP) / dz
      }.reduce(0, +)
      #expect(abs(r.map[pixel] - analytic) < 1e-4, "pixel \(pixel): \(r.map[pixel]) vs \(analytic)")
    }
    // a non-linear network: completeness within the midpoint rule's error
    let conv = try Self.convModel()
    let rc = try GradientAttribution.integratedGradients(x, model: SpiralGradient(model: conv), steps: 64)
    #expect(abs(rc.map.reduce(0, +) - (rc.p - rc.baselineP)) < 0.01 * max(0.05, abs(rc.p - rc.baselineP)) + 2e-3)
  }

  @Test func smoothGradIsSeededAndEqualsTheGradientWithoutNoise() throws {
    let model = SpiralGradient(model: try Self.convModel())
    let x = Self.image()
    let a = GradientAttribution.smoothGrad(x, model: model, samples: 8, seed: 1)
    #expect(a == GradientAttribution.smoothGrad(x, model: model, samples: 8, seed: 1))
    #expect(a != GradientAttribution.smoothGrad(x, model: model, samples: 8, seed: 2))
    let plain = GradientAttribution.gradient(x, model: model).map
    let zero = GradientAttribution.smoothGrad(x, model: model, samples: 3, noise: 0)
    for i in plain.indices { #expect(abs(plain[i] - zero[i]) < 1e-6) }
  }

  /// The truth footprint: every pixel whose band-summed noiseless galaxy exceeds 2σ, connected or not.
  @Test func truthMaskIsTheModelAboveTwoSigma() throws {
    // 2×2 pixels, 2 bands: sums 0.3, 2.1, 1.9, 5
    let model = InputImage(size: 2, channels: 2, values: [0.1, 0.2, 1.0, 1.1, 0.9, 1.0, 2.5, 2.5])
    #expect(GalaxyFootprint.truthMask(model: model, sigma: 1) == [false, true, false, true])
    #expect(GalaxyFootprint.truthMask(model: model, sigma: 0.1) == [true, true, true, true])
    // explain measures the outside share against a given footprint
    let (net, _, _) = try Self.linearModel()
    let input = Self.image()
    let given = (0..<(Self.size * Self.size)).map { $0 % 5 == 0 }
    let e = try SpiralGradient(model: net).explain(input, methods: [.gradient], footprint: given)
    let map = try #require(e.maps[.gradient])
    #expect(e.footprint == given && e.footprint != GalaxyFootprint.mask(input))
    #expect(e.outsideShare[.gradient] == GalaxyFootprint.outsideShare(map, mask: given))
  }

  @Test func footprintIsTheCentralComponentAboveTwoSigma() {
    let s = 32, c = 3
    var rng = SeededGenerator(seed: 4)
    var v = [Float](repeating: 0, count: s * s * c)
    for y in 0..<s {
      for x in 0..<s {
        let d2 = Double((y - 16) * (y - 16) + (x - 16) * (x - 16))
        let star = Double((y - 4) * (y - 4) + (x - 27) * (x - 27))
        let galaxy = 3 * exp(-d2 / (2 * 9)), other = 3 * exp(-star / 2)
        for k in 0..<c { v[(y * s + x) * c + k] = Float(galaxy + other + 0.1 * rng.nextNormal()) }
      }
    }
    let mask = GalaxyFootprint.mask(InputImage(size: s, channels: c, values: v))
    #expect(mask[16 * s + 16])
    #expect(!mask[4 * s + 27], "a separate star is not the galaxy")
    #expect(!mask[0] && !mask[s * s - 1])
    let area = mask.filter { $0 }.count
    // summed bands: 9·e^(−r²/18) against a 3×3-smoothed noise of σ ≈ 0.1·√3/3 → edge near r ≈ 8 px
    #expect(area > 120 && area < 300, "area \(area)")
    // share outside: hand-computed on a 2×2 map
    #expect(GalaxyFootprint.outsideShare([1, -3, 2, 0], mask: [true, false, false, true]) == 5.0 / 6.0)
    #expect(GalaxyFootprint.outsideShare([1, 2], mask: [false, false]).isNaN)
  }
}
