// galmorph — TensorCoreTests

import _GalmorphTestSupport
import Foundation
import GalmorphSupport
import Testing
import TensorCore

@Suite struct TensorCoreTests {
  @Test func tensorShapeAndIndexingAreRowMajor() {
    var t = Tensor(shape: [2, 3, 4], values: (0..<24).map(Float.init))
    #expect(t[1, 2, 3] == 23 && t[0, 1, 2] == 6)
    t[1, 0, 0] = -1
    #expect(t.values[12] == -1)
    #expect(t.reshaped([6, 4]).shape == [6, 4])
    var g1 = SeededGenerator(seed: 5), g2 = SeededGenerator(seed: 5)
    #expect(Tensor(normalShape: [3, 3], using: &g1) == Tensor(normalShape: [3, 3], using: &g2))
  }

  /// sgemm with all transpose combinations against a naive triple loop in Double.
  @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
  func sgemmMatchesNaiveProduct(transA: Bool, transB: Bool) {
    let m = 5, n = 7, k = 3
    let a = (0..<(m * k)).map { Float(sin(Double($0))) }, b = (0..<(k * n)).map { Float(cos(Double($0))) }
    var c = [Float](repeating: 1, count: m * n)
    a.withUnsafeBufferPointer { ap in
      b.withUnsafeBufferPointer { bp in
        c.withUnsafeMutableBufferPointer { cp in
          sgemm(
            transA: transA, transB: transB, m: m, n: n, k: k, alpha: 2, a: ap.baseAddress!, b: bp.baseAddress!,
            beta: 0.5, c: cp.baseAddress!)
        }
      }
    }
    for i in 0..<m {
      for j in 0..<n {
        var s = 0.0
        for p in 0..<k {
          let av = transA ? a[p * m + i] : a[i * k + p], bv = transB ? b[j * k + p] : b[p * n + j]
          s += Double(av) * Double(bv)
        }
        expectClose(Double(c[i * n + j]), 2 * s + 0.5, rtol: 1e-5, "C[\(i),\(j)]")
      }
    }
  }

  @Test func parallelSlicesPartitionTheRange() {
    for count in [0, 1, 5, 64, 101] {
      for parts in 1...4 {
        let slices = (0..<parts).map { Parallel.slice(count, part: $0, of: parts) }
        #expect(slices.map(\.count).reduce(0, +) == count)
        for w in 1..<parts { #expect(slices[w].lowerBound == slices[w - 1].upperBound) }
        #expect((slices.map(\.count).max() ?? 0) - (slices.map(\.count).min() ?? 0) <= 1)
      }
    }
    let out = FloatBuffer(capacity: 100)
    let p = out.pointer
    Parallel.forEachSlice(100) { _, r in for i in r { p[i] = Float(i) } }
    #expect(out.array(count: 100) == (0..<100).map(Float.init))
  }

  @Test func vectorizedKernelsMatchScalarDefinitions() {
    let x: [Float] = (0..<21).map { Float($0) - 10.5 }
    let dy: [Float] = (0..<21).map { Float($0) * 0.1 }
    var y = [Float](repeating: 0, count: 21), dx = y
    x.withUnsafeBufferPointer { xp in
      y.withUnsafeMutableBufferPointer { Vectorized.relu(xp.baseAddress!, $0.baseAddress!, count: 21) }
    }
    #expect(y == x.map { max($0, 0) })
    x.withUnsafeBufferPointer { xp in
      dy.withUnsafeBufferPointer { dp in
        dx.withUnsafeMutableBufferPointer {
          Vectorized.reluBackward(xp.baseAddress!, dp.baseAddress!, $0.baseAddress!, count: 21, slope: 0.5)
        }
      }
    }
    #expect(dx == (0..<21).map { x[$0] > 0 ? dy[$0] : 0.5 * dy[$0] })
  }

  @Test func kernelChoiceFollowsCPUFlags() {
    #expect(
      BLASRuntime.recommendedCoreType(currentCore: "Prescott", cpuFlags: ["avx512f", "avx2", "fma"]) == "SkylakeX")
    #expect(BLASRuntime.recommendedCoreType(currentCore: "Prescott", cpuFlags: ["avx2", "fma"]) == "Haswell")
    #expect(BLASRuntime.recommendedCoreType(currentCore: "Prescott", cpuFlags: ["sse3"]) == nil)
    #expect(BLASRuntime.recommendedCoreType(currentCore: "Zen", cpuFlags: ["avx2", "fma"]) == nil)
    #expect(BLASRuntime.recommendedCoreType(currentCore: "SkylakeX", cpuFlags: ["avx512f"]) == nil)
    #expect(!BLASRuntime.coreName.isEmpty && BLASRuntime.coreName != "unknown")
  }

  @Test func floatBufferGrowsOnlyWhenAsked() {
    let b = FloatBuffer()
    let p1 = b.reserve(100)
    #expect(b.reserve(50) == p1 && b.capacity == 100)
    b.fill(2, count: 100)
    #expect(b.array(count: 3) == [2, 2, 2])
    _ = b.reserve(200)
    #expect(b.capacity == 200)
  }
}

/// `Parallel.withWorkers` changes the worker count of the calling thread only, nests, and restores it.
@Test func withWorkersIsPerThread() {
  let global = Parallel.workers
  Parallel.withWorkers(1) {
    #expect(Parallel.workers == 1)
    Parallel.withWorkers(3) { #expect(Parallel.workers == 3) }
    #expect(Parallel.workers == 1)
    final class Seen: @unchecked Sendable { var workers = 0 }
    let seen = Seen(), done = DispatchSemaphore(value: 0)
    Thread {
      seen.workers = Parallel.workers
      done.signal()
    }.start()
    done.wait()
    #expect(seen.workers == global)
  }
  #expect(Parallel.workers == global)
}
