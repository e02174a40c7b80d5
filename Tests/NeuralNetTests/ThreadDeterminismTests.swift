// galmorph — NeuralNetTests
//
// Same seed, N training steps, with 1 and with 2 engine threads. `Parallel.workers` is process-wide and Swift Testing
// runs tests concurrently, so each thread count runs in a child process (this test binary, filtered to the child
// test below) where nothing else is running.

import _GalmorphTestSupport
import Foundation
import GalmorphSupport
import NeuralNet
import Testing
import TensorCore

@Suite struct ThreadDeterminismTests {
  static let childVariable = "GALMORPH_THREADS_CHILD"
  static var isChild: Bool { ProcessInfo.processInfo.environment[childVariable] != nil }

  /// Net A (dropout active) 3 steps at batch 20 (uneven image slices) and Net B 2 steps at batch 16, Adam, from
  /// seed 77; every parameter in sorted-key order as raw float32, one file per net.
  static func train(into folder: URL) throws {
    for (name, arch, steps, n) in [("netA", ReferenceNetworks.netA, 3, 20), ("netB", ReferenceNetworks.netB, 2, 16)] {
      let m = try Sequential(architecture: arch, seed: 77)
      var g = SeededGenerator(seed: 3)
      let x = Tensor(normalShape: [n] + arch.inputShape, using: &g)
      let width = m.outputShape.reduce(1, *)
      let t = (0..<(n * width)).map { Float(($0 / width + $0) % 2) }
      let loss: any Loss = width == 1 ? BinaryCrossEntropy() : SoftmaxCrossEntropy()
      let adam = Adam()
      for _ in 0..<steps { try m.trainStep(input: x, targets: t, loss: loss, optimizer: adam) }
      let p = m.parameters()
      var bytes = Data()
      for k in p.keys.sorted() { p[k]!.values.withUnsafeBytes { bytes.append(contentsOf: $0) } }
      try bytes.write(to: folder.appendingPathComponent("\(name).bin"))
    }
  }

  /// Child side: `GALMORPH_THREADS_CHILD=<threads>:<folder>`; runs only in the child process.
  @Test(.enabled(if: ThreadDeterminismTests.isChild, "runs only in the child process of threadCounts…"))
  func childTrainsWithRequestedThreads() throws {
    let spec = try #require(ProcessInfo.processInfo.environment[Self.childVariable])
    let parts = spec.split(separator: ":", maxSplits: 1).map(String.init)
    let threads = try #require(Int(parts[0]))
    Parallel.configure(threads: threads)
    try Self.train(into: URL(fileURLWithPath: parts[1]))
  }

  /// Runs the child with `threads` engine threads; returns the folder holding its outputs.
  static func runChild(threads: Int, in tmp: TemporaryFolder, tag: String) throws -> URL {
    let folder = tmp.file("\(tag)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    p.arguments = [
      "--testing-library", "swift-testing", "--filter", "ThreadDeterminismTests/childTrainsWithRequestedThreads",
    ]
    var env = ProcessInfo.processInfo.environment
    env[childVariable] = "\(threads):\(folder.path)"
    p.environment = env
    let out = Pipe()
    p.standardOutput = out
    p.standardError = out
    try p.run()
    let log = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    guard p.terminationStatus == 0,
      FileManager.default.fileExists(atPath: folder.appendingPathComponent("netB.bin").path)
    else {
      throw SupportError.io(
        path: folder.path,
        reason:
          "child with \(threads) threads failed (status \(p.terminationStatus)): \(String(decoding: log.suffix(2000), as: UTF8.self))"
      )
    }
    return folder
  }

  static func floats(_ url: URL) throws -> [Float] {
    let d = try Data(contentsOf: url)
    return d.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
  }

  /// Same seed ⇒ bit-identical weights after N training steps, with 1 thread, with 2 threads (each run twice) and
  /// between 1 and 2 threads: Conv2D cuts the batch into fixed image slices and sums its gradient partials in
  /// slice order, whatever the worker count; every other reduction is sequential.
  @Test(.enabled(if: !ThreadDeterminismTests.isChild, "parent only"))
  func sameSeedIsBitIdenticalWithOneAndTwoThreads() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let one = try Self.runChild(threads: 1, in: tmp, tag: "t1a"),
      oneAgain = try Self.runChild(threads: 1, in: tmp, tag: "t1b")
    let two = try Self.runChild(threads: 2, in: tmp, tag: "t2a"),
      twoAgain = try Self.runChild(threads: 2, in: tmp, tag: "t2b")
    for net in ["netA.bin", "netB.bin"] {
      let a1 = try Data(contentsOf: one.appendingPathComponent(net)),
        b1 = try Data(contentsOf: oneAgain.appendingPathComponent(net))
      let a2 = try Data(contentsOf: two.appendingPathComponent(net)),
        b2 = try Data(contentsOf: twoAgain.appendingPathComponent(net))
      #expect(a1.count == (net == "netA.bin" ? 234_177 : 767_426) * 4)
      #expect(a1 == b1, "\(net): two runs with 1 thread differ")
      #expect(a2 == b2, "\(net): two runs with 2 threads differ")
      let x = try Self.floats(one.appendingPathComponent(net)), y = try Self.floats(two.appendingPathComponent(net))
      let differing = zip(x, y).filter { $0.0.bitPattern != $0.1.bitPattern }.count
      let worst = zip(x, y).reduce(Float(0)) { max($0, abs($1.0 - $1.1)) }
      #expect(differing == 0, "\(net): 1 vs 2 threads: \(differing) weights differ, by up to \(worst)")
    }
  }
}
