// galmorph — ImageCodecsTests
//
// Real survey cutouts decode to the same pixels as Pillow (bit-exact: both use libjpeg-turbo's islow IDCT and
// fancy upsampling).

import Foundation
import GalmorphSupport
import ImageCodecs
import Testing
import _GalmorphTestSupport

@Suite("JPEG decoding against Pillow")
struct JPEGDecodingTests {
  @Test(
    "real SDSS and DECaLS cutouts match Pillow exactly",
    .enabled(if: SharedData.isAvailable, SharedData.skipMessage))
  func realCutouts() throws {
    let golden = try ImageGolden.load()
    #expect(golden.generator == "gen_image_golden.py")
    #expect(golden.jpegs.count >= 7)
    for entry in golden.jpegs {
      let image = try ImageDecoder.decode(contentsOf: SharedData.url(entry.path))
      #expect(
        image.width == entry.width && image.height == entry.height && image.channels == entry.channels,
        "\(entry.path) shape")
      #expect(image.bitDepth == 8)
      let codes = integerCodes(image)
      let stats = channelStats(codes, channels: image.channels)
      #expect(stats.sum == entry.sum, "\(entry.path) channel sums")
      #expect(stats.min == entry.min, "\(entry.path) channel minima")
      #expect(stats.max == entry.max, "\(entry.path) channel maxima")
      for p in entry.probes {
        let v = (0..<image.channels).map { codes[(p.y * image.width + p.x) * image.channels + $0] }
        #expect(v == p.values, "\(entry.path) pixel (y \(p.y), x \(p.x))")
      }
      #expect(Checksum.sha256(Data(image.bytes8())) == entry.sha256, "\(entry.path) all pixels (sha256)")
    }
  }

  @Test(
    "concurrent decoding gives the same pixels as serial decoding",
    .enabled(if: SharedData.isAvailable, SharedData.skipMessage))
  func concurrent() throws {
    let golden = try ImageGolden.load()
    let urls = golden.jpegs.map { SharedData.url($0.path) }
    let serial = try urls.map { try ImageDecoder.decode(contentsOf: $0, channels: .rgb) }
    let results = ResultBox(count: urls.count * 3)
    DispatchQueue.concurrentPerform(iterations: urls.count * 3) { i in
      results.set(i, try? ImageDecoder.decode(contentsOf: urls[i % urls.count], channels: .rgb))
    }
    for i in 0..<(urls.count * 3) { #expect(results.get(i) == serial[i % urls.count], "image \(i)") }
  }

  @Test("samples are code/255 exactly")
  func scaling() throws {
    let golden = try ImageGolden.load()
    let image = try ImageDecoder.decode(contentsOf: ImageGolden.fixture("pil_gray.jpg"))
    let expected = try #require(golden.grayJPEG.values)
    #expect(image.pixels == expected.map { Float($0) / 255 })
    #expect(image.pixels.allSatisfy { $0 >= 0 && $0 <= 1 })
  }

  @Test("grayscale JPEG: 1 channel natively, replicated to 3 with .rgb")
  func grayscale() throws {
    let golden = try ImageGolden.load()
    let url = ImageGolden.fixture("pil_gray.jpg")
    let gray = try ImageDecoder.decode(contentsOf: url)
    #expect(gray.channels == 1 && gray.width == golden.grayJPEG.width && gray.height == golden.grayJPEG.height)
    #expect(integerCodes(gray) == golden.grayJPEG.values)
    let rgb = try ImageDecoder.decode(contentsOf: url, channels: .rgb)
    #expect(rgb.channels == 3)
    let codes = integerCodes(rgb)
    let expected = try #require(golden.grayJPEG.values)
    #expect(codes == expected.flatMap { [$0, $0, $0] })
  }

  @Test("header info without decoding", .enabled(if: SharedData.isAvailable, SharedData.skipMessage))
  func info() throws {
    let golden = try ImageGolden.load()
    for entry in golden.jpegs {
      let info = try ImageDecoder.info(contentsOf: SharedData.url(entry.path))
      #expect(
        info
          == ImageInfo(
            format: .jpeg, width: entry.width, height: entry.height, channels: 3, bitDepth: 8,
            chromaSubsampling: info.chromaSubsampling))
      #expect(info.chromaSubsampling != nil && info.chromaSubsampling != "unknown")
    }
    let json = try JSONCoding.encoder().encode(try ImageDecoder.info(contentsOf: ImageGolden.fixture("pil_gray.jpg")))
    let text = String(decoding: json, as: UTF8.self)
    #expect(
      text.contains("\"bit_depth\" : 8") && text.contains("\"format\" : \"jpeg\"") && text.contains("\"channels\" : 1"))
  }

  @Test(
    "every cutout of the shared data sets decodes (long)",
    .enabled(if: SharedData.isAvailable && ProcessInfo.processInfo.environment["GALMORPH_LONG_TESTS"] != nil))
  func allCutouts() throws {
    let fm = FileManager.default
    var decoded = 0
    for folder in [
      "gz1_smallgz1_images/images", "gz1_sdss_dr12_cutouts_morphml/images", "gzdecals_ring_examples/images",
    ] {
      let dir = SharedData.url(folder)
      for name in try fm.contentsOfDirectory(atPath: dir.path).sorted() {
        do {
          let image = try ImageDecoder.decode(contentsOf: dir.appendingPathComponent(name), channels: .rgb)
          #expect(image.channels == 3)
          decoded += 1
        } catch {
          Issue.record("\(error)")
        }
      }
    }
    #expect(decoded > 10_000)
  }
}

/// Thread-safe slots for results produced on worker threads.
final class ResultBox: @unchecked Sendable {
  private var slots: [DecodedImage?]
  private let lock = NSLock()
  init(count: Int) { slots = Array(repeating: nil, count: count) }
  func set(_ i: Int, _ value: DecodedImage?) { lock.lock(); slots[i] = value; lock.unlock() }
  func get(_ i: Int) -> DecodedImage? { lock.lock(); defer { lock.unlock() }; return slots[i] }
}
