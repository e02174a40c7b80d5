// galmorph — Attribution
//
// The galaxy's footprint in a cutout, and its background level, for attribution "inside vs outside the galaxy".

/// One network input: S×S pixels, C channels, HWC values (standardised as the model's recipe makes them).
public struct InputImage: Sendable {
  public var size: Int
  public var channels: Int
  public var values: [Float]
  public init(size: Int, channels: Int, values: [Float]) {
    precondition(values.count == size * size * channels, "InputImage: values do not fill size² × channels")
    self.size = size; self.channels = channels; self.values = values
  }

  /// Indices (y·S + x) of the border ring of width `ring` pixels.
  public func ring(_ width: Int) -> [Int] {
    let s = size, w = min(width, s / 2)
    return (0..<(s * s)).filter { i in
      let y = i / s, x = i % s
      return y < w || x < w || y >= s - w || x >= s - w
    }
  }

  /// The background level of each channel: the median of the border ring of width `ring` (default 4 px). It fills
  /// occluded patches and is the baseline of Integrated Gradients.
  public func backgroundLevel(ring width: Int = 4) -> [Float] {
    let border = ring(width)
    return (0..<channels).map { c in Self.median(border.map { values[$0 * channels + c] }) }
  }

  static func median(_ v: [Float]) -> Float {
    guard !v.isEmpty else { return 0 }
    let s = v.sorted(), n = s.count
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
  }
}

/// The galaxy's footprint: a boolean mask of the S×S pixels.
///
/// The bands are summed, smoothed by a 3×3 box mean (edge pixels average the neighbours they have), and compared
/// with the background of the smoothed image's border ring (width `ring`, default 4 px): level b = median,
/// σ = 1.4826·MAD. The footprint is the 8-connected component of pixels above b + `threshold`·σ (default 2σ)
/// that holds the centre pixel — or, when the centre is below, the above-threshold pixel nearest the centre within
/// S/8 pixels; empty when there is none. A detection threshold and connected component as in SExtractor's
/// segmentation (Bertin & Arnouts 1996), without deblending: a neighbour touching the galaxy joins its footprint.
public enum GalaxyFootprint {
  public static func mask(_ image: InputImage, ring: Int = 4, threshold: Double = 2) -> [Bool] {
    let s = image.size, c = image.channels
    var sum = [Double](repeating: 0, count: s * s)
    for i in 0..<(s * s) { for k in 0..<c { sum[i] += Double(image.values[i * c + k]) } }
    var smooth = [Double](repeating: 0, count: s * s)
    for y in 0..<s {
      for x in 0..<s {
        var t = 0.0, n = 0.0
        for dy in -1...1 {
          for dx in -1...1 {
            let yy = y + dy, xx = x + dx
            if yy >= 0, yy < s, xx >= 0, xx < s { t += sum[yy * s + xx]; n += 1 }
          }
        }
        smooth[y * s + x] = t / n
      }
    }
    let border = image.ring(ring).map { smooth[$0] }.sorted()
    let level = median(border)
    let sigma = 1.4826 * median(border.map { abs($0 - level) }.sorted())
    let cut = level + threshold * max(sigma, 1e-12)
    let above = smooth.map { $0 > cut }
    let centre = (s / 2) * s + s / 2
    var seed: Int? = above[centre] ? centre : nil
    if seed == nil {
      let r = Double(s) / 8
      var best = Double.infinity
      for i in 0..<(s * s) where above[i] {
        let d = (Double(i / s - s / 2) * Double(i / s - s / 2) + Double(i % s - s / 2) * Double(i % s - s / 2))
          .squareRoot()
        if d <= r && d < best { best = d; seed = i }
      }
    }
    var mask = [Bool](repeating: false, count: s * s)
    guard let seed else { return mask }
    var stack = [seed]
    mask[seed] = true
    while let i = stack.popLast() {
      let y = i / s, x = i % s
      for dy in -1...1 {
        for dx in -1...1 {
          let yy = y + dy, xx = x + dx
          guard yy >= 0, yy < s, xx >= 0, xx < s else { continue }
          let j = yy * s + xx
          if above[j] && !mask[j] { mask[j] = true; stack.append(j) }
        }
      }
    }
    return mask
  }

  /// The footprint from the simulator's truth: the pixels where the noiseless galaxy image `model` (bands summed,
  /// at the network's input resolution) exceeds `threshold` (default 2) times `sigma`, the sky noise of that band
  /// sum per input pixel. Every such pixel is galaxy (the model holds no stars or sky), so no connected component is
  /// taken, and stars touching the galaxy stay outside — unlike ``mask(_:ring:threshold:)``.
  public static func truthMask(model: InputImage, sigma: Double, threshold: Double = 2) -> [Bool] {
    let s = model.size, c = model.channels
    return (0..<(s * s)).map { i in
      var sum = 0.0
      for k in 0..<c { sum += Double(model.values[i * c + k]) }
      return sum > threshold * sigma
    }
  }

  /// Median of sorted values.
  static func median(_ sorted: [Double]) -> Double {
    let n = sorted.count
    guard n > 0 else { return 0 }
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
  }

  /// Σ_{outside} |A| / Σ |A| of an attribution map over the mask's complement; NaN for an empty mask or a zero map.
  public static func outsideShare(_ map: [Double], mask: [Bool]) -> Double {
    precondition(map.count == mask.count, "outsideShare: map and mask sizes differ")
    guard mask.contains(true) else { return .nan }
    var total = 0.0, outside = 0.0
    for (a, m) in zip(map, mask) {
      total += abs(a)
      if !m { outside += abs(a) }
    }
    return total > 0 ? outside / total : .nan
  }
}
