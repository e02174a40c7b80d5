// galmorph — benchmarks: simulated survey cutouts.

import Foundation
import GalmorphSupport
import SkySimulator

/// "simulate 20000 64×64×3 context-dec": times `SkySimulator.simulate` over the whole survey in batches of 1024
/// and prints one JSON line (images per second, wall time, thread count). `GALMORPH_BENCH_COUNT` overrides the count.
enum SimulateBench {
  static func run() {
    let count = Int(ProcessInfo.processInfo.environment["GALMORPH_BENCH_COUNT"] ?? "") ?? 20_000
    let threads = ProcessInfo.processInfo.activeProcessorCount
    do {
      let sim = try SkySimulator(config: SimulationPreset.contextDec.config(count: count, seed: 42))
      let progress = ProgressReporter(label: "simulate", total: count, unit: "img")
      let start = Date()
      var checksum = 0.0
      try sim.simulate(batchSize: 1024, threads: threads, progress: progress) { batch in
        checksum += batch.images.reduce(0.0) { $0 + Double($1) }
      }
      progress.finish()
      let seconds = Date().timeIntervalSince(start)
      let line: [String: Any] = [
        "case": "simulate \(count) 64x64x3 context-dec", "seconds": (seconds * 1000).rounded() / 1000,
        "images_per_second": (Double(count) / seconds).rounded(), "threads": threads, "checksum": checksum,
        "commit": ToolInfo.gitCommit,
      ]
      let data = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
      print(String(decoding: data, as: UTF8.self))
    } catch {
      print("{\"case\": \"simulate\", \"error\": \"\(error)\"}")
    }
  }
}
