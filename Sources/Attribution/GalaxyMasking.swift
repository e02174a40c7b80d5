// galmorph — Attribution
//
// Removing the galaxy from a cutout: its footprint replaced by background drawn from the same cutout.

import GalmorphSupport

/// The background-only image of the context probe: the galaxy's footprint (``GalaxyFootprint/mask(_:ring:threshold:)``)
/// grown by `dilate` pixels (default 2, to take the faint wings the 2σ threshold leaves) is filled, pixel by pixel,
/// with the band values of a border-ring pixel (width 4) drawn uniformly with `rng` — real sky of the same cutout,
/// with its noise, colours and any stars of the border, so nothing of the galaxy is left while the context (seeing
/// of the stars, noise level, background, crowding) stays.
public enum GalaxyMasking {
  public static func backgroundOnly(_ image: InputImage, dilate: Int = 2, rng: inout SeededGenerator) -> InputImage {
    let s = image.size, c = image.channels
    let mask = grow(GalaxyFootprint.mask(image), size: s, by: dilate)
    let border = image.ring(4)
    var v = image.values
    for i in 0..<(s * s) where mask[i] {
      let j = border[rng.nextInt(below: border.count)]
      for k in 0..<c { v[i * c + k] = image.values[j * c + k] }
    }
    return InputImage(size: s, channels: c, values: v)
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
