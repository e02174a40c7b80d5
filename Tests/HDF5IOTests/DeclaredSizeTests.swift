// galmorph — HDF5IOTests
//
// A dataset may declare far more values than any machine holds: chunked storage with no chunk written costs nothing
// on disk, and a corrupt dataspace can claim any size. Reading such a dataset must be an error naming it, not an
// allocation that aborts the process (the hdf5-model fuzz finding, here for numbers and for strings).

import Foundation
import HDF5IO
import Testing
import _GalmorphTestSupport

@Suite("Declared sizes beyond memory")
struct DeclaredSizeTests {
  /// 2⁴⁰ values: a terabyte at one byte each, more than any machine running these tests.
  static let count = 1 << 40

  /// Writes a file whose dataset `/huge` is chunked uint8 of `count` values with no chunk written (a few KiB).
  func writeHuge(_ url: URL) throws {
    try HDF5File.create(at: url) { file in
      try file.createDataset("/huge", shape: [Self.count], of: UInt8.self, options: HDF5DatasetOptions(chunks: [1024]))
    }
  }

  @Test func aNumericDatasetDeclaringATerabyteIsRefusedByName() throws {
    let folder = try TemporaryFolder("hdf5io-huge")
    defer { folder.cleanup() }
    let url = folder.file("huge.h5")
    try writeHuge(url)
    let dataset = try HDF5File(url: url).dataset("/huge")
    #expect(dataset.shape == [Self.count])
    let error = #expect(throws: HDF5IOError.self) { try dataset.read(as: Float.self) }
    let message = String(describing: error)
    #expect(message.contains("huge.h5") && message.contains("/huge") && message.contains("needs more than"))
    // A row range that fits is still read (the fill value), so the guard refuses only what cannot fit.
    #expect(try dataset.read(rows: 5..<9, as: Float.self) == [0, 0, 0, 0])
  }

  /// The same file with the dataset's datatype message rewritten from uint8 (class 0, size 1, offset 0, precision 8)
  /// to a 1-byte null-terminated ASCII string (class 3): `readStrings` must check the size before it allocates.
  @Test func aStringDatasetDeclaringATerabyteIsRefusedByName() throws {
    let folder = try TemporaryFolder("hdf5io-huge")
    defer { folder.cleanup() }
    let url = folder.file("huge-strings.h5")
    try writeHuge(url)
    var bytes = [UInt8](try Data(contentsOf: url))
    let uint8Type: [UInt8] = [0x10, 0, 0, 0, 1, 0, 0, 0, 0, 0, 8, 0]
    let matches = (0...(bytes.count - uint8Type.count)).filter {
      Array(bytes[$0..<($0 + uint8Type.count)]) == uint8Type
    }
    try #require(matches.count == 1, "the uint8 datatype message occurs once in the file")
    bytes[matches[0]] = 0x13
    try Data(bytes).write(to: url)
    let dataset = try HDF5File(url: url).dataset("/huge")
    try #require(dataset.dataType.isString, "the patched type reads as a string: \(dataset.dataType)")
    let error = #expect(throws: HDF5IOError.self) { try dataset.readStrings() }
    let message = String(describing: error)
    #expect(message.contains("huge-strings.h5") && message.contains("/huge") && message.contains("needs more than"))
  }
}
