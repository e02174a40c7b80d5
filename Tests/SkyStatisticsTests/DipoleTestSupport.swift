// galmorph — SkyStatisticsTests

import Foundation
import GalmorphSupport
import SkyGeometry
import _GalmorphTestSupport

/// Positions and GZ1 flags of ../shared/data/gz1_sdss_dr12_cutouts_morphml/gz1_flags_positions.csv, parsed
/// minimally (ra, dec, gz1_flag are the first three columns).
struct GZ1Positions {
  let directions: [SkyDirection]
  let spiral: [Bool]

  static let url = SharedData.url("gz1_sdss_dr12_cutouts_morphml/gz1_flags_positions.csv")

  static func load() throws -> GZ1Positions {
    let text = try String(contentsOf: url, encoding: .utf8)
    var dirs = [SkyDirection](), spiral = [Bool]()
    for line in text.split(separator: "\n").dropFirst() {
      let f = line.split(separator: ",", maxSplits: 3, omittingEmptySubsequences: false)
      guard f.count >= 3, let ra = Double(f[0]), let dec = Double(f[1]) else { continue }
      dirs.append(try SkyDirection.validated(raDegrees: ra, decDegrees: dec))
      spiral.append(f[2] == "spiral")
    }
    return GZ1Positions(directions: dirs, spiral: spiral)
  }
}

/// Uniform random directions on the sphere.
func randomDirections(_ n: Int, _ rng: inout SeededGenerator) -> [SkyDirection] {
  (0..<n).map { _ in
    SkyDirection(raDegrees: 360 * rng.nextUnit(), decDegrees: asin(2 * rng.nextUnit() - 1) * 180 / .pi)
  }
}

/// Bernoulli labels with P(y = 1) = p0 + amplitude·(x·axis).
func plantedLabels(
  _ dirs: [SkyDirection], p0: Double, amplitude: Double, axis: SkyDirection,
  _ rng: inout SeededGenerator
) -> [Bool] {
  dirs.map { rng.nextUnit() < p0 + amplitude * $0.dot(axis) }
}

let longTests = ProcessInfo.processInfo.environment["GALMORPH_LONG_TESTS"] != nil
