// galmorph — SkyStatisticsTests

import Foundation
import GalmorphSupport
import SkyGeometry
import SkyStatistics
import Testing
import _GalmorphTestSupport

/// Size of the other two global tests under isotropy (seeded simulation).
@Suite("Null calibration of the hemisphere scan and the likelihood-ratio test")
struct NullCalibrationTests {
  /// Hemisphere scan: 200 isotropic skies (3,000 random positions on a Dec > −20° footprint, labels Bernoulli(0.3)),
  /// K = 99, so a calibrated test rejects at p ≤ 0.05 with probability 5/100. 99.9% binomial bounds for 200 skies:
  /// [2, 20].
  @Test func hemisphereScanSize() throws {
    var rng = SeededGenerator(seed: 314)
    var rejections = 0
    let skies = 200
    for s in 0..<skies {
      var sky = rng.stream(UInt64(s))
      let dirs = randomDirections(4000, &sky).filter { $0.dec > -20 }
      let labels = dirs.map { _ in sky.nextUnit() < 0.3 }
      let r = try HemisphereScan.run(directions: dirs, labels: labels, axisNside: 2, permutations: 99, seed: UInt64(s))
      if r.pValue <= 0.05 { rejections += 1 }
    }
    _ = rng.next()
    print("hemisphere scan: \(rejections)/\(skies) isotropic skies rejected at alpha 0.05")
    #expect(rejections >= 2 && rejections <= 20, "\(rejections) of \(skies)")
  }

  /// Bernoulli likelihood-ratio test (χ²₃, no permutations): on the real footprint with shuffled labels the
  /// statistic is asymptotically χ²₃ (mean 3, variance 6). Over 500 skies: mean LR within 3 ± 0.4 (≈ 3.5 standard
  /// errors) and rejections at α = 0.05 within the 99.9% binomial bounds [10, 41].
  @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
  func likelihoodRatioSizeOnRealFootprint() throws {
    let data = try GZ1Positions.load()
    var rng = SeededGenerator(seed: 2718)
    var rejections = 0
    var lrSum = 0.0
    let skies = 500
    for s in 0..<skies {
      var labels = data.spiral
      var sky = rng.stream(UInt64(s))
      sky.shuffle(&labels)
      let fit = try BernoulliDipoleFit.fit(directions: data.directions, labels: labels)
      if (fit.pValue ?? 1) <= 0.05 { rejections += 1 }
      lrSum += fit.statistic
      #expect(fit.deltaBIC ?? 0 > -10, "sky \(s): ΔBIC \(fit.deltaBIC ?? 0)")
    }
    _ = rng.next()
    print(
      "likelihood ratio: \(rejections)/\(skies) shuffled skies rejected at alpha 0.05, mean LR \(lrSum / Double(skies))"
    )
    #expect(rejections >= 10 && rejections <= 41, "\(rejections) of \(skies)")
    #expect(abs(lrSum / Double(skies) - 3) < 0.4, "mean LR \(lrSum / Double(skies))")
  }
}
