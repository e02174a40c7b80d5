// galmorph — MorphologyClassifierTests
//
// Issue 21's review of the code that turns pixels into network inputs (unsafe-pointer loops downstream): NaN and
// infinite pixel values, and images too small to crop, are handled before they reach the network.

import FITSIO
import Foundation
import HDF5IO
import NeuralNet
import Testing
@testable import MorphologyClassifier
import _GalmorphTestSupport

@Suite("hostile pixel values")
struct HostilePixelsTests {
  static let recipe = PreprocessingRecipe(cropSize: 32, inputSize: 16, channels: 3)

  /// A 32×32 single-band FITS cutout: a smooth gradient plus a bright centre, with `holes` replaced.
  static func cutout(_ holes: [Int: Float], to url: URL) throws {
    var pixels = [Float](repeating: 0, count: 32 * 32)
    for i in 0..<(32 * 32) {
      let x = Float(i % 32), y = Float(i / 32)
      pixels[i] = 0.1 * x + 0.05 * y
    }
    pixels[16 * 32 + 16] = 50
    for (i, v) in holes { pixels[i] = v }
    try FITSWriter.writeImage(FITSImage<Float>(shape: [32, 32], pixels: pixels), to: url)
  }

  @Test func infiniteFITSPixelsAreMissingDataLikeNaN() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    try Self.cutout([3: .nan, 40: .nan, 500: .nan], to: tmp.file("nan.fits"))
    try Self.cutout([3: .infinity, 40: -.infinity, 500: .nan], to: tmp.file("inf.fits"))
    let nan = try CutoutLoader.load(tmp.file("nan.fits"), recipe: Self.recipe)
    let inf = try CutoutLoader.load(tmp.file("inf.fits"), recipe: Self.recipe)
    #expect(nan.pixels.allSatisfy { $0.isFinite })
    #expect(inf.pixels == nan.pixels, "±∞ must be filled with the sky median exactly as NaN is")
  }

  @Test func nonFiniteValuesOutsideFITSAreRefusedNamingTheSource() throws {
    var pixels = [Float](repeating: 0.5, count: 32 * 32 * 3)
    pixels[7] = .nan
    pixels[100] = .infinity
    let image = ImageBuffer(width: 32, height: 32, channels: 3, pixels: pixels)
    let error = try #require(throws: ClassifierError.self) {
      _ = try Self.recipe.apply(image, source: "stack.h5 (images row 12)")
    }
    let text = "\(error)"
    #expect(text.hasPrefix("stack.h5 (images row 12): "), "\(text)")
    #expect(text.contains("NaN or infinite"), "\(text)")
    // Finite extremes are fine: standardisation works in Double.
    pixels[7] = 3e38; pixels[100] = -3e38
    let big = ImageBuffer(width: 32, height: 32, channels: 3, pixels: pixels)
    let extreme = try Self.recipe.apply(big, source: "x")
    #expect(extreme.pixels.allSatisfy { $0.isFinite })
  }

  @Test func emptyAndTooSmallImagesAreRefused() throws {
    // (A 0×0 buffer cannot be made: ImageBuffer requires positive sides; decoders and readers refuse such files.)
    for (w, h) in [(31, 32), (32, 1), (1, 1)] {
      let image = ImageBuffer(width: w, height: h, channels: 3, pixels: [Float](repeating: 0, count: w * h * 3))
      #expect(throws: ClassifierError.self) { _ = try Self.recipe.apply(image, source: "tiny.png") }
    }
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    try FITSWriter.writeImage(
      FITSImage<Float>(shape: [8], pixels: [Float](repeating: 1, count: 8)), to: tmp.file("1d.fits"))
    let error = try #require(throws: (any Error).self) {
      _ = try CutoutLoader.load(tmp.file("1d.fits"), recipe: Self.recipe)
    }
    #expect("\(error)".contains(tmp.file("1d.fits").path))
  }
}

@Suite("hostile image stacks")
struct HostileStackTests {
  /// A stack file with `images` of `shape` (float32) and labels, written with libhdf5 directly.
  static func stack(_ url: URL, shape: [Int], pixels: [Float]) throws {
    try HDF5File.create(at: url) { f in
      try f.createDataset("images", shape: shape, values: pixels)
      try f.createDataset("label", shape: [shape[0]], values: [Int64](repeating: 1, count: shape[0]))
    }
  }

  /// Net B at 16 px (untrained: only the input path matters here).
  static func model() throws -> ClassifierModel {
    let network = try Sequential(architecture: ClassifierModel.defaultArchitecture(inputSize: 16))
    return ClassifierModel(network: network, recipe: HostilePixelsTests.recipe)
  }

  @Test func zeroSizedImagesAreRefusedNamingTheDataset() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let url = tmp.file("empty.h5")
    try Self.stack(url, shape: [3, 0, 8, 3], pixels: [])
    let model = try Self.model()
    let error = try #require(throws: (any Error).self) {
      try Annotator(model: model, modelSHA256: "x").annotate(catalog: url, output: tmp.file("a.csv"))
    }
    #expect(
      "\(error)".contains(url.path) && "\(error)".contains("images") && "\(error)".contains("no pixels"), "\(error)")
    #expect(!FileManager.default.fileExists(atPath: tmp.file("a.csv").path))
  }

  @Test func aStackWithNaNPixelsIsRefusedNamingTheRow() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let url = tmp.file("nan.h5")
    var pixels = [Float](repeating: 0.25, count: 4 * 32 * 32 * 3)
    pixels[2 * 32 * 32 * 3 + 5] = .nan  // row 2
    try Self.stack(url, shape: [4, 32, 32, 3], pixels: pixels)
    let model = try Self.model()
    let error = try #require(throws: (any Error).self) {
      try Annotator(model: model, modelSHA256: "x").annotate(catalog: url, output: tmp.file("a.csv"))
    }
    #expect("\(error)".contains("(images row 2)") && "\(error)".contains("NaN or infinite"), "\(error)")
    #expect(!FileManager.default.fileExists(atPath: tmp.file("a.csv").path))
  }
}
