// galmorph — TensorCore
//
// Deterministic work splitting over a fixed number of workers.

import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Fixed-partition parallel loops over `DispatchQueue.concurrentPerform`.
///
/// `workers` (default 2: this project's machines have 2 cores) is the number of contiguous, equal-as-possible
/// slices a range is cut into; slice `w` always covers the same indices, so any per-worker partial result (e.g. a
/// weight gradient) is reduced in the same order on every run. Results are therefore bit-identical from run to run
/// for a fixed `workers`; changing `workers` changes the floating-point summation order of reductions.
public enum Parallel {
  nonisolated(unsafe) private static var _workers = 2

  /// Number of worker slices (≥ 1): the calling thread's ``withWorkers(_:_:)`` value inside such a call, else the
  /// process-wide value. Set the process-wide value once at start-up, before any model runs.
  public static var workers: Int {
    get { ThreadOverride.value ?? _workers }
    set { precondition(newValue >= 1, "Parallel.workers must be ≥ 1"); _workers = newValue }
  }

  /// Runs `body` with ``workers`` = `count` on the calling thread only (e.g. one model per core: several threads
  /// each training with one worker), leaving every other thread's value alone.
  public static func withWorkers<R>(_ count: Int, _ body: () throws -> R) rethrows -> R {
    precondition(count >= 1, "Parallel.withWorkers needs ≥ 1 worker")
    let previous = ThreadOverride.value
    ThreadOverride.value = count
    defer { ThreadOverride.value = previous }
    return try body()
  }

  /// A per-thread worker count (POSIX thread-specific data; 0 = none).
  private enum ThreadOverride {
    nonisolated(unsafe) static let key: pthread_key_t = {
      var key = pthread_key_t()
      precondition(pthread_key_create(&key, nil) == 0, "pthread_key_create failed")
      return key
    }()

    static var value: Int? {
      get {
        let raw = Int(bitPattern: pthread_getspecific(key))
        return raw > 0 ? raw : nil
      }
      set { pthread_setspecific(key, UnsafeRawPointer(bitPattern: newValue ?? 0)) }
    }
  }

  /// Configures the engine for `threads` cores: `threads` worker slices, each calling OpenBLAS single-threaded
  /// (Debian's OpenBLAS 0.3.21 scales poorly on conv-shaped GEMMs, and nested BLAS threads would oversubscribe).
  /// Call once at start-up, after ``BLASRuntime/ensureOptimalKernel()``.
  public static func configure(threads: Int) {
    workers = max(1, threads)
    BLASRuntime.setThreads(1)
  }

  /// The slice of `0..<count` that worker `w` of `parts` handles (contiguous, sizes differ by at most 1).
  @inlinable
  public static func slice(_ count: Int, part w: Int, of parts: Int) -> Range<Int> {
    let base = count / parts, extra = count % parts
    let lo = w * base + min(w, extra)
    return lo..<(lo + base + (w < extra ? 1 : 0))
  }

  /// Runs `body(worker, range)` for each worker's slice of `0..<count`, concurrently when worth it.
  /// Slices that would be empty are skipped. `minPerWorker` keeps tiny loops on one thread.
  public static func forEachSlice(
    _ count: Int, minPerWorker: Int = 1,
    _ body: (_ worker: Int, _ range: Range<Int>) -> Void
  ) {
    let parts = max(1, min(workers, count / max(minPerWorker, 1)))
    if parts == 1 {
      if count > 0 { body(0, 0..<count) }
      return
    }
    withoutActuallyEscaping(body) { b in
      let box = UncheckedBox(b)
      DispatchQueue.concurrentPerform(iterations: parts) { w in
        let r = slice(count, part: w, of: parts)
        if !r.isEmpty { box.value(w, r) }
      }
    }
  }

  /// The number of slices `forEachSlice(count, minPerWorker:)` will use.
  public static func partCount(_ count: Int, minPerWorker: Int = 1) -> Int {
    max(1, min(workers, count / max(minPerWorker, 1)))
  }
}

/// Carries a non-Sendable value into `concurrentPerform`; callers guarantee disjoint access.
@usableFromInline
struct UncheckedBox<T>: @unchecked Sendable {
  @usableFromInline let value: T
  @usableFromInline init(_ value: T) { self.value = value }
}
