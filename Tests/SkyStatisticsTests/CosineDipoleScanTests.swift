// galmorph — SkyStatisticsTests

import Foundation
import GalmorphSupport
import SkyGeometry
import SkyStatistics
import Testing
import _GalmorphTestSupport

@Suite("Cos-fit dipole scan")
struct CosineDipoleScanTests {
  /// Brute force: materialise cos φᵢ for every axis and fit y = (m +) d cos φ by ordinary least squares.
  func bruteChiSquare(_ dirs: [SkyDirection], _ y: [Double], _ axis: SkyDirection, monopole: Bool) -> Double {
    let n = Double(y.count)
    var s1 = 0.0, s2 = 0.0, sy = 0.0, syy = 0.0, ys = 0.0
    for (d, v) in zip(dirs, y) {
      let c = d.dot(axis)
      s1 += c; s2 += c * c; sy += v * c; syy += v * v; ys += v
    }
    if monopole {
      let dd = (n * sy - s1 * ys) / (n * s2 - s1 * s1)
      let m = (ys - dd * s1) / n
      var chi = 0.0
      for (d, v) in zip(dirs, y) { let r = v - m - dd * d.dot(axis); chi += r * r }
      return chi
    }
    let dd = sy / s2
    var chi = 0.0
    for (d, v) in zip(dirs, y) { let r = v - dd * d.dot(axis); chi += r * r }
    return chi
  }

  @Test(arguments: [DipoleModel.monopoleDipole, .dipoleOnly])
  func sufficientStatisticsEqualBruteForceGrid(model: DipoleModel) throws {
    var rng = SeededGenerator(seed: 11)
    // partial footprint: a northern cap plus a stripe
    let dirs = randomDirections(6000, &rng).filter { $0.dec > 10 || abs($0.dec) < 5 }
    let axisTrue = SkyDirection(raDegrees: 150, decDegrees: 30)
    let labels = plantedLabels(dirs, p0: 0.4, amplitude: 0.1, axis: axisTrue, &rng)
    let y = labels.map { model == .dipoleOnly ? ($0 ? 1.0 : -1.0) : ($0 ? 1.0 : 0.0) }
    let scan = try CosineDipoleScan(directions: dirs, values: y, model: model)
    let axes = try AxisGrid.raDec(stepDegrees: 10).axes()
    #expect(axes.count == 648)
    var bestGrid = 0.0
    for a in axes {
      let brute = bruteChiSquare(dirs, y, a, monopole: model == .monopoleDipole)
      expectClose(scan.chiSquare(axis: a), brute, rtol: 1e-9, "chi2 at \(a)")
      bestGrid = max(bestGrid, scan.deltaChiSquare(axis: a))
    }
    // the closed-form best axis beats every grid axis and is close to the best one
    let fit = try scan.bestFit()
    #expect(fit.statistic >= bestGrid * (1 - 1e-12))
    #expect(fit.statistic < bestGrid * 1.05)
    expectClose(
      scan.chiSquare(axis: fit.bestAxis.direction),
      bruteChiSquare(dirs, y, fit.bestAxis.direction, monopole: model == .monopoleDipole), rtol: 1e-9)
    #expect(scan.amplitude(axis: fit.bestAxis.direction) > 0)
  }

  @Test func partialFootprintGivesNoSpuriousDipole() throws {
    // isotropic labels on a footprint covering only Dec > 20: the footprint must not create a dipole.
    var rng = SeededGenerator(seed: 5)
    var amps = [Double](), pulls = [Double]()
    for _ in 0..<40 {
      let dirs = randomDirections(8000, &rng).filter { $0.dec > 20 }
      let labels = dirs.map { _ in rng.nextUnit() < 0.3 }
      let fit = try CosineDipoleScan(directions: dirs, labels: labels).bestFit()
      amps.append(fit.amplitude)
      pulls.append(fit.amplitude / fit.amplitudeErr)
    }
    // |d̂|/σ is chi-like with 3 dof: mean ~ 1.6; a footprint-induced dipole would make it large
    let meanPull = pulls.reduce(0, +) / Double(pulls.count)
    #expect(meanPull > 1.0 && meanPull < 2.3, "mean pull \(meanPull)")
  }

