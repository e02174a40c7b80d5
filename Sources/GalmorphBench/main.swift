// galmorph — benchmarks (never run under `swift test`): `swift run -c release GalmorphBench <case>`.
import Foundation
import TensorCore

BLASRuntime.ensureOptimalKernel()

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "cnn":
  do { try CNNBench.run(Array(arguments.dropFirst())) } catch {
    print("GalmorphBench cnn: \(error)")
  }
case "cnn-profile":
  do { try CNNBench.profile(net: arguments.count > 1 ? arguments[1] : "B") } catch { print("\(error)") }
case "blas-info":
  let env = ProcessInfo.processInfo.environment
  print("core=\(BLASRuntime.coreName) threads=\(BLASRuntime.threads) OPENBLAS_CORETYPE=\(env["OPENBLAS_CORETYPE"] ?? "unset") reexec=\(env[BLASRuntime.reexecMarker] ?? "no")")
default:
  print("usage: GalmorphBench cnn [--threads N] [--nets A,B] [--modes train,infer]")
}
