// galmorph — MorphologyClassifier
//
// The eight symmetries of the square (dihedral group D4) and small shifts: the augmentations that leave a galaxy's
// morphology unchanged.

extension ImageBuffer {
  /// The image under dihedral transform `k` ∈ 0…7: `k % 4` quarter turns counter-clockwise, then, for `k ≥ 4`, a
  /// left–right mirror. `k = 0` is the identity. Square images only (cutouts are square).
  ///
  /// For output pixel (y, x) of an n×n image the source pixel is, per quarter-turn count r:
  /// r=0: (y, x); r=1: (x, n−1−y); r=2: (n−1−y, n−1−x); r=3: (n−1−x, y); with the mirror x ↦ n−1−x applied first to
  /// the output coordinate. This equals `numpy.rot90(img, r)` followed by `numpy.fliplr` for k ≥ 4.
  public func dihedral(_ k: Int) -> ImageBuffer {
    precondition(width == height, "dihedral transforms need a square image")
    precondition((0..<8).contains(k), "dihedral index must be 0...7")
    if k == 0 { return self }
    let n = width, c = channels, r = k % 4, mirror = k >= 4
    var out = [Float](repeating: 0, count: pixels.count)
    pixels.withUnsafeBufferPointer { src in
      out.withUnsafeMutableBufferPointer { dst in
        for y in 0..<n {
          for x0 in 0..<n {
            let x = mirror ? n - 1 - x0 : x0
            let (sy, sx): (Int, Int)
            switch r {
            case 0: (sy, sx) = (y, x)
            case 1: (sy, sx) = (x, n - 1 - y)
            case 2: (sy, sx) = (n - 1 - y, n - 1 - x)
            default: (sy, sx) = (n - 1 - x, y)
            }
            let s = (sy * n + sx) * c, d = (y * n + x0) * c
            for ch in 0..<c { dst[d + ch] = src[s + ch] }
          }
        }
      }
    }
    return ImageBuffer(width: n, height: n, channels: c, pixels: out)
  }

  /// The image translated by (dy, dx) pixels, with edges filled by reflection (`numpy.pad(mode="reflect")`
  /// semantics: the edge pixel is not repeated). Small shifts (a few pixels) model centring errors of cutouts.
  public func shifted(dy: Int, dx: Int) -> ImageBuffer {
    if dy == 0 && dx == 0 { return self }
    let c = channels
    var out = [Float](repeating: 0, count: pixels.count)
    func reflect(_ i: Int, _ n: Int) -> Int {
      guard n > 1 else { return 0 }
      let period = 2 * (n - 1)
      var m = i % period
      if m < 0 { m += period }
      return m < n ? m : period - m
    }
    for y in 0..<height {
      let sy = reflect(y - dy, height)
      for x in 0..<width {
        let sx = reflect(x - dx, width)
        for ch in 0..<c { out[(y * width + x) * c + ch] = pixels[(sy * width + sx) * c + ch] }
      }
    }
    return ImageBuffer(width: width, height: height, channels: c, pixels: out)
  }

  /// The image rotated by `degrees` counter-clockwise about its centre, bilinear interpolation, reflected edges.
  /// Optional augmentation: arbitrary angles blur slightly (interpolation), which quarter turns do not.
  public func rotated(degrees: Double) -> ImageBuffer {
    let t = degrees * .pi / 180, ct = cos(t), st = sin(t)
    let cy = Double(height - 1) / 2, cx = Double(width - 1) / 2
    let c = channels
    var out = [Float](repeating: 0, count: pixels.count)
    func clampReflect(_ v: Double, _ n: Int) -> Double {
      let hi = Double(n - 1)
      var x = v
      if x < 0 { x = -x }
      if x > hi { x = max(0, 2 * hi - x) }
      return min(max(x, 0), hi)
    }
    for y in 0..<height {
      for x in 0..<width {
        let dy = Double(y) - cy, dx = Double(x) - cx
        // Inverse mapping: rotate the output coordinate by −t (image y axis points down).
        let sx = clampReflect(cx + ct * dx - st * dy, width)
        let sy = clampReflect(cy + st * dx + ct * dy, height)
        let x0 = Int(sx), y0 = Int(sy)
        let x1 = min(x0 + 1, width - 1), y1 = min(y0 + 1, height - 1)
        let fx = Float(sx - Double(x0)), fy = Float(sy - Double(y0))
        for ch in 0..<c {
          let a = pixels[(y0 * width + x0) * c + ch], b = pixels[(y0 * width + x1) * c + ch]
          let d = pixels[(y1 * width + x0) * c + ch], e = pixels[(y1 * width + x1) * c + ch]
          out[(y * width + x) * c + ch] = (a * (1 - fx) + b * fx) * (1 - fy) + (d * (1 - fx) + e * fx) * fy
        }
      }
    }
    return ImageBuffer(width: width, height: height, channels: c, pixels: out)
  }
}

#if canImport(Glibc)
import Glibc
#endif
