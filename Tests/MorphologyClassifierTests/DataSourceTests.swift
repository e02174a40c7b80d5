// galmorph — MorphologyClassifierTests

import FITSIO
import Foundation
import GalmorphSupport
import HDF5IO
import MorphologyClassifier
import Testing
import _GalmorphTestSupport

@Suite("Data sources")
struct DataSourceTests {
  @Test func imageStackMatchesPerImagePreprocessing() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    var rng = SeededGenerator(seed: 2)
    let n = 6, s = 40
    var imgs: [ImageBuffer] = [], bytes: [UInt8] = []
    for i in 0..<n {
      let img = SyntheticGalaxies.render(label: i % 2, size: s, rng: &rng)
      let q = img.pixels.map { UInt8(($0 * 255).rounded()) }
      bytes += q
      imgs.append(ImageBuffer(width: s, height: s, channels: 3, pixels: q.map { Float($0) / 255 }))
    }
    let url = tmp.file("stack.h5")
    try HDF5File.create(at: url) { f in
      _ = try f.createDataset("images", shape: [n, s, s, 3], values: bytes)
      _ = try f.createDataset("labels", shape: [n], values: [Int32](arrayLiteral: 0, 1, 0, 1, 4, 1))
    }
    let recipe = PreprocessingRecipe(cropSize: 32, inputSize: 16)
    let ds = try LabelledDataset.load(
      imageStack: url, mapping: LabelMapping(spiral: ["1"], elliptical: ["0"]),
      scale: 1 / 255, recipe: recipe)
    #expect(ds.labels == [0, 1, 0, 1, 1] && ds.rows == [0, 1, 2, 3, 5])
    for (k, i) in ds.rows.enumerated() {
      let expected = try recipe.apply(imgs[i], source: "x")
      expectAllClose(ds.image(k).pixels, expected.pixels, rtol: 1e-5, atol: 1e-5, "image \(i)")
    }
  }

  @Test func fitsCutoutIsStretchedCroppedAndResized() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    var rng = SeededGenerator(seed: 3)
    let w = 48, h = 40
    var px = [Float](repeating: 0, count: w * h)
    for i in px.indices { px[i] = 100 + Float(rng.nextNormal()) * 5 + (i % w == 24 && i / w == 20 ? 5000 : 0) }
    let url = tmp.file("cutout.fits")
    try FITSWriter.writeImage(FITSImage(shape: [w, h], pixels: px), to: url)
    let recipe = PreprocessingRecipe(cropSize: 32, inputSize: 16)
    let got = try CutoutLoader.load(url, recipe: recipe)
    // Independent path: single band replicated to 3 channels, asinh stretch, crop, resize, standardise.
    var rgb = [Float](); for v in px { rgb += [v, v, v] }
    let expected = try ImageBuffer(width: w, height: h, channels: 3, pixels: rgb).asinhStretched()
      .centerCrop(height: 32, width: 32).areaResized(height: 16, width: 16).standardized()
    expectAllClose(got.pixels, expected.pixels, rtol: 1e-5, atol: 1e-5, "FITS cutout")
    #expect(
      CutoutLoader.isFITS(URL(fileURLWithPath: "a/b.FITS.gz")) && !CutoutLoader.isFITS(URL(fileURLWithPath: "a.png")))
  }
}
