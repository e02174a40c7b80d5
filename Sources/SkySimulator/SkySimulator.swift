// galmorph — SkySimulator
//
// The public entry point: a validated configuration → truth rows and NHWC images, in batches, multithreaded.

import Foundation
import GalmorphSupport

/// Simulates survey cutouts of elliptical and spiral galaxies with known truth.
///
/// ```swift
/// let sim = try SkySimulator(config: SimulationPreset.contextDec.config(count: 20_000, seed: 7))
/// try sim.simulate(batchSize: 1024) { batch in
///   // batch.truths: [GalaxyTruth]; batch.images: [Float], NHWC [batch.count, 64, 64, 3]
/// }
/// ```
///
/// Determinism: galaxy i draws its parameters from `SeededGenerator(seed: seed).stream(i).stream(0)`, its star
/// count from `.stream(2)`, its stars from `.stream(3)` and its noise from `.stream(1)`, so every pixel depends only
/// on (config, i): not on the thread count, batch size or order of work. Rendering runs on `threads` threads
/// (default: all active processors) through `DispatchQueue.concurrentPerform`.
public struct SkySimulator: Sendable {
  public let config: SimulationConfig
  let root: SeededGenerator

  /// Validates `config`. - Throws: `SkySimulatorError` naming the first invalid setting.
  public init(config: SimulationConfig) throws {
    try config.validate()
    self.config = config
    root = SeededGenerator(seed: config.seed)
  }

  /// Image shape per galaxy: (height, width, channels).
  public var imageShape: (height: Int, width: Int, channels: Int) {
    (config.stampSize, config.stampSize, config.bands.count)
  }

  /// Truth and image (HWC, `imageShape`) of galaxy `index`.
  public func galaxy(_ index: Int) throws -> (truth: GalaxyTruth, image: [Float]) {
    let t = try truth(for: index)
    let (h, w, c) = imageShape
    let image = [Float](unsafeUninitializedCapacity: h * w * c) { buf, n in
      if let base = buf.baseAddress { render(t, into: base) }
      n = h * w * c
    }
    return (t, image)
  }

  /// Renders the image (HWC, `imageShape`) of an explicit truth record — e.g. one from `truth(for:)` with some
  /// parameters changed. Noise and stars come from the streams of `truth.index`.
  public func renderImage(for truth: GalaxyTruth) -> [Float] {
    let (h, w, c) = imageShape
    precondition(
      truth.flux.count == c && truth.spheroidFlux.count == c && truth.diskFlux.count == c
        && truth.skyBackground.count == c, "truth record has \(truth.flux.count) bands, simulator \(c)")
    return [Float](unsafeUninitializedCapacity: h * w * c) { buf, n in
      if let base = buf.baseAddress { render(truth, into: base) }
      n = h * w * c
    }
  }

  /// Galaxies in `range` (indices into the survey; may exceed `config.count`). Parameters are drawn serially
  /// (cheap; errors surface before any rendering), images rendered in parallel.
  /// - Throws: `SkySimulatorError.invalidContextValue` when a context knob leaves its range at some position.
  public func simulateBatch(
    _ range: Range<Int>, threads: Int? = nil,
    progress: ProgressReporter? = nil
  ) throws -> SimulatedBatch {
    precondition(range.lowerBound >= 0, "galaxy indices start at 0")
    let truths = try range.map { try truth(for: $0) }
    let (h, w, c) = imageShape
    let stride = h * w * c
    let workers = max(1, min(threads ?? ProcessInfo.processInfo.activeProcessorCount, truths.count))
    let images = [Float](unsafeUninitializedCapacity: truths.count * stride) { buf, n in
      let out = SendablePointer(base: buf.baseAddress)
      DispatchQueue.concurrentPerform(iterations: workers) { worker in
        guard let base = out.base else { return }
        var done = 0
        for i in Swift.stride(from: worker, to: truths.count, by: workers) {
          render(truths[i], into: base + i * stride)
          done += 1
          if done == 16 {
            progress?.advance(by: done)
            done = 0
          }
        }
        if done > 0 { progress?.advance(by: done) }
      }
      n = truths.count * stride
    }
    return SimulatedBatch(
      startIndex: range.lowerBound, truths: truths, images: images, height: h, width: w,
      channels: c)
  }

  /// Simulates all `config.count` galaxies in batches of `batchSize`, handing each batch to `body` in order, so at
  /// most one batch of images is in memory at a time.
  public func simulate(
    batchSize: Int = 1024, threads: Int? = nil, progress: ProgressReporter? = nil,
    _ body: (SimulatedBatch) throws -> Void
  ) throws {
    precondition(batchSize > 0, "batchSize must be > 0")
    var start = 0
    while start < config.count {
      let end = min(config.count, start + batchSize)
      try body(try simulateBatch(start..<end, threads: threads, progress: progress))
      start = end
    }
  }
}

/// A raw output pointer handed to worker threads that write disjoint ranges.
struct SendablePointer: @unchecked Sendable {
  let base: UnsafeMutablePointer<Float>?
}
