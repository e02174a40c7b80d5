// galmorph — FITSIOTests
//
// Broken copies of real files: errors that name the file (and the HDU), never a crash.

import Foundation
import GalmorphSupport
import Testing
import _GalmorphTestSupport
import FITSIO

@Suite("Bad input")
struct BadInputTests {
  static let m13 = "fits_samples/astropy_8.0.2/io.fits.compressed__m13.fits"
  static let mef = "fits_samples/astropy_8.0.2/io.fits__test0.fits"

  /// Opens and reads every HDU fully; returns the first error.
  static func readAll(_ url: URL) -> (any Error)? {
    do {
      let file = try FITSFile(url: url)
      for i in 0..<file.hduCount {
        let info = try file.info(.index(i))
        _ = try file.header(.index(i))
        if info.kind == .image {
          _ = try file.readImage(.index(i), as: Double.self)
        } else {
          for c in try file.tableInfo(.index(i)).columns where c.kind != .unsupported {
            _ = try file.readColumn(c.name, hdu: .index(i))
          }
        }
      }
      _ = try FITSInspection.inspect(url: url)
      return nil
    } catch { return error }
  }

  /// Replaces the header card starting with `key` by `card` (padded to 80 bytes).
  static func replaceCard(_ data: inout Data, key: String, with card: String, occurrence: Int = 0) throws {
    var seen = 0
    for start in stride(from: 0, to: data.count - 80, by: 80) {
      let text = String(decoding: data[start..<(start + 8)], as: UTF8.self)
      if text.hasPrefix(key.padding(toLength: 8, withPad: " ", startingAt: 0)) {
        if seen == occurrence {
          data.replaceSubrange(
            start..<(start + 80), with: Data(card.padding(toLength: 80, withPad: " ", startingAt: 0).utf8))
          return
        }
        seen += 1
      }
    }
    Issue.record("card \(key) not found")
  }

  @Test("truncated copy", .enabled(if: SharedData.isAvailable, SharedData.skipMessage))
  func truncated() throws {
    let folder = try TemporaryFolder(); defer { folder.cleanup() }
    let data = try Data(contentsOf: SharedData.url(Self.m13))
    let url = folder.file("m13_truncated.fits")
    try data.prefix(100_000).write(to: url)
    let error = try #require(Self.readAll(url) as? FITSIOError)
    #expect("\(error)".contains("m13_truncated.fits"))
    #expect("\(error)".contains("HDU 0"))
  }

  @Test("NAXIS1 = 'abc' in an extension header", .enabled(if: SharedData.isAvailable, SharedData.skipMessage))
  func badNaxis() throws {
    let folder = try TemporaryFolder(); defer { folder.cleanup() }
    var data = try Data(contentsOf: SharedData.url(Self.mef))
    try Self.replaceCard(&data, key: "NAXIS1", with: "NAXIS1  = 'abc'", occurrence: 1)
    let url = folder.file("test0_badnaxis.fits")
    try data.write(to: url)
    let error = try #require(Self.readAll(url) as? FITSIOError)
    #expect("\(error)".contains("test0_badnaxis.fits"))
    #expect("\(error)".contains("HDU 2"))
  }

  @Test("END card removed and BITPIX = 17", .enabled(if: SharedData.isAvailable, SharedData.skipMessage))
  func brokenHeaders() throws {
    let folder = try TemporaryFolder(); defer { folder.cleanup() }
    var noEnd = try Data(contentsOf: SharedData.url(Self.m13))
    try Self.replaceCard(&noEnd, key: "END", with: "")
    let url1 = folder.file("m13_noend.fits")
    try noEnd.write(to: url1)
    let e1 = try #require(Self.readAll(url1) as? FITSIOError)
    #expect("\(e1)".contains("m13_noend.fits"))
    var badBitpix = try Data(contentsOf: SharedData.url(Self.m13))
    try Self.replaceCard(&badBitpix, key: "BITPIX", with: "BITPIX  =                   17")
    let url2 = folder.file("m13_bitpix17.fits")
    try badBitpix.write(to: url2)
    let e2 = try #require(Self.readAll(url2) as? FITSIOError)
    #expect("\(e2)".contains("m13_bitpix17.fits") && "\(e2)".contains("HDU 0"))
  }

  @Test(
    "absurd NAXISn in an image and NAXIS2 in a table: an error, not a huge allocation",
    .enabled(if: SharedData.isAvailable, SharedData.skipMessage))
  func absurdSizes() throws {
    let folder = try TemporaryFolder(); defer { folder.cleanup() }
    var image = try Data(contentsOf: SharedData.url(Self.m13))
    try Self.replaceCard(&image, key: "NAXIS1", with: "NAXIS1  =           1000000000")
    let url1 = folder.file("m13_huge.fits")
    try image.write(to: url1)
    let e1 = try #require(Self.readAll(url1) as? FITSIOError)
    #expect("\(e1)".contains("m13_huge.fits") && "\(e1)".contains("HDU 0"))
    var table = try Data(contentsOf: SharedData.url("fits_samples/galsim/real_galaxy_catalog_23.5_example.fits"))
    try Self.replaceCard(&table, key: "NAXIS2", with: "NAXIS2  =          90000000000", occurrence: 0)
    let url2 = folder.file("catalog_huge.fits")
    try table.write(to: url2)
    let e2 = try #require(Self.readAll(url2) as? FITSIOError)
    #expect("\(e2)".contains("catalog_huge.fits") && "\(e2)".contains("HDU 1"))
  }

  @Test("random garbage, empty file, missing file")
  func garbage() throws {
    let folder = try TemporaryFolder(); defer { folder.cleanup() }
    var rng = SeededGenerator(seed: 99)
    for size in [10, 2880, 8640] {
      let url = folder.file("garbage\(size).fits")
      try Data((0..<size).map { _ in UInt8(truncatingIfNeeded: rng.next()) }).write(to: url)
      let error = try #require(Self.readAll(url) as? FITSIOError)
      #expect("\(error)".contains("garbage\(size).fits"))
    }
    let empty = folder.file("empty.fits")
    try Data().write(to: empty)
    #expect("\(try #require(Self.readAll(empty)))".contains("empty.fits"))
    let missing = folder.file("missing.fits")
    #expect(Self.readAll(missing) as? FITSIOError == .fileNotFound(path: missing.path))
    #expect("\(FITSIOError.fileNotFound(path: missing.path))".contains("missing.fits"))
  }

  @Test("valid header with garbage pixels reads without crashing (NaN/values, no trap)")
  func garbagePixels() throws {
    let folder = try TemporaryFolder(); defer { folder.cleanup() }
    let url = folder.file("float.fits")
    try FITSWriter.writeImage(FITSImage(shape: [720], pixels: [Float](repeating: 0, count: 720)), to: url)
    var data = try Data(contentsOf: url)
    var rng = SeededGenerator(seed: 3)
    for i in 2880..<data.count { data[i] = UInt8(truncatingIfNeeded: rng.next()) }
    try data.write(to: url)
    let image = try FITSFile(url: url).readImage(.primary, as: Double.self)
    #expect(image.pixels.count == 720)
  }
}
