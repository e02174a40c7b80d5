// galmorph — GalmorphCommandsTests
//
// Issue 4's "done when": a `galmorph annotate` process killed with SIGKILL mid-run and rerun with `--resume` writes
// the same catalog, byte for byte, as an uninterrupted run.

import Foundation
import Testing
import _GalmorphTestSupport
#if canImport(Glibc)
import Glibc
#endif

@Suite(
  "galmorph annotate under SIGKILL",
  .enabled(if: GalmorphBinary.isAvailable, GalmorphBinary.skipMessage),
  .enabled(if: ClassifierCommandTests.bundled, "bundled model/stack not present"))
struct AnnotateKillTests {
  /// The annotate arguments for the bundled stack and the shipped model, writing CSV to `output`.
  static func arguments(_ output: URL) -> [String] {
    [
      "annotate", "--image-stack", ClassifierCommandTests.stack.path, "--model", ClassifierCommandTests.model.path,
      "--batch-size", "64", "--output", output.path,
    ]
  }

  /// Rows recorded in `<output>.partial.json`, or 0 while it does not exist or is being replaced.
  static func rowsDone(_ output: URL) -> Int {
    guard let data = try? Data(contentsOf: URL(fileURLWithPath: output.path + ".partial.json")),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return 0 }
    return object["rowsDone"] as? Int ?? 0
  }

  @Test func killedThenResumedEqualsUninterrupted() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let full = tmp.file("full.csv"), killed = tmp.file("killed.csv")
    let uninterrupted = try GalmorphBinary.run(Self.arguments(full))
    #expect(uninterrupted.status == 0, "stderr: \(uninterrupted.err)")

    let p = GalmorphBinary.process(Self.arguments(killed))
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    // Kill after a few batches are recorded, well before the end (4545 rows in batches of 64).
    let deadline = Date().addingTimeInterval(120)
    while p.isRunning && Self.rowsDone(killed) < 256 && Date() < deadline { usleep(20_000) }
    let wasRunning = p.isRunning
    kill(p.processIdentifier, SIGKILL)
    p.waitUntilExit()
    try #require(wasRunning, "annotate finished before it could be killed")
    #expect(p.terminationReason == .uncaughtSignal)
    let done = Self.rowsDone(killed)
    #expect(done >= 256 && done < 4545, "rows recorded at the kill: \(done)")
    #expect(
      !FileManager.default.fileExists(atPath: killed.path), "a killed run must leave no output under the final name")

    let resumed = try GalmorphBinary.run(Self.arguments(killed) + ["--resume"])
    #expect(resumed.status == 0, "stderr: \(resumed.err)")
    let a = try Data(contentsOf: full), b = try Data(contentsOf: killed)
    #expect(a == b, "resumed output (\(b.count) bytes) differs from the uninterrupted one (\(a.count) bytes)")
    #expect(String(decoding: a, as: UTF8.self).split(separator: "\n").count == 4546)
    #expect(!FileManager.default.fileExists(atPath: killed.path + ".partial"))
  }
}
