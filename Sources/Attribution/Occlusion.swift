// galmorph — Attribution
//
// Occlusion sensitivity: how much p_spiral drops when a patch of the input is replaced by the background.

/// Occlusion sensitivity (Zeiler & Fergus 2014). A `patch`×`patch` square (default 8 px) slides over the input
/// with step `stride` (default 4; the last position is moved in to S − patch so every pixel is covered), filled in
/// every band with the image's background level (``InputImage/backgroundLevel(ring:)``). Pixel (y, x) of the map is
/// the mean over the patches covering it of p(x) − p(x with the patch occluded): positive where the pixels support
/// "spiral". All patch positions of one galaxy run as batches through the network (an 8-px patch at stride 4 on
/// a 64-px input: 15² = 225 forward passes).
public struct Occlusion: Sendable, Equatable {
  public var patch: Int
  public var stride: Int
  public init(patch: Int = 8, stride: Int = 4) { self.patch = patch; self.stride = stride }

  /// Top-left corners along one axis of an S-pixel side.
  public func positions(size s: Int) -> [Int] {
    guard patch < s else { return [0] }
    var p = Array(Swift.stride(from: 0, through: s - patch, by: stride))
    if p.last! != s - patch { p.append(s - patch) }
    return p
  }

  /// The occlusion map (S·S values, row-major) of `image` under `gradient`'s model, and p(x).
  public func map(_ image: InputImage, model: SpiralGradient) throws -> (map: [Double], p: Double) {
    let s = image.size, c = image.channels, fill = image.backgroundLevel()
    let pos = positions(size: s)
    let corners = pos.flatMap { y in pos.map { x in (y, x) } }
    var batch = [Float](); batch.reserveCapacity((corners.count + 1) * image.values.count)
    batch += image.values
    let side = min(patch, s)
    for (y0, x0) in corners {
      var v = image.values
      for y in y0..<(y0 + side) { for x in x0..<(x0 + side) { for k in 0..<c { v[(y * s + x) * c + k] = fill[k] } } }
      batch += v
    }
    let p = try model.probabilities(batch)
    var sum = [Double](repeating: 0, count: s * s), count = [Double](repeating: 0, count: s * s)
    for (j, (y0, x0)) in corners.enumerated() {
      let drop = p[0] - p[j + 1]
      for y in y0..<(y0 + side) { for x in x0..<(x0 + side) { sum[y * s + x] += drop; count[y * s + x] += 1 } }
    }
    return (zip(sum, count).map { $1 > 0 ? $0 / $1 : 0 }, p[0])
  }
}
