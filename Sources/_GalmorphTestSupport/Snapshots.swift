// galmorph — test support
//
// Snapshot files: text outputs compared with a checked-in copy beside the test (`Snapshots/<name>`).

import Foundation
import Testing

/// Compares `actual` with `Snapshots/<name>`; with RECORD_SNAPSHOTS=1 (or when the file is missing) writes it.
public func expectSnapshot(
  _ actual: String, _ name: String, testFile: String = #filePath,
  sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let url = URL(fileURLWithPath: testFile).deletingLastPathComponent()
    .appendingPathComponent("Snapshots").appendingPathComponent(name)
  let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
  if record || !FileManager.default.fileExists(atPath: url.path) {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(actual.utf8).write(to: url)
    if !record {
      Issue.record("snapshot \(name) did not exist; recorded it — check it and re-run", sourceLocation: sourceLocation)
    }
    return
  }
  let expected = try String(contentsOf: url, encoding: .utf8)
  if actual != expected {
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let line = zip(a, e).enumerated().first { $1.0 != $1.1 }?.offset ?? min(a.count, e.count)
    let got = line < a.count ? String(a[line]) : "<end>", want = line < e.count ? String(e[line]) : "<end>"
    let message =
      "snapshot \(name) differs at line \(line + 1):\n  got:      \(got)\n  expected: \(want)\n"
      + "(re-record with RECORD_SNAPSHOTS=1 if the change is intended)"
    Issue.record("\(message)", sourceLocation: sourceLocation)
  }
}
