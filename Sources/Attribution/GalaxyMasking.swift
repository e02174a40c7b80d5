// galmorph — Attribution
//
// Removing the galaxy from a cutout: its footprint replaced by sky noise at the cutout's own background level.

import GalmorphSupport
import MorphologyClassifier

/// The background-only stamp of the context probe when no truth exists: the galaxy's footprint
/// (``GalaxyFootprint/mask(_:ring:threshold:)``) grown by `dilate` pixels (default 2, for the faint wings the 2σ
/// threshold leaves) is filled with Gaussian sky, band k drawn as b_k + σ_k·N(0, 1) with b_k the median and
/// σ_k = 1.4826·MAD of the border ring (width 4) in that band. The rest of the cutout — stars, seeing, noise,
/// crowding — is left as it is.
///
/// Apply it to the stored stamp before any standardisation (``transform(dilate:seed:)``, a ``StampTransform``):
/// standardising first would give every background a level and scale set by the galaxy's own brightness, which a
/// network reads as morphology (measured on the `null` preset: label AUC 0.58 from the "background" with masking
/// after standardisation). What a segmentation cannot remove is the light below its
/// threshold: an elliptical's n = 4 wings reach the stamp's edge. On simulated stacks the probe therefore uses the
/// simulator's galaxy-free rendering instead (`SkySimulator.SimulatedStack`).
public enum GalaxyMasking {
  public static func backgroundOnly(_ image: InputImage, dilate: Int = 2, rng: inout SeededGenerator) -> InputImage {
    let s = image.size, c = image.channels
    let mask = grow(GalaxyFootprint.mask(image), size: s, by: dilate)
    let (level, sigma) = skyStatistics(image, ring: 4)
    var v = image.values
    for i in 0..<(s * s) where mask[i] {
      for k in 0..<c { v[i * c + k] = Float(level[k] + sigma[k] * rng.nextNormal()) }
    }
    return InputImage(size: s, channels: c, values: v)
  }

  /// Per band: median b and robust σ = 1.4826·MAD of the border ring of width `ring`.
  public static func skyStatistics(_ image: InputImage, ring width: Int) -> (level: [Double], sigma: [Double]) {
    let border = image.ring(width)
    var level: [Double] = [], sigma: [Double] = []
    for k in 0..<image.channels {
      let v = border.map { Double(image.values[$0 * image.channels + k]) }.sorted()
      let b = GalaxyFootprint.median(v)
      level.append(b)
      sigma.append(1.4826 * GalaxyFootprint.median(v.map { abs($0 - b) }.sorted()))
    }
    return (level, sigma)
  }

  /// ``backgroundOnly(_:dilate:rng:)`` as a ``StampTransform`` for square stamps: the stamp at stack position p
  /// draws its noise from stream p of `SeededGenerator(seed)`, so the result does not depend on load order.
  public static func transform(dilate: Int, seed: UInt64) -> StampTransform {
    { position, stamp in
      precondition(stamp.width == stamp.height, "GalaxyMasking: stamps must be square")
      var rng = SeededGenerator(seed: seed).stream(UInt64(position))
      let out = backgroundOnly(
        InputImage(size: stamp.width, channels: stamp.channels, values: stamp.pixels), dilate: dilate, rng: &rng)
      return ImageBuffer(width: stamp.width, height: stamp.height, channels: stamp.channels, pixels: out.values)
    }
  }

  /// `mask` grown by `r` pixels (Chebyshev distance: a (2r + 1)² square around every masked pixel).
  public static func grow(_ mask: [Bool], size s: Int, by r: Int) -> [Bool] {
    guard r > 0 else { return mask }
    var out = mask
    for i in 0..<(s * s) where mask[i] {
      let y = i / s, x = i % s
      for yy in max(0, y - r)...min(s - 1, y + r) {
        for xx in max(0, x - r)...min(s - 1, x + r) { out[yy * s + xx] = true }
      }
    }
    return out
  }
}
