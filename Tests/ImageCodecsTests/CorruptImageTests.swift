// galmorph — ImageCodecsTests
//
// Broken copies of real files: every failure is an ImageCodecsError naming the file, never a crash.

import Foundation
import GalmorphSupport
import ImageCodecs
import Testing
import _GalmorphTestSupport

@Suite("Corrupt and truncated images")
struct CorruptImageTests {
  static let jpegPath = "gzdecals_ring_examples/images/J000411.19+020924.0.jpg"

  /// Writes `bytes` to `name` in `folder` and returns the error text of decoding it (nil when it decoded).
  func decodeError(_ bytes: [UInt8], name: String, in folder: TemporaryFolder) throws -> String? {
    let url = folder.file(name)
    try Data(bytes).write(to: url)
    do {
      _ = try ImageDecoder.decode(contentsOf: url)
      return nil
    } catch let error as ImageCodecsError {
      #expect(error.description.contains(url.path), "message names the file: \(error)")
      return error.description
    }
  }

  @Test("truncated JPEG is an error naming the file", .enabled(if: SharedData.isAvailable, SharedData.skipMessage))
  func truncatedJPEG() throws {
    let folder = try TemporaryFolder("imagecodecs")
    defer { folder.cleanup() }
    let bytes = [UInt8](try Data(contentsOf: SharedData.url(Self.jpegPath)))
    for fraction in [0.9, 0.5, 0.1] {
      let cut = Array(bytes.prefix(Int(Double(bytes.count) * fraction)))
      let message = try decodeError(cut, name: "cut\(Int(fraction * 100)).jpg", in: folder)
      #expect(message != nil, "truncated to \(fraction) must fail")
    }
    let headerOnly = try decodeError(Array(bytes.prefix(3)), name: "soi.jpg", in: folder)
    #expect(headerOnly != nil)
  }

  @Test(
    "JPEG with garbage bytes in its headers is an error", .enabled(if: SharedData.isAvailable, SharedData.skipMessage))
  func garbageJPEG() throws {
    let folder = try TemporaryFolder("imagecodecs")
    defer { folder.cleanup() }
    var bytes = [UInt8](try Data(contentsOf: SharedData.url(Self.jpegPath)))
    // Zeros over the frame header (SOF0 at byte 158), the Huffman tables and the start of scan. (JPEG has no
    // checksum: garbage inside the entropy-coded data can decode to wrong pixels without any error, so the
    // corruption is placed where libjpeg must notice it.)
    for i in 158..<600 { bytes[i] = 0 }
    let message = try decodeError(bytes, name: "garbage.jpg", in: folder)
    #expect(message?.contains("corrupt or truncated JPEG") == true, "\(String(describing: message))")
    // Random bytes after the SOI marker.
    var rng = SeededGenerator(seed: 7)
    let random = [0xFF, 0xD8, 0xFF] + (0..<4000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    #expect(try decodeError(random, name: "random.jpg", in: folder) != nil)
  }

  @Test("a non-image file is an error", .enabled(if: SharedData.isAvailable, SharedData.skipMessage))
  func notAnImage() throws {
    let folder = try TemporaryFolder("imagecodecs")
    defer { folder.cleanup() }
    let csv = [UInt8](try Data(contentsOf: SharedData.url("gzdecals_ring_examples/labels.csv")))
    let message = try decodeError(csv, name: "labels.jpg", in: folder)
    #expect(message?.contains("not a JPEG or PNG") == true)
    #expect(try decodeError([], name: "empty.png", in: folder) != nil)
    #expect(throws: ImageCodecsError.self) { try ImageDecoder.info(contentsOf: folder.file("labels.jpg")) }
    #expect(throws: ImageCodecsError.self) { try ImageDecoder.decode(contentsOf: folder.file("missing.png")) }
  }

  @Test("truncated and CRC-corrupted PNG copies are errors naming the file")
  func brokenPNG() throws {
    let folder = try TemporaryFolder("imagecodecs")
    defer { folder.cleanup() }
    for name in ["pil_rgb8.png", "raw_rgb16.png", "raw_rgba8_adam7.png"] {
      let bytes = [UInt8](try Data(contentsOf: ImageGolden.fixture(name)))
      for keep in [bytes.count - 20, bytes.count / 2, 40, 12] {
        let message = try decodeError(Array(bytes.prefix(keep)), name: "cut\(keep)-\(name)", in: folder)
        #expect(message != nil, "\(name) truncated to \(keep) bytes must fail")
      }
      var flipped = bytes
      flipped[bytes.count / 2] ^= 0x5A  // inside IDAT: CRC or zlib check fails
      let message = try decodeError(flipped, name: "flip-\(name)", in: folder)
      #expect(message?.contains("PNG") == true, "\(name) with a flipped byte must fail")
    }
  }
}
