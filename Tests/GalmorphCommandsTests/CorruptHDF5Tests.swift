// galmorph — GalmorphCommandsTests
//
// An HDF5 file on which libhdf5 1.10 itself segfaults (found by `make fuzz`, issue 21): the galmorph executable walks
// every HDF5 file it opens in a child process first, so the crash becomes an error naming the file.

import Foundation
import Testing
import _GalmorphTestSupport

@Suite("Corrupt HDF5 that crashes libhdf5", .serialized)
struct CorruptHDF5Tests {
  static let finding = SharedData.packageRoot.appendingPathComponent(
    "Tests/GalmorphFuzzingTests/Findings/hdf5-stack/crash-62722d201a6364466120680fafa6fde93966cfae")

  @Test(
    "annotate, audit and probe-context refuse the file with its name and exit 1, writing nothing",
    .enabled(if: GalmorphBinary.isAvailable, GalmorphBinary.skipMessage))
  func crashBecomesAnError() throws {
    let tmp = try TemporaryFolder("corrupt-h5"); defer { tmp.cleanup() }
    let runs = [
      ["annotate", "--image-stack", Self.finding.path, "--output", "x.csv"],
      ["audit", "--images", Self.finding.path, "--out", "audit"],
      ["probe-context", "--images", Self.finding.path, "--out", "probe"],
    ]
    for args in runs {
      let r = try GalmorphBinary.run(args, environment: [:], in: tmp.url)
      #expect(r.status == 1, "\(args[0]): status \(r.status), \(r.err)")
      #expect(r.err.contains(Self.finding.path) && r.err.contains("libhdf5 crashed"), "\(args[0]): \(r.err)")
    }
    #expect(!FileManager.default.fileExists(atPath: tmp.file("x.csv").path))
    #expect(!FileManager.default.fileExists(atPath: tmp.file("audit/audit.json").path))
  }

  /// Every input under Findings/hdf5-stack/ (libhdf5's own crashes, over-reads and 4 GB allocations on corrupt files,
  /// found by `make fuzz`): `annotate` exits 1 with the file named — through the child walk when libhdf5 crashes, or
  /// libhdf5's own error when the plain build survives the fault — never dies from a signal, writes nothing.
  @Test(
    "every libhdf5 finding is refused by annotate with the file named",
    .enabled(if: GalmorphBinary.isAvailable, GalmorphBinary.skipMessage))
  func everyFindingIsRefused() throws {
    let folder = Self.finding.deletingLastPathComponent()
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(files.count >= 4)
    let tmp = try TemporaryFolder("corrupt-h5"); defer { tmp.cleanup() }
    for name in files {
      let file = folder.appendingPathComponent(name)
      let r = try GalmorphBinary.run(
        ["annotate", "--image-stack", file.path, "--output", "x.csv"], environment: [:], in: tmp.url)
      #expect(r.status == 1 && !r.signalled, "\(name): status \(r.status), \(r.err)")
      #expect(r.err.contains(file.path), "\(name): \(r.err)")
      #expect(!FileManager.default.fileExists(atPath: tmp.file("x.csv").path), "\(name)")
    }
  }

  static let modelFindings = SharedData.packageRoot.appendingPathComponent(
    "Tests/GalmorphFuzzingTests/Findings/hdf5-model")

