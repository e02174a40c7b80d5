// galmorph — MorphologyClassifier
//
// 8-bit display copies of network inputs (contact sheets).

extension ImageBuffer {
  /// 8-bit RGB (HWC) for display: values clipped to this image's 0.5th–99.5th percentile over all bands and scaled
  /// linearly to 0…255 (one scale for all bands, so colours are kept). One channel is repeated into three.
  public func displayRGB() -> [UInt8] {
    let sorted = pixels.filter { $0.isFinite }.sorted()
    guard !sorted.isEmpty else { return [UInt8](repeating: 0, count: width * height * 3) }
    let lo = sorted[Int(0.005 * Double(sorted.count - 1))], hi = sorted[Int(0.995 * Double(sorted.count - 1))]
    let scale = hi > lo ? 255 / (hi - lo) : 0
    var out = [UInt8](repeating: 0, count: width * height * 3)
    for i in 0..<(width * height) {
      for c in 0..<3 {
        let v = pixels[i * channels + min(c, channels - 1)]
        out[i * 3 + c] = UInt8(max(0, min(255, ((v.isFinite ? v : lo) - lo) * scale)).rounded())
      }
    }
    return out
  }
}
