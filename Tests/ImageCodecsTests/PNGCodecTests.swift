// galmorph — ImageCodecsTests
//
// PNG fixtures written by Pillow and by an independent pure-Python writer decode to the stored samples; our own
// PNGs round-trip bit-exactly.

import Foundation
import GalmorphSupport
import ImageCodecs
import Testing
import _GalmorphTestSupport

@Suite("PNG decoding and encoding")
struct PNGCodecTests {
  @Test("fixtures (8/16-bit, gray/GA/RGB/RGBA/palette/1-bit, Adam7) decode to the reference samples")
  func fixtures() throws {
    let golden = try ImageGolden.load()
    #expect(golden.pngs.count == 12)
    for entry in golden.pngs where entry.file != "raw_rgba16.png" {
      let image = try ImageDecoder.decode(contentsOf: ImageGolden.fixture(entry.file))
      #expect(image.width == entry.width && image.height == entry.height, "\(entry.file) size")
      #expect(image.channels == entry.channels, "\(entry.file) channels")
      #expect(image.bitDepth == entry.bitDepth, "\(entry.file) bit depth")
      #expect(integerCodes(image) == entry.values, "\(entry.file) samples")
      let scale: Float = entry.bitDepth == 16 ? 65535 : 255
      #expect(image.pixels == entry.values.map { Float($0) / scale }, "\(entry.file) scaling")
    }
  }

  @Test("16-bit RGBA: opaque pixels exact, libpng's premultiplication undone within its rounding bound")
  func rgba16() throws {
    let golden = try ImageGolden.load()
    let entry = try #require(golden.pngs.first { $0.file == "raw_rgba16.png" })
    let image = try ImageDecoder.decode(contentsOf: ImageGolden.fixture(entry.file))
    #expect(image.channels == 4 && image.bitDepth == 16)
    let codes = integerCodes(image)
    for i in stride(from: 0, to: codes.count, by: 4) {
      let alpha = entry.values[i + 3]
      #expect(codes[i + 3] == alpha)
      for c in 0..<3 {
        let (got, want) = (codes[i + c], entry.values[i + c])
        switch alpha {
        case 65535: #expect(got == want, "opaque pixel \(i / 4) channel \(c)")
        case 0: #expect(got == 0, "transparent pixel colour is 0")
        default:
          // libpng stores round(c·α/65535); dividing back loses at most 65535/(2α) + 1 codes.
          let bound = 65535 / (2 * alpha) + 1
          #expect(abs(got - want) <= bound, "pixel \(i / 4) channel \(c): \(got) vs \(want), α \(alpha)")
        }
      }
    }
  }

  @Test("header info: bit depth, channels, interlace")
  func info() throws {
    let rgb16 = try ImageDecoder.info(contentsOf: ImageGolden.fixture("raw_rgb16.png"))
    #expect(rgb16 == ImageInfo(format: .png, width: 13, height: 7, channels: 3, bitDepth: 16, interlaced: false))
    let adam7 = try ImageDecoder.info(contentsOf: ImageGolden.fixture("raw_rgba8_adam7.png"))
    #expect(adam7 == ImageInfo(format: .png, width: 13, height: 7, channels: 4, bitDepth: 8, interlaced: true))
    let bilevel = try ImageDecoder.info(contentsOf: ImageGolden.fixture("pil_bilevel.png"))
    #expect(bilevel.bitDepth == 1 && bilevel.channels == 1)
    let palette = try ImageDecoder.info(contentsOf: ImageGolden.fixture("pil_palette.png"))
    #expect(palette.channels == 3 && palette.bitDepth <= 8)
  }

  @Test(".rgb drops alpha and replicates gray, as Pillow's convert(\"RGB\")")
  func forceRGB() throws {
    let golden = try ImageGolden.load()
    let rgba = try #require(golden.pngs.first { $0.file == "pil_rgba8.png" })
    let image = try ImageDecoder.decode(contentsOf: ImageGolden.fixture("pil_rgba8.png"), channels: .rgb)
    #expect(image.channels == 3)
    let expected = stride(from: 0, to: rgba.values.count, by: 4).flatMap { rgba.values[$0..<$0 + 3] }
    #expect(integerCodes(image) == expected)
    let ga = try #require(golden.pngs.first { $0.file == "pil_ga8.png" })
    let fromGA = try ImageDecoder.decode(contentsOf: ImageGolden.fixture("pil_ga8.png"), channels: .rgb)
    let grays = stride(from: 0, to: ga.values.count, by: 2).map { ga.values[$0] }
    #expect(integerCodes(fromGA) == grays.flatMap { [$0, $0, $0] })
  }

  @Test("encode → decode is bit-exact for 1–4 channels", arguments: [1, 2, 3, 4])
  func roundTrip(channels: Int) throws {
    let folder = try TemporaryFolder("imagecodecs")
    defer { folder.cleanup() }
    var rng = SeededGenerator(seed: 42 + UInt64(channels))
    let (w, h) = (37, 23)
    let bytes = (0..<(w * h * channels)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    let url = folder.file("rt\(channels).png")
    try PNGEncoder.write(bytes, width: w, height: h, channels: channels, to: url)
    let back = try ImageDecoder.decode(contentsOf: url)
    #expect(back.width == w && back.height == h && back.channels == channels && back.bitDepth == 8)
    #expect(back.bytes8() == bytes)
    #expect(back.pixels == bytes.map { Float($0) / 255 })
    // Float input path: the decoded floats written again give the same file content.
    let url2 = folder.file("rt\(channels)-float.png")
    try PNGEncoder.write(back, to: url2)
    #expect(try Data(contentsOf: url2) == Data(contentsOf: url))
    // No temporary files are left beside the outputs.
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted() == [
        "rt\(channels)-float.png", "rt\(channels).png",
      ])
  }

  @Test("the encoder rejects a buffer that does not match its shape, and writes nothing")
  func encoderShapeMismatch() throws {
    let folder = try TemporaryFolder("imagecodecs")
    defer { folder.cleanup() }
    let url = folder.file("bad.png")
    #expect(throws: ImageCodecsError.self) {
      try PNGEncoder.write([UInt8](repeating: 0, count: 10), width: 4, height: 4, channels: 3, to: url)
    }
    #expect(throws: ImageCodecsError.self) {
      try PNGEncoder.write([UInt8](repeating: 0, count: 80), width: 4, height: 4, channels: 5, to: url)
    }
    #expect(!FileManager.default.fileExists(atPath: url.path))
  }
}