  @Test func plantedDipoleRecoveredOnPartialFootprint() throws {
    var rng = SeededGenerator(seed: 8)
    let dirs = randomDirections(60000, &rng).filter { $0.dec > -10 }
    let axis = SkyDirection(raDegrees: 200, decDegrees: 40)
    let labels = plantedLabels(dirs, p0: 0.5, amplitude: 0.08, axis: axis, &rng)
    let fit = try CosineDipoleScan(directions: dirs, labels: labels).bestFit()
    #expect(abs(fit.amplitude - 0.08) < 4 * fit.amplitudeErr, "amp \(fit.amplitude) ± \(fit.amplitudeErr)")
    #expect(fit.bestAxis.direction.separation(to: axis) < 4 * (fit.directionErrDegrees ?? 0) + 1)
    let b = try BernoulliDipoleFit.fit(directions: dirs, labels: labels)
    #expect(abs(b.amplitude - 0.08) < 4 * b.amplitudeErr, "bernoulli amp \(b.amplitude) ± \(b.amplitudeErr)")
    #expect(b.bestAxis.direction.separation(to: axis) < 4 * (b.directionErrDegrees ?? 0) + 1)
    #expect((b.pValue ?? 1) < 1e-10)
    #expect((b.deltaBIC ?? 0) < 0)
    // snake_case keys, as in every galmorph JSON file, and the fit decodes back to itself
    let json = try JSONEncoder().encode(b)
    let text = String(decoding: json, as: UTF8.self)
    #expect(
      text.contains("\"best_axis\"") && text.contains("\"p_value_method\":\"likelihood ratio vs monopole, chi2(3)\""))
    let back = try JSONDecoder().decode(DipoleFit.self, from: json)
    #expect(back.amplitude == b.amplitude && back.bestAxis == b.bestAxis && back.pValueMethod == .likelihoodRatio)
  }

  @Test func sigmaMapAndPermutationsAreDeterministic() throws {
    var rng = SeededGenerator(seed: 21)
    let dirs = randomDirections(5000, &rng)
    let axis = SkyDirection(raDegrees: 60, decDegrees: -20)
    let labels = plantedLabels(dirs, p0: 0.5, amplitude: 0.15, axis: axis, &rng)
    let scan = try CosineDipoleScan(directions: dirs, labels: labels)
    let r1 = try scan.significance(permutations: 200, seed: 3, grid: .healpix(nside: 8))
    let r2 = try scan.significance(permutations: 200, seed: 3, grid: .healpix(nside: 8))
    #expect(r1.permutationStatistics == r2.permutationStatistics)
    #expect(r1.map?.sigma == r2.map?.sigma)
    let map = try #require(r1.map)
    #expect(map.sigma.count == 768)
    #expect(map.bestAxis.direction.separation(to: axis) < 20)
    #expect(map.bestSigma > 5)
    #expect(r1.fit.pValue == 1.0 / 201)
    // the σ-map baseline: over relabelings the mean σ is ~0 by construction; at the data it peaks near the axis
    expectClose(
      map.deltaChiSquare[map.bestIndex],
      scan.deltaChiSquare(axis: try AxisGrid.healpix(nside: 8).axes()[map.bestIndex]),
      rtol: 1e-12)
    // non-binary values take the shuffle path and give the same statistic scale
    let probs = labels.map { $0 ? 0.8 : 0.2 }
    let rp = try CosineDipoleScan(directions: dirs, values: probs).significance(permutations: 50, seed: 1)
    #expect(rp.fit.pValue == 1.0 / 51)
  }

  /// Relabelling k is drawn from its own stream of the seed, so a σ-map over the first K′ of K relabellings is the
  /// σ-map of a scan with K′ (what lets an audit store maps from its dipoles' scans instead of scanning again).
  @Test func sigmaMapOfTheFirstRelabellingsEqualsAShorterScan() throws {
    var rng = SeededGenerator(seed: 5)
    let dirs = randomDirections(3001, &rng)
    let labels = plantedLabels(dirs, p0: 0.4, amplitude: 0.1, axis: SkyDirection(raDegrees: 10, decDegrees: 50), &rng)
    let scan = try CosineDipoleScan(directions: dirs, labels: labels)
    let long = try scan.significance(permutations: 901, seed: 9, grid: .healpix(nside: 4), mapPermutations: 333)
    let short = try scan.significance(permutations: 333, seed: 9, grid: .healpix(nside: 4))
    let all = try scan.significance(permutations: 901, seed: 9, grid: .healpix(nside: 4))
    #expect(long.map?.sigma == short.map?.sigma)
    #expect(long.map?.permutations == 333)
    #expect(long.permutationStatistics == all.permutationStatistics)
    #expect(Array(all.permutationStatistics.prefix(333)) == short.permutationStatistics)
    #expect(long.map?.sigma != all.map?.sigma)
    #expect(throws: SkyStatisticsError.self) {
      try scan.significance(permutations: 10, seed: 9, grid: .healpix(nside: 4), mapPermutations: 0)
    }
  }
}
