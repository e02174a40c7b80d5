// galmorph — GalmorphCommandsTests
//
// An HDF5 file on which libhdf5 1.10 itself segfaults (found by `make fuzz`, issue 21): the galmorph executable walks
// every HDF5 file it opens in a child process first, so the crash becomes an error naming the file.

import Foundation
import Testing
import _GalmorphTestSupport

@Suite("Corrupt HDF5 that crashes libhdf5")
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
}
