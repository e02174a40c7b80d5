// galmorph — Attribution
//
// Input-gradient attributions: the plain gradient, SmoothGrad and Integrated Gradients.

import GalmorphSupport

/// Attribution maps from ∂p_spiral/∂x (``SpiralGradient``), reduced over the bands to one value per pixel.
public enum GradientAttribution {
  /// Plain gradient ("saliency", Simonyan et al. 2014): A(y, x) = Σ_c |∂p/∂x_{y,x,c}|.
  public static func gradient(_ image: InputImage, model: SpiralGradient) -> (map: [Double], p: Double) {
    let r = model.gradients(image.values)
    return (reduceAbs(r.gradient, image), r.p[0])
  }

  /// SmoothGrad (Smilkov et al. 2017): the gradient averaged over `samples` (default 25) copies of the input with
  /// Gaussian noise of σ = `noise` (default 0.15) × (max − min of the input) added, A = Σ_c |mean gradient|. The
  /// noise is drawn from `SeededGenerator(seed)`.
  public static func smoothGrad(
    _ image: InputImage, model: SpiralGradient, samples: Int = 25, noise: Double = 0.15, seed: UInt64 = 0
  ) -> [Double] {
    let lo = image.values.min() ?? 0, hi = image.values.max() ?? 0
    let sigma = noise * Double(hi - lo)
    var rng = SeededGenerator(seed: seed)
    var batch = [Float](); batch.reserveCapacity(samples * image.values.count)
    for _ in 0..<samples { batch += image.values.map { $0 + Float(sigma * rng.nextNormal()) } }
    let g = model.gradients(batch).gradient
    return reduceAbs(mean(g, count: samples, size: image.values.count), image)
  }

  /// Integrated Gradients (Sundararajan et al. 2017) from the baseline x′ = the background level in every pixel
  /// (``InputImage/backgroundLevel(ring:)``): IG_i = (x_i − x′_i) · (1/m) Σ_{k=1…m} ∂p/∂x_i(x′ + (k − ½)/m · (x − x′))
  /// (midpoint rule, m = `steps`, default 32), A(y, x) = Σ_c IG. Completeness: Σ A ≈ p(x) − p(x′), returned as
  /// `p` and `baselineP` to check.
  public static func integratedGradients(_ image: InputImage, model: SpiralGradient, steps m: Int = 32) throws -> (
    map: [Double], p: Double, baselineP: Double
  ) {
    let fill = image.backgroundLevel(), c = image.channels, size = image.values.count
    let base = (0..<size).map { fill[$0 % c] }
    var batch = [Float](); batch.reserveCapacity((m + 2) * size)
    for k in 1...m {
      let a = (Float(k) - 0.5) / Float(m)
      batch += (0..<size).map { base[$0] + a * (image.values[$0] - base[$0]) }
    }
    let g = mean(model.gradients(batch).gradient, count: m, size: size)
    let ends = try model.probabilities(image.values + base)
    var map = [Double](repeating: 0, count: size / c)
    for i in 0..<size { map[i / c] += Double(image.values[i] - base[i]) * Double(g[i]) }
    return (map, ends[0], ends[1])
  }

  static func mean(_ g: [Float], count n: Int, size: Int) -> [Float] {
    var out = [Float](repeating: 0, count: size)
    for k in 0..<n { for i in 0..<size { out[i] += g[k * size + i] } }
    return out.map { $0 / Float(n) }
  }

  static func reduceAbs(_ g: [Float], _ image: InputImage) -> [Double] {
    let c = image.channels
    var map = [Double](repeating: 0, count: image.size * image.size)
    for i in 0..<(image.size * image.size) { for k in 0..<c { map[i] += Double(abs(g[i * c + k])) } }
    return map
  }
}
