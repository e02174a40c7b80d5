// galmorph — benchmarks: `swift run -c release GalmorphBench stats`
//
// Dipole statistics on N points uniform on the sphere with P(y=1) = 0.5 + 0.05·cos(angle to RA 150°, Dec 30°),
// the same data model as the numpy peer /work/shared/bench/py/stats_bench.py (RESULTS.md §3), so results can be read
// side by side. Prints one JSON object per line. Environment: STATS_N (comma list, default 1e6), NPERM (1000),
// REPS (3).

import Foundation
import GalmorphSupport
import SkyGeometry
import SkyStatistics

enum StatsBench {
  struct Line: Encodable {
    var kind: String
    var N: Int
    var detail: String
    var s_median: Double
    var s_min: Double
    var s_max: Double
    var reps: Int
    var ra: Double?
    var dec: Double?
    var amplitude: Double?
    var delta_chi2: Double?
    var p_value: Double?
    var best_sigma: Double?
    var threads: Int
    /// Process CPU seconds (all threads) of the fastest repetition: on a shared machine, cpu_s / threads is
    /// the wall time an idle machine would give.
    var cpu_s: Double
  }

  static func cpuSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
  }

  nonisolated(unsafe) static var lastCPU = 0.0

  static func timed<T>(_ reps: Int, _ f: () throws -> T) rethrows -> (T, [Double]) {
    var out: T?
    var times = [Double]()
    var cpu = Double.infinity
    for _ in 0..<max(1, reps) {
      let t0 = DispatchTime.now().uptimeNanoseconds, c0 = cpuSeconds()
      out = try f()
      times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
      cpu = min(cpu, cpuSeconds() - c0)
    }
    times.sort()
    lastCPU = cpu
    return (out!, times)
  }

  static func emit(_ l: Line) {
    let enc = JSONEncoder()
    enc.outputFormatting = [.sortedKeys]
    if let d = try? enc.encode(l) { print(String(decoding: d, as: UTF8.self)) }
  }

  static func line(_ kind: String, _ n: Int, _ detail: String, _ t: [Double]) -> Line {
    Line(
      kind: kind, N: n, detail: detail, s_median: t[t.count / 2], s_min: t.first ?? 0, s_max: t.last ?? 0,
      reps: t.count, threads: ProcessInfo.processInfo.activeProcessorCount, cpu_s: lastCPU)
  }

  static func run() throws {
    let env = ProcessInfo.processInfo.environment
    let ns = (env["STATS_N"] ?? "1e6").split(separator: ",").compactMap { Double($0).map { Int($0) } }
    let nperm = Int(env["NPERM"] ?? "1000") ?? 1000
    let reps = Int(env["REPS"] ?? "3") ?? 3
    let axis = SkyDirection(raDegrees: 150, decDegrees: 30)
    for n in ns {
      var rng = SeededGenerator(seed: 0)
      var dirs = [SkyDirection]()
      dirs.reserveCapacity(n)
      var labels = [Bool]()
      labels.reserveCapacity(n)
      for _ in 0..<n {
        let d = SkyDirection(raDegrees: 360 * rng.nextUnit(), decDegrees: asin(2 * rng.nextUnit() - 1) * 180 / .pi)
        dirs.append(d)
        labels.append(rng.nextUnit() < 0.5 + 0.05 * d.dot(axis))
      }
      // moments + closed-form best axis
      let (fit, t1) = try timed(reps) { try CosineDipoleScan(directions: dirs, labels: labels).bestFit() }
      var l = line("moments_best_axis", n, "sufficient statistics + closed-form best axis", t1)
      l.ra = fit.bestAxis.ra; l.dec = fit.bestAxis.dec; l.amplitude = fit.amplitude; l.delta_chi2 = fit.statistic
      emit(l)
      // the 1° σ-map + look-elsewhere permutations (the headline case)
      let scan = try CosineDipoleScan(directions: dirs, labels: labels)
      let (res, t2) = try timed(reps) { try scan.significance(permutations: nperm, seed: 1, grid: .oneDegree) }
      l = line("sigma_map_plus_permutations", n, "1-degree grid (64,800 axes), \(nperm) permutations", t2)
      l.ra = res.map?.bestAxis.ra; l.dec = res.map?.bestAxis.dec; l.amplitude = res.map?.bestAmplitude
      l.delta_chi2 = res.fit.statistic; l.p_value = res.fit.pValue; l.best_sigma = res.map?.bestSigma
      emit(l)
      // permutations alone
      let (res3, t3) = try timed(reps) { try scan.significance(permutations: nperm, seed: 1) }
      l = line("permutations_only", n, "\(nperm) permutations, closed-form max", t3)
      l.p_value = res3.fit.pValue
      emit(l)
      // Bernoulli likelihood
      let (bf, t4) = try timed(reps) { try BernoulliDipoleFit.fit(directions: dirs, labels: labels) }
      l = line("bernoulli_ml", n, "IRLS monopole + dipole, \(bf.iterations ?? 0) iterations", t4)
      l.ra = bf.bestAxis.ra; l.dec = bf.bestAxis.dec; l.amplitude = bf.amplitude; l.p_value = bf.pValue
      emit(l)
      // healpy-style binned map fit
      for nside in [16, 32] {
        let h = try HEALPix(nside: nside)
        let (mf, t5) = try timed(reps) { () throws -> DipoleFit in
          var cnt = [Double](repeating: 0, count: h.pixelCount), sum = cnt
          for (d, y) in zip(dirs, labels) { let p = h.pixel(of: d); cnt[p] += 1; if y { sum[p] += 1 } }
          let map: [Double?] = (0..<h.pixelCount).map { cnt[$0] > 0 ? sum[$0] / cnt[$0] : nil }
          return try MapDipoleFit.fit(map: map, healpix: h)
        }
        l = line("map_fit", n, "nside \(nside), bin + fit", t5)
        l.ra = mf.bestAxis.ra; l.dec = mf.bestAxis.dec; l.amplitude = mf.amplitude
        emit(l)
      }
    }
  }
}
