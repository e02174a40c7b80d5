// galmorph — SkyGeometry

import GalmorphSupport

extension HEALPix {
  /// A sky-balanced subsample: at most `perPixel` objects from every pixel, chosen uniformly at random within the
  /// pixel (seeded), so that densely covered regions no longer dominate a training or test set.
  ///
  /// Returns the chosen indices into `directions` in increasing order. Pixels are visited in pixel order and each
  /// pixel's members are shuffled with `SeededGenerator(seed:).stream(pixel)`, so the result depends only on
  /// the seed and the input, not on the order in which pixels are processed.
  public func balancedSample(_ directions: [SkyDirection], perPixel: Int, seed: UInt64) throws -> [Int] {
    guard perPixel >= 1 else {
      throw SkyGeometryError.invalidRequest(reason: "balanced sample needs perPixel >= 1, got \(perPixel)")
    }
    var members = [Int: [Int]]()
    for (i, d) in directions.enumerated() { members[pixel(of: d), default: []].append(i) }
    let base = SeededGenerator(seed: seed)
    var chosen = [Int]()
    for p in members.keys.sorted() {
      guard var list = members[p] else { continue }
      if list.count > perPixel {
        var rng = base.stream(UInt64(p))
        rng.shuffle(&list)
        list = Array(list.prefix(perPixel))
      }
      chosen.append(contentsOf: list)
    }
    return chosen.sorted()
  }
}
