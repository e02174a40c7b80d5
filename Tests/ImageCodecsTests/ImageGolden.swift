// galmorph — ImageCodecsTests
//
// The golden file written by Reference/gen_image_golden.py (Pillow 13 / numpy).

import Foundation
import _GalmorphTestSupport
import GalmorphSupport
import ImageCodecs

struct ImageGolden: Decodable {
  struct Probe: Decodable { var y: Int; var x: Int; var values: [Int] }
  struct JPEGEntry: Decodable {
    var path: String
    var mode: String
    var height: Int
    var width: Int
    var channels: Int
    var sum: [Int]
    var min: [Int]
    var max: [Int]
    var sha256: String
    var probes: [Probe]
    var values: [Int]?
  }
  struct PNGEntry: Decodable {
    var file: String
    var height: Int
    var width: Int
    var channels: Int
    var bitDepth: Int
    var values: [Int]
    var pillowMode: String?
    enum CodingKeys: String, CodingKey {
      case file, height, width, channels, values, bitDepth = "bit_depth", pillowMode = "pillow_mode"
    }
  }
  var generator: String
  var jpegs: [JPEGEntry]
  var pngs: [PNGEntry]
  var grayJPEG: JPEGEntry
  enum CodingKeys: String, CodingKey { case generator, jpegs, pngs, grayJPEG = "gray_jpeg" }

  static func load(testFile: String = #filePath) throws -> ImageGolden {
    try Reference.json(ImageGolden.self, "image_golden.json", testFile: testFile)
  }

  static func fixture(_ name: String, testFile: String = #filePath) -> URL {
    Reference.url("fixtures/\(name)", testFile: testFile)
  }
}

/// Integer codes of a decoded image (`v · maxCode`, rounded), the form the golden stores.
func integerCodes(_ image: DecodedImage) -> [Int] {
  let scale: Float = image.bitDepth == 16 ? 65535 : 255
  return image.pixels.map { Int(($0 * scale).rounded()) }
}

/// Per-channel sum, min and max of integer codes.
func channelStats(_ codes: [Int], channels: Int) -> (sum: [Int], min: [Int], max: [Int]) {
  var sum = [Int](repeating: 0, count: channels)
  var lo = [Int](repeating: Int.max, count: channels), hi = [Int](repeating: Int.min, count: channels)
  for (i, v) in codes.enumerated() {
    let c = i % channels
    sum[c] += v
    lo[c] = Swift.min(lo[c], v)
    hi[c] = Swift.max(hi[c], v)
  }
  return (sum, lo, hi)
}
