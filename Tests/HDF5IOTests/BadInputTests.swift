// galmorph — HDF5IOTests
//
// Broken input never crashes: truncated copies of a real file (several cut points), corrupted bytes, a file that
// is not HDF5, a missing file and missing dataset/attribute names all give an `HDF5IOError` naming the file (and
// the object), with the available names listed where that helps. The corruption offsets are fixed; libhdf5 1.10.8
// itself can segfault on some corrupted attribute messages (see the note on `HDF5File`), which no Swift code
// can catch, so a random-offset fuzz is not part of the suite.

import Foundation
import HDF5IO
import Testing
import _GalmorphTestSupport

@Suite("Bad input")
struct BadInputTests {
  static let sample = "hdf5_samples/debian_python-tables-data_3.7.0-5/smpl_compound_chunked.h5"

  /// Opens, inspects and reads every numeric dataset; returns the first error (nil when everything worked).
  func exercise(_ url: URL) -> (any Error)? {
    do {
      _ = try HDF5Inspection.inspect(url: url)
      let file = try HDF5File(url: url)
      for node in try file.walk() where node.kind == .dataset {
        let dataset = try file.dataset(node.path)
        if dataset.dataType.isNumeric { _ = try dataset.read(as: Double.self) }
        if dataset.dataType.isString { _ = try dataset.readStrings() }
      }
      return nil
    } catch {
      return error
    }
  }

  @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage), arguments: [0.05, 0.3, 0.5, 0.8, 0.99])
  func truncatedFileGivesErrorNamingIt(_ fraction: Double) throws {
    let data = try Data(contentsOf: SharedData.url(Self.sample))
    let folder = try TemporaryFolder("hdf5io-bad")
    defer { folder.cleanup() }
    let url = folder.file("truncated.h5")
    try data.prefix(Int(Double(data.count) * fraction)).write(to: url)
    let error = try #require(exercise(url), "a file cut at \(fraction) must not read cleanly")
    let hdf5Error = try #require(error as? HDF5IOError, "\(error)")
    #expect(hdf5Error.description.contains(url.path), "\(hdf5Error)")
    // The condensed libhdf5 stack says why (its superblock records the full length).
    #expect(hdf5Error.description.contains("truncated"), "\(hdf5Error)")
  }

  @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage), arguments: [0, 8, 100, 600, 1500, 3000])
  func corruptedBytesNeverCrash(_ offset: Int) throws {
    var data = try Data(contentsOf: SharedData.url(Self.sample))
    for i in offset..<min(data.count, offset + 48) { data[i] ^= 0xA5 }
    let folder = try TemporaryFolder("hdf5io-bad")
    defer { folder.cleanup() }
    let url = folder.file("corrupt.h5")
    try data.write(to: url)
    // Corruption in unused space may go unnoticed; when it is noticed the error must name the file.
    if let error = exercise(url) {
      let hdf5Error = try #require(error as? HDF5IOError, "\(error)")
      #expect(hdf5Error.description.contains(url.path), "\(hdf5Error)")
    }
  }

  @Test func signatureCorruptionAndNonHDF5FileAreRejected() throws {
    let folder = try TemporaryFolder("hdf5io-bad")
    defer { folder.cleanup() }
    let text = folder.file("catalog.csv")
    try "ra,dec\n10.5,-3.2\n".write(to: text, atomically: true, encoding: .utf8)
    let missing = folder.file("missing.h5")
    for url in [text, missing] {
      do {
        _ = try HDF5File(url: url)
        Issue.record("\(url.lastPathComponent) opened")
      } catch let error as HDF5IOError {
        guard case .cannotOpen(let file, _) = error else { Issue.record("\(error)"); continue }
        #expect(file == url.path)
        #expect(error.description.contains(url.lastPathComponent))
      }
    }
    #expect(throws: HDF5IOError.self) { try HDF5Inspection.inspect(url: text) }
    // An HDF5 file whose superblock signature is damaged is "not HDF5".
    var data = try Data(contentsOf: Reference.url("galaxy10_synthetic.h5"))
    data[1] = 0
    let damaged = folder.file("damaged.h5")
    try data.write(to: damaged)
    #expect(throws: HDF5IOError.self) { try HDF5File(url: damaged) }
  }

  @Test func missingNamesListWhatIsAvailable() throws {
    let file = try HDF5File(url: Reference.url("galaxy10_synthetic.h5"))
    do {
      _ = try file.dataset("image")
      Issue.record("'image' should not exist")
    } catch let error as HDF5IOError {
      guard case let .notFound(name, path, available) = error else { Issue.record("\(error)"); return }
      #expect(name.hasSuffix("galaxy10_synthetic.h5"))
      #expect(path == "/image")
      #expect(available == ["/ans", "/dec", "/images", "/ra"])
      #expect(error.description.contains("/images"))
    }
    do {
      _ = try file.dataset("images").attributes.string("units")
      Issue.record("'units' should not exist")
    } catch let error as HDF5IOError {
      guard case let .attributeNotFound(_, object, name, _) = error else { Issue.record("\(error)"); return }
      #expect(object == "/images" && name == "units")
    }
    #expect(throws: HDF5IOError.self) { try file.dataset("images").readStrings() }
    #expect(throws: HDF5IOError.self) { try HDF5ImageStack(file: file, path: "ans") }
    #expect(throws: HDF5IOError.self) { try file.dataset("images").read(rows: 10..<13, as: Float.self) }
  }
}
