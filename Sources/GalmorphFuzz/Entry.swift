// galmorph — GalmorphFuzz
//
// The fuzzing driver. Built by `make fuzz` (Swift with -sanitize=fuzzer,address, C with
// -fsanitize=fuzzer-no-link,address, and -DGALMORPH_LIBFUZZER for both), it runs libFuzzer on the target named by the
// environment variable GALMORPH_FUZZ_TARGET, with libFuzzer's own arguments (corpus folders, -max_total_time, …).
// Built plainly it replays files: `GalmorphFuzz TARGET FILE…` reads each file with the target and prints what it
// threw.

import CFuzzDriver
import Foundation
import GalmorphFuzzing

#if GALMORPH_LIBFUZZER
/// The target of this process (GALMORPH_FUZZ_TARGET).
nonisolated(unsafe) private var target = FuzzTarget.csv
/// GALMORPH_FUZZ_VERBOSE=1 prints what each input threw (to check that a corpus is read, not rejected).
nonisolated(unsafe) private var verbose = false

private func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  do { try target.run(bytes) } catch {
    if verbose { FileHandle.standardError.write(Data("threw: \(error)\n".utf8)) }
  }
  return 0
}

@main
struct Fuzz {
  static func main() {
    let env = ProcessInfo.processInfo.environment
    guard let t = FuzzTarget(rawValue: env["GALMORPH_FUZZ_TARGET"] ?? "") else {
      FileHandle.standardError.write(
        Data("set GALMORPH_FUZZ_TARGET to one of \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))\n".utf8)
      )
      exit(2)
    }
    target = t
    verbose = env["GALMORPH_FUZZ_VERBOSE"] == "1"
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(gm_fuzz_run_driver(&argc, &argv) { fuzzOne($0, $1) })
  }
}
#else
@main
struct Replay {
  static func main() {
    let args = Array(CommandLine.arguments.dropFirst())
    guard let name = args.first, let target = FuzzTarget(rawValue: name) else {
      print(
        "usage: GalmorphFuzz TARGET FILE…  (targets: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")))")
      exit(2)
    }
    for path in args.dropFirst() {
      do {
        try target.run(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        print("\(path): read")
      } catch { print("\(path): \(error)") }
    }
  }
}
#endif
