// galmorph — TensorCore
//
// Choosing the right OpenBLAS kernel at start-up and controlling its threads.

import COpenBLAS
import Foundation

/// Runtime control of the OpenBLAS library the engine links (Debian's libopenblas 0.3.21, pthread build).
///
/// Debian's 0.3.21 does not recognise recent CPUs (e.g. Intel family 6 model 207) and falls back to the generic
/// SSE3 "Prescott" kernels, 3–7× slower than the AVX2/AVX-512 ones. The kernel is chosen from `OPENBLAS_CORETYPE`
/// when the library loads, so the only fix from inside a process is to set the variable and re-execute it:
/// ``ensureOptimalKernel()``. Call it first thing in `main`, before any other work.
public enum BLASRuntime {
  /// Marker variable set before re-executing, so a process re-executes at most once.
  public static let reexecMarker = "GALMORPH_BLAS_REEXEC"

  /// The kernel family OpenBLAS selected (`openblas_get_corename()`), e.g. "Haswell", "SkylakeX", "Zen", "Prescott".
  public static var coreName: String {
    guard let p = openblas_get_corename() else { return "unknown" }
    return String(cString: p)
  }

  /// Number of threads OpenBLAS uses for one call.
  public static var threads: Int { Int(openblas_get_num_threads()) }

  /// Sets the number of OpenBLAS threads (≥ 1). The engine itself runs BLAS with 1 thread inside its own
  /// ``Parallel`` workers; more BLAS threads only help single large GEMMs outside the engine.
  public static func setThreads(_ n: Int) {
    precondition(n >= 1, "BLASRuntime.setThreads needs n ≥ 1")
    openblas_set_num_threads(Int32(n))
  }

  /// Core names whose kernels use AVX2+FMA or better; anything else on an AVX2 CPU counts as generic.
  static let vectorCores: Set<String> = ["haswell", "zen", "skylakex", "cooperlake", "sapphirerapids"]

  /// The `OPENBLAS_CORETYPE` value this process should run with, or nil when the current kernel is fine.
  ///
  /// - `cpuFlags`: the `flags` line of /proc/cpuinfo (the kernel's decoding of CPUID): `avx512f` → "SkylakeX";
  ///   `avx2` and `fma` → "Haswell"; otherwise nil (the generic kernel is what the CPU can run).
  public static func recommendedCoreType(currentCore: String, cpuFlags: Set<String>) -> String? {
    if vectorCores.contains(currentCore.lowercased()) { return nil }
    if cpuFlags.contains("avx512f") { return "SkylakeX" }
    if cpuFlags.contains("avx2") && cpuFlags.contains("fma") { return "Haswell" }
    return nil
  }

  /// CPU feature flags from /proc/cpuinfo (empty when unreadable).
  public static func cpuFlags() -> Set<String> {
    guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return [] }
    for line in text.split(separator: "\n") where line.hasPrefix("flags") {
      guard let colon = line.firstIndex(of: ":") else { continue }
      return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
    }
    return []
  }

  /// Makes sure OpenBLAS runs its best kernel for this CPU, re-executing the process once if needed.
  ///
  /// When `OPENBLAS_CORETYPE` is unset and ``coreName`` is a generic kernel on a CPU with AVX-512F (→ SkylakeX) or
  /// AVX2+FMA (→ Haswell), sets the variable and the marker ``reexecMarker`` and calls
  /// `execv("/proc/self/exe", argv)`. Returns normally (doing nothing) when the variable is already set, the
  /// marker is present (loop guard), the kernel is already vectorised, or exec fails.
  public static func ensureOptimalKernel() {
    let env = ProcessInfo.processInfo.environment
    if env["OPENBLAS_CORETYPE"] != nil || env[reexecMarker] != nil { return }
    // GALMORPH_BLAS_ASSUME_CORE pretends OpenBLAS picked that core (to exercise this path on CPUs it knows).
    let current = env["GALMORPH_BLAS_ASSUME_CORE"] ?? coreName
    guard let core = recommendedCoreType(currentCore: current, cpuFlags: cpuFlags()) else { return }
    setenv("OPENBLAS_CORETYPE", core, 1)
    setenv(reexecMarker, "1", 1)
    let args = CommandLine.arguments
    var cArgs: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) }
    cArgs.append(nil)
    execv("/proc/self/exe", &cArgs)
    // exec failed: carry on with the generic kernel.
    for p in cArgs { free(p) }
  }
}
