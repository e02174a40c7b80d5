// galmorph — MorphologyClassifier
//
// Observing-context augmentation: random PSF blur, foreground point sources, sky background and noise drawn over the
// range seen in the training images, so that a network cannot learn the observing conditions of its training sky.

import Foundation
import GalmorphSupport

/// De-biasing by observing-context augmentation (issue 19, method (a)).
///
/// A model trained on one part of the sky sees only that part's observing conditions — its seeing, its crowding by
/// foreground stars, its sky level and depth — and can read them as morphology when it annotates galaxies observed
/// differently (Dhar & Shamir 2022). This augmentation redraws those conditions for each training example so that
/// they stop being informative. With probability ``probability`` (default 0.5) an example is, in this order:
///
/// 1. blurred by a circular Gaussian PSF of σ ~ U[0, ``maxBlur``] input pixels (default 0.8 px; σ < 0.05 px is no
///    blur), edges reflected;
/// 2. given n ~ Poisson(``meanStars``) point sources (default 2 per stamp, at most 20), each a circular Gaussian of
///    σ ~ U[``starSigma``] px (default 0.4–1.2) at a uniform position, of peak amplitude log-uniform between
///    3 × the catalog's median noise and the 95th percentile of the galaxies' peaks above the sky (``Ranges``), in all
///    channels with a colour factor 1 + U(−0.3, 0.3) per channel;
/// 3. shifted per channel by a sky offset U(−h_c, h_c), h_c half the 5–95 % range of the catalog's border medians
///    of channel c;
/// 4. brought to a noise level σ_t ~ U[q05, q95] of the catalog's border noise by adding Gaussian noise of
///    standard deviation √max(0, σ_t² − σ²), σ the image's own border noise (never noisier than the noisiest 5 %);
/// 5. standardised again (one mean and standard deviation over all pixels and bands), as every network input is.
///
/// The noise, sky and star brightness ranges are measured on the training images themselves (``Ranges/measure``), so
/// the augmentation spans the conditions present in the catalog and no more; the PSF and star-count ranges cannot be
/// read off galaxy stamps and are options. Draws come from the example's own augmentation stream (after the
/// symmetry draws), so the result depends only on (seed, epoch, position) like the rest of ``Augmentation``.
public struct ContextAugmentation: Codable, Sendable, Equatable {
  /// Fraction of training examples that get a new context (default 0.5; the rest keep their own).
  public var probability: Double
  /// Largest Gaussian PSF σ added, input pixels (default 0.8).
  public var maxBlur: Double
  /// Mean number of injected point sources per stamp (default 2).
  public var meanStars: Double
  /// Range of the point sources' Gaussian σ, input pixels (default 0.4…1.2).
  public var starSigma: ClosedRange<Double>

  public init(
    probability: Double = 0.5, maxBlur: Double = 0.8, meanStars: Double = 2, starSigma: ClosedRange<Double> = 0.4...1.2
  ) {
    self.probability = probability; self.maxBlur = maxBlur; self.meanStars = meanStars; self.starSigma = starSigma
  }

  /// Conditions measured on training images: border noise, border sky level per channel, galaxy peaks.
  public struct Ranges: Codable, Sendable, Equatable {
    /// 95th percentile over images of the border noise (1.4826 × MAD of the border frame, all bands).
    public var noiseHigh: Double
    /// Median over images of the border noise.
    public var noiseMedian: Double
    /// 5th percentile over images of the border noise.
    public var noiseLow: Double
    /// Per channel, half the range between the 5th and 95th percentile of the images' border medians.
    public var skyHalfWidth: [Double]
    /// 95th percentile over images of (largest pixel − border median): a bright galaxy's peak above the sky.
    public var peakHigh: Double

    /// Measures the ranges on `images` (HWC, standardised). The border frame is max(2, side/16) pixels wide.
    public static func measure(_ images: [ImageBuffer]) -> Ranges {
      var noise: [Double] = [], peaks: [Double] = []
      let channels = images.first?.channels ?? 1
      var sky = [[Double]](repeating: [], count: channels)
      for img in images {
        let b = border(img)
        for c in 0..<channels { sky[c].append(Double(ImageBuffer.median(b[c]))) }
        noise.append(borderNoise(b))
        let m0 = Double(ImageBuffer.median(b.flatMap { $0 }))
        peaks.append(Double(img.pixels.max() ?? 0) - m0)
      }
      noise.sort(); peaks.sort()
      return Ranges(
        noiseHigh: Quantile.linear(noise, 0.95), noiseMedian: Quantile.linear(noise, 0.5),
        noiseLow: Quantile.linear(noise, 0.05),
        skyHalfWidth: sky.map { s in
          let s = s.sorted()
          return 0.5 * (Quantile.linear(s, 0.95) - Quantile.linear(s, 0.05))
        },
        peakHigh: Quantile.linear(peaks, 0.95))
    }

    /// 1.4826 × the median absolute deviation of the border pixels from their channel's median, all channels
    /// together (a Gaussian's σ).
    static func borderNoise(_ b: [[Float]]) -> Double {
      var all: [Float] = []
      for band in b {
        let m = ImageBuffer.median(band)
        all += band.map { abs($0 - m) }
      }
      return 1.4826 * Double(ImageBuffer.median(all))
    }

