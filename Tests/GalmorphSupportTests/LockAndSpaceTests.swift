// galmorph — GalmorphSupportTests
//
// OutputLock's exclusive and shared modes, DiskSpace's arithmetic and its reading of "no space" errors, and the
// messages of both (issue 21).

import Foundation
import Testing
@testable import GalmorphSupport
import _GalmorphTestSupport

@Suite("output locks and free space")
struct LockAndSpaceTests {
  @Test func anExclusiveLockRefusesASecondWriterUntilReleased() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let output = tmp.file("catalog.csv")
    let first = try OutputLock.file(output)
    // flock(2) locks belong to the open file description: a second open in the same process conflicts too.
    let error = try #require(throws: SupportError.self) { _ = try OutputLock.file(output) }
    let text = "\(error)"
    #expect(text.hasPrefix(output.path + ": another galmorph process (pid \(getpid())) is writing this output"))
    #expect(text.contains(".catalog.csv.lock"))
    first.release()
    #expect(!FileManager.default.fileExists(atPath: tmp.file(".catalog.csv.lock").path))
    let second = try OutputLock.file(output)
    second.release()
  }

  @Test func sharedLocksCoexistAndExcludeAnExclusiveOne() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let a = try OutputLock.folder(tmp.url, shared: true), b = try OutputLock.folder(tmp.url, shared: true)
    #expect(throws: SupportError.self) { _ = try OutputLock.folder(tmp.url) }
    a.release(); b.release()
    let whole = try OutputLock.folder(tmp.url)
    #expect(throws: SupportError.self) { _ = try OutputLock.folder(tmp.url, shared: true) }
    whole.release()
  }

  @Test func requireComparesTheEstimateWithStatvfs() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let free = try #require(DiskSpace.available(at: tmp.url))
    // The value statvfs gives df: free blocks for unprivileged users × fragment size.
    let df = try ExternalTool.run("/bin/df", ["-B1", "--output=avail", tmp.url.path])
    let dfFree = Int64(
      df.output.split(separator: "\n").last.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? "")
    let reported = try #require(dfFree)
    #expect(abs(reported - free) < 64 << 20, "df \(reported), statvfs \(free)")  // other writers may run meanwhile
    // A path not yet created is measured at its nearest existing folder.
    #expect(DiskSpace.available(at: tmp.file("a/b/c.h5")) != nil)
    try DiskSpace.require(1_000, at: tmp.url, for: "a small file")
    let error = try #require(throws: SupportError.self) {
      try DiskSpace.require(free * 2, at: tmp.url, for: "the survey")
    }
    #expect("\(error)".hasPrefix("\(tmp.url.path): not enough free space for the survey: needs about "))
  }

  @Test func guardingNamesAFullDeviceAndPassesOtherErrorsThrough() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let full = NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC))
    let error = try #require(throws: SupportError.self) {
      try DiskSpace.guarding(tmp.url, needed: 5_000_000, for: "the stack") { throw full }
    }
    let text = "\(error)"
    #expect(text.hasPrefix("\(tmp.url.path): the device is full: a write failed: no space left on device"), "\(text)")
    #expect(text.contains("(the stack: needs about 5.0 MB in all;"), "\(text)")
    // libhdf5's error stack and cfitsio-style messages that carry the errno text.
    #expect(DiskSpace.isNoSpace(SupportError.io(path: "x", reason: "H5Dwrite: file write failed: errno = 28")))
    #expect(DiskSpace.isNoSpace(CocoaError(.fileWriteOutOfSpace)))
    #expect(!DiskSpace.isNoSpace(SupportError.io(path: "x", reason: "permission denied")))
    let other = SupportError.io(path: "x", reason: "permission denied")
    #expect(throws: other) { try DiskSpace.guarding(tmp.url, needed: nil, for: "x") { throw other } }
  }

  @Test func bytesUnderAFolderCountWhatAResumedRunAlreadyHas() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    try Data(count: 1000).write(to: tmp.file("a.h5"))
    try FileManager.default.createDirectory(at: tmp.file("models/sub"), withIntermediateDirectories: true)
    try Data(count: 250).write(to: tmp.file("models/sub/b.h5"))
    #expect(DiskSpace.bytes(under: tmp.url) == 1250)
    #expect(DiskSpace.bytes(under: tmp.file("a.h5")) == 1000)
    #expect(DiskSpace.bytes(under: tmp.file("missing")) == 0)
  }

  @Test func bytesAreWrittenForPeople() {
    #expect(DiskSpace.text(512) == "512 B")
    #expect(DiskSpace.text(12_345) == "12.3 kB")
    #expect(DiskSpace.text(20_900_000) == "20.9 MB")
    #expect(DiskSpace.text(2_050_000_000) == "2.05 GB")
    #expect(DiskSpace.margin(1_000_000) == 100_000 && DiskSpace.margin(10_000_000_000) == 64 << 20)
  }

  @Test func aFolderCreatedForARefusedRunIsRemovedOnlyWhenItHoldsNoFile() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let fm = FileManager.default
    let nested = tmp.file("a/b/c")
    let created = try OutputLocation.prepareFolder(nested)
    #expect(created?.path == tmp.file("a").standardizedFileURL.path, "the outermost folder it made")
    OutputLocation.removeIfEmpty(created)
    #expect(!fm.fileExists(atPath: tmp.file("a").path))
    // Any file under it (a partial model kept for --resume, say) keeps the whole folder.
    let again = try OutputLocation.prepareFolder(nested)
    try Data("x".utf8).write(to: nested.appendingPathComponent("model.h5"))
    OutputLocation.removeIfEmpty(again)
    #expect(fm.fileExists(atPath: nested.appendingPathComponent("model.h5").path))
    // A folder that existed is never the caller's to remove.
    #expect(try OutputLocation.prepareFolder(nested) == nil)
  }
}
