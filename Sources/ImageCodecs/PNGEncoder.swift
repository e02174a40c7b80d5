// galmorph — ImageCodecs
//
// PNG writing through libpng's simplified API (png_image_write_to_memory), then an atomic rename into place.

import CPNG
import Foundation
import GalmorphSupport

/// Writes 8-bit PNG images (gray, gray+alpha, RGB, RGBA) from HWC pixel buffers.
///
/// libpng's simplified writer marks 8-bit output as sRGB (an `sRGB` chunk), uses zlib's default compression and
/// adaptive filtering, and never interlaces. Files are written with `AtomicFile.write`, so an error or a kill never
/// leaves a partial PNG at the destination.
public enum PNGEncoder {
  /// PNG bytes for `bytes` (HWC, `height * width * channels` samples, top row first), `channels` 1…4.
  public static func encode(_ bytes: [UInt8], width: Int, height: Int, channels: Int, path: String = "<memory>")
    throws -> [UInt8]
  {
    guard (1...4).contains(channels) else {
      throw ImageCodecsError.encodeFailed(
        path: path, reason: "channels must be 1 (gray), 2 (gray+alpha), 3 (RGB) or 4 (RGBA), got \(channels)")
    }
    guard width > 0, height > 0, width <= Int(Int32.max) / channels, height <= Int(Int32.max) else {
      throw ImageCodecsError.encodeFailed(path: path, reason: "invalid size \(width)×\(height)")
    }
    guard bytes.count == width * height * channels else {
      throw ImageCodecsError.encodeFailed(
        path: path,
        reason: "\(bytes.count) samples given for \(width)×\(height)×\(channels) = \(width * height * channels)")
    }
    var image = png_image()
    image.version = UInt32(PNG_IMAGE_VERSION)
    image.width = UInt32(width)
    image.height = UInt32(height)
    image.format =
      [
        UInt32(PNG_FORMAT_GRAY), UInt32(PNG_FORMAT_GA), UInt32(PNG_FORMAT_RGB),
        UInt32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA),
      ][channels - 1]
    return try bytes.withUnsafeBytes { src -> [UInt8] in
      var size: png_alloc_size_t = 0
      guard png_image_write_to_memory(&image, nil, &size, 0, src.baseAddress, 0, nil) != 0, size > 0 else {
        throw ImageCodecsError.encodeFailed(path: path, reason: PNGCodec.message(image))
      }
      var out = [UInt8](repeating: 0, count: Int(size))
      let ok = out.withUnsafeMutableBytes { dst in
        png_image_write_to_memory(&image, dst.baseAddress, &size, 0, src.baseAddress, 0, nil)
      }
      guard ok != 0 else { throw ImageCodecsError.encodeFailed(path: path, reason: PNGCodec.message(image)) }
      return Array(out.prefix(Int(size)))
    }
  }

  /// Writes `bytes` (HWC, 8-bit) as a PNG at `url`, atomically.
  public static func write(_ bytes: [UInt8], width: Int, height: Int, channels: Int, to url: URL) throws {
    let png = try encode(bytes, width: width, height: height, channels: channels, path: url.path)
    try AtomicFile.write(Data(png), to: url)
  }

  /// Writes Float samples (HWC, nominally in [0, 1]) as an 8-bit PNG at `url`, atomically. Each sample is stored as
  /// `round(clamp(v, 0, 1) · 255)` (NaN → 0), the inverse of the decoder's `v / 255`.
  public static func write(_ floats: [Float], width: Int, height: Int, channels: Int, to url: URL) throws {
    try write(SampleScaling.bytes(from: floats), width: width, height: height, channels: channels, to: url)
  }

  /// Writes a decoded image as an 8-bit PNG at `url`, atomically (16-bit sources are rounded to 8 bits).
  public static func write(_ image: DecodedImage, to url: URL) throws {
    try write(image.pixels, width: image.width, height: image.height, channels: image.channels, to: url)
  }
}
