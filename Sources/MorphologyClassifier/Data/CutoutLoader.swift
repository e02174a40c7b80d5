// galmorph — MorphologyClassifier
//
// Reading one cutout file (JPEG, PNG or FITS) into a preprocessed network input.
import FITSIO
import Foundation
import ImageCodecs

/// Loads cutouts and applies a ``PreprocessingRecipe``.
///
/// JPEG/PNG go through libjpeg-turbo/libpng (`ImageDecoder`, converted to RGB as Pillow's `convert("RGB")`, samples
/// scaled to [0, 1]). FITS cutouts are read with cfitsio from the primary HDU: a 2-D image is one band (replicated
/// to the recipe's channel count), a 3-D cube `NAXIS3 = C` gives C bands; the asinh stretch is applied first.
public enum CutoutLoader {
  /// Whether `url` names a FITS file by extension (`.fits`, `.fit`, `.fts`, optionally `.gz`/`.fz`).
  public static func isFITS(_ url: URL) -> Bool {
    var name = url.lastPathComponent.lowercased()
    for suffix in [".gz", ".fz"] where name.hasSuffix(suffix) { name.removeLast(suffix.count) }
    return name.hasSuffix(".fits") || name.hasSuffix(".fit") || name.hasSuffix(".fts")
  }

  /// The raw image of `url` as HWC floats (JPEG/PNG: RGB in [0, 1]; FITS: physical values, NaN for blanks).
  public static func readRaw(_ url: URL, channels: Int) throws -> ImageBuffer {
    guard FileManager.default.fileExists(atPath: url.path) else {
      throw ClassifierError.invalidInput(path: url.path, reason: "image file not found")
    }
    if isFITS(url) {
      let f = try FITSFile(url: url)
      let img: FITSImage<Float> = try f.readImage()
      guard img.shape.count >= 2, img.width > 0, img.height > 0 else {
        throw ClassifierError.invalidInput(path: url.path, reason: "primary HDU has no 2-D image (shape \(img.shape))")
      }
      let w = img.width, h = img.height, bands = img.shape.count > 2 ? img.shape[2] : 1
      let c = channels
      guard bands == 1 || bands == c else {
        throw ClassifierError.invalidInput(
          path: url.path, reason: "FITS cube has \(bands) planes; the model needs 1 or \(c)")
      }
      var out = [Float](repeating: 0, count: w * h * c)
      for y in 0..<h {
        for x in 0..<w {
          for ch in 0..<c {
            let plane = bands == 1 ? 0 : ch
            out[(y * w + x) * c + ch] = img.pixels[(plane * h + y) * w + x]
          }
        }
      }
      return ImageBuffer(width: w, height: h, channels: c, pixels: out)
    }
    let d = try ImageDecoder.decode(contentsOf: url, channels: channels == 3 ? .rgb : .native)
    guard d.channels == channels else {
      throw ClassifierError.invalidInput(
        path: url.path, reason: "image has \(d.channels) channel(s), the model needs \(channels)")
    }
    return ImageBuffer(width: d.width, height: d.height, channels: d.channels, pixels: d.pixels)
  }

  /// Reads and preprocesses one cutout into a network input of `recipe.inputSize`² × channels values.
  public static func load(_ url: URL, recipe: PreprocessingRecipe) throws -> ImageBuffer {
    let raw = try readRaw(url, channels: recipe.channels)
    return try recipe.apply(raw, source: url.path, isFITS: isFITS(url))
  }
}
