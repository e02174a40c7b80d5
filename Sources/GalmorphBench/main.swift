// galmorph — benchmarks (never run under `swift test`): `swift run -c release GalmorphBench <case> [options]`.
//
// Every case prints JSON lines (one per measurement) with medians and min–max over repeats after warm-up, the BLAS
// kernel in use and the git commit, so that results line up with the peer figures in ../shared/bench.
import Foundation
import TensorCore

BLASRuntime.ensureOptimalKernel()

let cases = ["cnn", "cnn-profile", "annotate", "stats", "simulate", "blas-info", "all"]
let arguments = Array(CommandLine.arguments.dropFirst())

func runCase(_ name: String, _ rest: [String]) {
  switch name {
  case "cnn":
    do { try CNNBench.run(rest) } catch { print("GalmorphBench cnn: \(error)") }
  case "cnn-profile":
    do { try CNNBench.profile(rest) } catch { print("GalmorphBench cnn-profile: \(error)") }
  case "annotate":
    do { try AnnotateBench.run(rest) } catch { print("GalmorphBench annotate: \(error)") }
  case "stats":
    do { try StatsBench.run() } catch { print("GalmorphBench stats: \(error)") }
  case "simulate":
    SimulateBench.run()
  case "blas-info":
    let env = ProcessInfo.processInfo.environment
    print(
      "core=\(BLASRuntime.coreName) threads=\(BLASRuntime.threads) OPENBLAS_CORETYPE=\(env["OPENBLAS_CORETYPE"] ?? "unset") reexec=\(env[BLASRuntime.reexecMarker] ?? "no")"
    )
  case "all":
    for c in ["blas-info", "cnn", "annotate", "stats", "simulate"] { runCase(c, []) }
  default:
    print("usage: GalmorphBench <case> [options]; cases: \(cases.joined(separator: ", "))")
  }
}

runCase(arguments.first ?? "", Array(arguments.dropFirst()))