    /// The border frame's pixels, per channel.
    static func border(_ img: ImageBuffer) -> [[Float]] {
      let w = max(2, img.width / 16)
      var out = [[Float]](repeating: [], count: img.channels)
      for y in 0..<img.height {
        for x in 0..<img.width where y < w || y >= img.height - w || x < w || x >= img.width - w {
          for c in 0..<img.channels { out[c].append(img.pixels[(y * img.width + x) * img.channels + c]) }
        }
      }
      return out
    }
  }

  /// `image` under a newly drawn observing context (or unchanged, with probability 1 − ``probability``).
  public func apply(_ image: ImageBuffer, ranges: Ranges, rng: inout SeededGenerator) -> ImageBuffer {
    guard rng.nextUnit() < probability else { return image }
    var img = image
    let blur = rng.nextUnit() * maxBlur
    if blur >= 0.05 { img = img.gaussianBlurred(sigma: blur) }
    let stars = min(20, Self.poisson(meanStars, &rng))
    let lo = log(max(1e-3, 3 * ranges.noiseMedian)), hi = log(max(exp(lo), ranges.peakHigh))
    for _ in 0..<stars {
      let y = rng.nextUnit() * Double(img.height), x = rng.nextUnit() * Double(img.width)
      let s = starSigma.lowerBound + rng.nextUnit() * (starSigma.upperBound - starSigma.lowerBound)
      let peak = exp(lo + rng.nextUnit() * (hi - lo))
      let colour = (0..<img.channels).map { _ in 1 + 0.6 * (rng.nextUnit() - 0.5) }
      img.addGaussian(y: y, x: x, sigma: s, peak: colour.map { Float(peak * $0) })
    }
    let offsets = (0..<img.channels).map { c in
      Float((2 * rng.nextUnit() - 1) * (c < ranges.skyHalfWidth.count ? ranges.skyHalfWidth[c] : 0))
    }
    let target = ranges.noiseLow + rng.nextUnit() * (ranges.noiseHigh - ranges.noiseLow)
    let own = Ranges.borderNoise(Ranges.border(img))
    let sd = Float(max(0, target * target - own * own).squareRoot())
    for i in img.pixels.indices {
      img.pixels[i] += offsets[i % img.channels] + sd * Float(rng.nextNormal())
    }
    return img.standardized()
  }

  /// A Poisson draw by Knuth's product of uniforms (fine for the small means used here).
  static func poisson(_ mean: Double, _ rng: inout SeededGenerator) -> Int {
    guard mean > 0 else { return 0 }
    let limit = exp(-mean)
    var k = 0, p = rng.nextUnit()
    while p > limit && k < 1000 { k += 1; p *= rng.nextUnit() }
    return k
  }
}

extension ImageBuffer {
  /// Separable circular Gaussian blur of standard deviation `sigma` pixels (kernel radius ⌊3σ + ½⌋ as scipy's
  /// `gaussian_filter(truncate=3)`, normalised, edges reflected d c b a | a b c d, scipy's `reflect`).
  public func gaussianBlurred(sigma: Double) -> ImageBuffer {
    let r = max(1, Int(3 * sigma + 0.5))
    var k = (-r...r).map { Float(exp(-0.5 * Double($0 * $0) / (sigma * sigma))) }
    let total = k.reduce(0, +)
    k = k.map { $0 / total }
    func reflect(_ i: Int, _ n: Int) -> Int {
      var j = i
      while j < 0 || j >= n { j = j < 0 ? -j - 1 : 2 * n - j - 1 }
      return j
    }
    let c = channels
    /// One 1-D pass of the kernel along rows (x) or columns (y).
    func pass(_ src: [Float], vertical: Bool) -> [Float] {
      var dst = [Float](repeating: 0, count: src.count)
      for y in 0..<height {
        for x in 0..<width {
          for ch in 0..<c {
            var s: Float = 0
            for d in -r...r {
              let (sy, sx) = vertical ? (reflect(y + d, height), x) : (y, reflect(x + d, width))
              s += k[d + r] * src[(sy * width + sx) * c + ch]
            }
            dst[(y * width + x) * c + ch] = s
          }
        }
      }
      return dst
    }
    return ImageBuffer(
      width: width, height: height, channels: c, pixels: pass(pass(pixels, vertical: false), vertical: true))
  }

  /// Adds a circular Gaussian `peak[c] · exp(−r²/2σ²)` centred at (`y`, `x`) (pixel centres at integer + 0.5),
  /// within 4σ.
  mutating func addGaussian(y: Double, x: Double, sigma: Double, peak: [Float]) {
    let r = Int((4 * sigma).rounded(.up))
    let cy = Int(y), cx = Int(x)
    for py in max(0, cy - r)...min(height - 1, cy + r) {
      for px in max(0, cx - r)...min(width - 1, cx + r) {
        let dy = Double(py) + 0.5 - y, dx = Double(px) + 0.5 - x
        let g = Float(exp(-0.5 * (dy * dy + dx * dx) / (sigma * sigma)))
        for ch in 0..<channels { pixels[(py * width + px) * channels + ch] += peak[ch] * g }
      }
    }
  }
}
