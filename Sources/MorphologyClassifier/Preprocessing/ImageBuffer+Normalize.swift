// galmorph — MorphologyClassifier
//
// Intensity scaling: per-image standardisation and the asinh stretch for FITS cutouts.

import Foundation

extension ImageBuffer {
  /// Per-image standardisation over all pixels and channels together: `x' = (x − μ) / (σ + ε)`, with μ and σ the
  /// mean and population standard deviation of the whole image and ε = 1e-6.
  ///
  /// One μ and σ for all bands (not one per band) keeps the colour of the galaxy — ellipticals are redder than
  /// spirals, a real morphological signal — while removing the overall brightness and contrast, which depend on
  /// distance and survey depth rather than morphology.
  public func standardized(epsilon: Float = 1e-6) -> ImageBuffer {
    var sum = 0.0, sumSq = 0.0
    for v in pixels { let d = Double(v); sum += d; sumSq += d * d }
    let n = Double(pixels.count)
    let mean = sum / n
    let std = (max(0, sumSq / n - mean * mean)).squareRoot()
    let m = Float(mean), s = Float(std) + epsilon
    return ImageBuffer(width: width, height: height, channels: channels, pixels: pixels.map { ($0 - m) / s })
  }

  /// The asinh stretch of Lupton, Gunn & Szalay (1999, AJ 118, 1406) applied band by band:
  /// `x' = asinh((x − b_c) / (softening · σ_c))`, where `b_c` is the band's median (the sky level) and `σ_c` its
  /// robust noise, 1.4826 × the median absolute deviation (a Gaussian's σ). Linear for faint pixels (≲ σ), and
  /// logarithmic for bright ones, so a galaxy's outskirts and core both stay visible. Default softening 3.
  ///
  /// Missing pixels (NaN, e.g. FITS BLANK, and ±∞, which no detector measures) are left out of the median and MAD
  /// and replaced by the band's median before stretching. A band with zero MAD (constant) falls back to σ = 1.
  public func asinhStretched(softening: Float = 3) -> ImageBuffer {
    var out = pixels
    let n = width * height
    for c in 0..<channels {
      var band = [Float](); band.reserveCapacity(n)
      for i in 0..<n { let v = pixels[i * channels + c]; if v.isFinite { band.append(v) } }
      let med = ImageBuffer.median(band)
      let mad = ImageBuffer.median(band.map { abs($0 - med) })
      let sigma = mad > 0 ? 1.4826 * mad : 1
      let scale = 1 / (softening * sigma)
      for i in 0..<n {
        let v = pixels[i * channels + c]
        out[i * channels + c] = asinh(((v.isFinite ? v : med) - med) * scale)
      }
    }
    return ImageBuffer(width: width, height: height, channels: channels, pixels: out)
  }

  /// Median of `values` (mean of the two middle values for even counts; 0 for an empty array).
  static func median(_ values: [Float]) -> Float {
    guard !values.isEmpty else { return 0 }
    let s = values.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : 0.5 * (s[s.count / 2 - 1] + s[s.count / 2])
  }
}
