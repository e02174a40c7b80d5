// galmorph — ImageCodecs
//
// PNG decoding through libpng's simplified API (png_image_*), which reports errors in the png_image structure
// instead of longjmp-ing across Swift frames.

import CPNG

/// PNG decoding: 1/2/4/8/16-bit gray, gray+alpha, RGB, RGBA and palette images, interlaced or not.
///
/// The simplified API (libpng 1.6, `png.h` "Simplified API") expands palettes to RGB (RGBA when a tRNS chunk is
/// present), sub-byte gray to 8 bits, and de-interlaces Adam7. 8-bit files are returned as stored. 16-bit files are
/// read in libpng's "linear" 16-bit format: without a gAMA chunk they are returned as stored, but with an alpha
/// channel libpng premultiplies colour by alpha; this module undoes that (`c = round(c′·65535/α)`, and 0 where
/// α = 0), which is exact for opaque pixels and within 65535/(2α) + 1 codes of the stored value otherwise (libpng
/// rounds the premultiplied value; Pillow reads such files as 8-bit anyway). Files with a gAMA chunk
/// that is not sRGB are gamma-converted to sRGB by libpng (Pillow does not convert) — rare in survey cutouts.
enum PNGCodec {
  /// The PNG file signature (PNG spec §5.2).
  static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

  static func decode(_ bytes: [UInt8], path: String) throws -> DecodedImage {
    try bytes.withUnsafeBufferPointer { src -> DecodedImage in
      var image = png_image()
      image.version = UInt32(PNG_IMAGE_VERSION)
      guard png_image_begin_read_from_memory(&image, src.baseAddress, src.count) != 0 else {
        throw ImageCodecsError.corruptPNG(path: path, reason: message(image))
      }
      let flagAlpha = UInt32(PNG_FORMAT_FLAG_ALPHA), flagColor = UInt32(PNG_FORMAT_FLAG_COLOR)
      let flagLinear = UInt32(PNG_FORMAT_FLAG_LINEAR)
      image.format &= flagAlpha | flagColor | flagLinear  // drops COLORMAP: palettes expand to RGB(A)
      let width = Int(image.width), height = Int(image.height)
      guard width > 0, height > 0, width * height <= ImageDecoder.maxPixels else {
        png_image_free(&image)
        throw ImageCodecsError.unsupported(
          path: path, reason: "size \(width)×\(height) outside 1…\(ImageDecoder.maxPixels) pixels")
      }
      let channels = (image.format & flagColor != 0 ? 3 : 1) + (image.format & flagAlpha != 0 ? 1 : 0)
      let count = width * height * channels
      if image.format & flagLinear == 0 {
        var raw = [UInt8](repeating: 0, count: count)
        let ok = raw.withUnsafeMutableBytes { png_image_finish_read(&image, nil, $0.baseAddress, 0, nil) }
        guard ok != 0 else { throw ImageCodecsError.corruptPNG(path: path, reason: message(image)) }
        let pixels = raw.withUnsafeBufferPointer { SampleScaling.floats(from: $0) }
        return DecodedImage(width: width, height: height, channels: channels, bitDepth: 8, pixels: pixels)
      }
      var raw = [UInt16](repeating: 0, count: count)
      let ok = raw.withUnsafeMutableBytes { png_image_finish_read(&image, nil, $0.baseAddress, 0, nil) }
      guard ok != 0 else { throw ImageCodecsError.corruptPNG(path: path, reason: message(image)) }
      if channels == 2 || channels == 4 { unpremultiply(&raw, channels: channels) }
      let pixels = raw.withUnsafeBufferPointer { SampleScaling.floats(from: $0) }
      return DecodedImage(width: width, height: height, channels: channels, bitDepth: 16, pixels: pixels)
    }
  }

  /// Header facts from IHDR (bit depth, colour type, interlace), validated by libpng reading the chunks before
  /// the image data.
  static func info(_ bytes: [UInt8], path: String) throws -> ImageInfo {
    var image = png_image()
    image.version = UInt32(PNG_IMAGE_VERSION)
    let ok = bytes.withUnsafeBufferPointer { png_image_begin_read_from_memory(&image, $0.baseAddress, $0.count) }
    guard ok != 0 else { throw ImageCodecsError.corruptPNG(path: path, reason: message(image)) }
    let format = image.format
    png_image_free(&image)
    // IHDR is the first chunk (PNG spec §5.6): length(4) "IHDR"(4) width(4) height(4) depth(1) type(1) ...
    guard bytes.count >= 29, bytes[12..<16].elementsEqual(Array("IHDR".utf8)) else {
      throw ImageCodecsError.corruptPNG(path: path, reason: "IHDR chunk missing")
    }
    let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
    let height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
    let channels =
      (format & UInt32(PNG_FORMAT_FLAG_COLOR) != 0 ? 3 : 1)
      + (format & UInt32(PNG_FORMAT_FLAG_ALPHA) != 0 ? 1 : 0)
    return ImageInfo(
      format: .png, width: width, height: height, channels: channels, bitDepth: Int(bytes[24]),
      interlaced: bytes[28] == 1)
  }

  /// Undoes libpng's alpha premultiplication of linear 16-bit output, in place.
  static func unpremultiply(_ raw: inout [UInt16], channels: Int) {
    raw.withUnsafeMutableBufferPointer { p in
      var i = 0
      while i < p.count {
        let alpha = UInt32(p[i + channels - 1])
        for c in 0..<(channels - 1) {
          if alpha == 0 { p[i + c] = 0; continue }
          if alpha == 65535 { continue }
          let v = (UInt32(p[i + c]) * 65535 + alpha / 2) / alpha
          p[i + c] = UInt16(min(v, 65535))
        }
        i += channels
      }
    }
  }

  /// libpng's message from a failed simplified-API call.
  static func message(_ image: png_image) -> String {
    var copy = image.message
    let text = withUnsafeBytes(of: &copy) { raw in
      String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
    }
    return text.isEmpty ? "libpng error" : "libpng: \(text)"
  }
}