  /// Every input under Findings/hdf5-model/ (model files on which libhdf5 itself crashes, over-reads or loops; the
  /// hdf5-model target, session 20) given to `annotate --model`: exit 1 with the file named, never a signal, nothing
  /// written. A walk that loops is killed after GALMORPH_INSPECT_TIMEOUT (3 s here).
  @Test(
    "every libhdf5 finding in a model file is refused by annotate --model with the file named",
    .enabled(if: GalmorphBinary.isAvailable, GalmorphBinary.skipMessage),
    .enabled(if: ClassifierCommandTests.bundled, "bundled model/stack not present"))
  func everyModelFindingIsRefused() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.modelFindings.path).sorted()
    #expect(files.count >= 3)
    let tmp = try TemporaryFolder("corrupt-model"); defer { tmp.cleanup() }
    for name in files {
      let file = Self.modelFindings.appendingPathComponent(name)
      let r = try GalmorphBinary.run(
        [
          "annotate", "--model", file.path, "--image-stack", ClassifierCommandTests.stack.path, "--output", "x.csv",
        ], environment: ["GALMORPH_INSPECT_TIMEOUT": "3"], in: tmp.url)
      #expect(r.status == 1 && !r.signalled, "\(name): status \(r.status), \(r.err)")
      #expect(r.err.contains(file.path), "\(name): \(r.err)")
      #expect(!FileManager.default.fileExists(atPath: tmp.file("x.csv").path), "\(name)")
    }
  }

  static let hang = modelFindings.appendingPathComponent("timeout-07b0a413e319168083bd675e0ecc3e2194fe7632")

  /// Whether a child `galmorph inspect` of `file` is running (its command line names the file).
  static func walkingChild(of file: URL) -> Bool {
    let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return pids.contains { pid in
      guard Int(pid) != nil, let cmd = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else {
        return false
      }
      let args = String(decoding: cmd, as: UTF8.self).split(separator: "\0")
      return args.contains("inspect") && args.contains { $0.hasSuffix(file.lastPathComponent) }
    }
  }

  /// A parent killed by SIGKILL (no chance to kill its child) while libhdf5 loops in the walk: the child notices
  /// that its parent is gone and exits within a second instead of looping on.
  @Test(
    .enabled(if: GalmorphBinary.isAvailable, GalmorphBinary.skipMessage),
    .enabled(if: ClassifierCommandTests.bundled, "bundled model/stack not present"))
  func aLoopingWalkDoesNotOutliveAKilledParent() throws {
    let tmp = try TemporaryFolder("corrupt-model"); defer { tmp.cleanup() }
    let p = GalmorphBinary.process([
      "annotate", "--model", Self.hang.path, "--image-stack", ClassifierCommandTests.stack.path, "--output",
      tmp.file("x.csv").path,
    ])
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    var deadline = Date().addingTimeInterval(60)
    while p.isRunning && !Self.walkingChild(of: Self.hang) && Date() < deadline { usleep(20_000) }
    try #require(p.isRunning && Self.walkingChild(of: Self.hang), "annotate stopped before its walk")
    kill(p.processIdentifier, SIGKILL)
    p.waitUntilExit()
    deadline = Date().addingTimeInterval(10)
    while Self.walkingChild(of: Self.hang) && Date() < deadline { usleep(50_000) }
    #expect(!Self.walkingChild(of: Self.hang), "the walk outlived its parent by 10 s")
  }

  /// SIGTERM while libhdf5 loops in the walk of a corrupt model file stops the run at once — the child is killed and
  /// the status is 143, as for any interrupted run — instead of waiting out GALMORPH_INSPECT_TIMEOUT (300 s).
  @Test(
    .enabled(if: GalmorphBinary.isAvailable, GalmorphBinary.skipMessage),
    .enabled(if: ClassifierCommandTests.bundled, "bundled model/stack not present"))
  func sigtermDuringALoopingWalkStopsAtOnce() throws {
    let hang = Self.hang
    let tmp = try TemporaryFolder("corrupt-model"); defer { tmp.cleanup() }
    let p = GalmorphBinary.process([
      "annotate", "--model", hang.path, "--image-stack", ClassifierCommandTests.stack.path, "--output",
      tmp.file("x.csv").path,
    ])
    let err = Pipe()
    p.standardOutput = FileHandle.nullDevice
    p.standardError = err
    try p.run()
    let deadline = Date().addingTimeInterval(60)
    func walking() -> Bool { Self.walkingChild(of: hang) }
    while p.isRunning && !walking() && Date() < deadline { usleep(20_000) }
    try #require(
      p.isRunning,
      "annotate stopped before its walk: \(String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))"
    )
    usleep(500_000)
    let sent = Date()
    p.terminate()
    let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    let took = Date().timeIntervalSince(sent)
    #expect(p.terminationReason == .exit && p.terminationStatus == 143, "\(message)")
    #expect(took < 10, "stopped \(took) s after SIGTERM")
    #expect(message.contains("interrupted by SIGTERM") && message.contains(hang.path), "\(message)")
    #expect(!walking(), "the child walk was left running")
    #expect(!FileManager.default.fileExists(atPath: tmp.file("x.csv").path))
  }
}
