// galmorph — ImageCodecs
//
// JPEG decoding through libjpeg-turbo's TurboJPEG API (Debian 12: libturbojpeg 2.1.5, the tj*2/tj*3 API).

import CTurboJPEG

/// JPEG decoding with the same settings as Pillow, so pixels match Pillow's to the bit.
///
/// Settings: the accurate integer inverse DCT (`JDCT_ISLOW`, `TJFLAG_ACCURATEDCT`) and "fancy" (triangle-filter)
/// chroma upsampling (no `TJFLAG_FASTUPSAMPLE`) — libjpeg's defaults, which Pillow keeps. `TJFLAG_LIMITSCANS`
/// rejects progressive files with more than 500 scans (a known denial-of-service pattern).
///
/// Strictness: libjpeg treats a truncated stream or corrupt entropy data as a *warning* (it pads the missing rows
/// with grey and goes on); TurboJPEG then returns −1 with `TJERR_WARNING`. Here every warning is an error, so a
/// cutout that lost its tail is rejected rather than silently trained on. Reference: libjpeg-turbo `turbojpeg.h`
/// (2.1), ITU-T T.81.
enum JPEGCodec {
  static func info(_ bytes: [UInt8], path: String) throws -> ImageInfo {
    let header = try withDecompressor(path: path) { handle in try readHeader(handle, bytes, path: path) }
    return ImageInfo(
      format: .jpeg, width: header.width, height: header.height, channels: header.channels,
      bitDepth: 8, chromaSubsampling: header.subsampling)
  }

  static func decode(_ bytes: [UInt8], path: String, rgb: Bool) throws -> DecodedImage {
    try withDecompressor(path: path) { handle in
      let header = try readHeader(handle, bytes, path: path)
      guard header.channels != 4 else {
        throw ImageCodecsError.unsupported(path: path, reason: "CMYK/YCCK JPEG; convert it to RGB first")
      }
      let channels = rgb ? 3 : header.channels
      let format = channels == 1 ? TJPF_GRAY : TJPF_RGB
      let count = header.width * header.height * channels
      var raw = [UInt8](repeating: 0, count: count)
      let flags = TJFLAG_ACCURATEDCT | TJFLAG_LIMITSCANS
      let status = bytes.withUnsafeBufferPointer { src in
        raw.withUnsafeMutableBufferPointer { dst in
          tjDecompress2(
            handle, src.baseAddress, UInt(src.count), dst.baseAddress, Int32(header.width), 0,
            Int32(header.height), Int32(format.rawValue), flags)
        }
      }
      if status != 0 { throw failure(handle, path: path) }
      let pixels = raw.withUnsafeBufferPointer { SampleScaling.floats(from: $0) }
      return DecodedImage(width: header.width, height: header.height, channels: channels, bitDepth: 8, pixels: pixels)
    }
  }

  struct Header {
    var width: Int, height: Int, channels: Int, subsampling: String
  }

  static func readHeader(_ handle: tjhandle, _ bytes: [UInt8], path: String) throws -> Header {
    var w: Int32 = 0, h: Int32 = 0, subsamp: Int32 = 0, colorspace: Int32 = 0
    let status = bytes.withUnsafeBufferPointer { src in
      tjDecompressHeader3(handle, src.baseAddress, UInt(src.count), &w, &h, &subsamp, &colorspace)
    }
    if status != 0 { throw failure(handle, path: path) }
    // A stream without a frame header "succeeds" with a 0×0 size and only a warning: report that warning.
    if w <= 0 || h <= 0 { throw failure(handle, path: path) }
    guard Int(w) * Int(h) <= ImageDecoder.maxPixels else {
      throw ImageCodecsError.unsupported(
        path: path, reason: "size \(w)×\(h) outside 1…\(ImageDecoder.maxPixels) pixels")
    }
    let channels: Int
    switch UInt32(colorspace) {
    case TJCS_GRAY.rawValue: channels = 1
    case TJCS_CMYK.rawValue, TJCS_YCCK.rawValue: channels = 4
    default: channels = 3
    }
    let names = ["4:4:4", "4:2:2", "4:2:0", "gray", "4:4:0", "4:1:1"]
    let sub = subsamp >= 0 && Int(subsamp) < names.count ? names[Int(subsamp)] : "unknown"
    return Header(width: Int(w), height: Int(h), channels: channels, subsampling: sub)
  }

  static func failure(_ handle: tjhandle, path: String) -> ImageCodecsError {
    let message = tjGetErrorStr2(handle).map { String(cString: $0) } ?? "unknown TurboJPEG error"
    let kind = tjGetErrorCode(handle) == Int32(TJERR_WARNING.rawValue) ? "libjpeg warning" : "libjpeg error"
    return .corruptJPEG(path: path, reason: "\(kind): \(message)")
  }

  static func withDecompressor<R>(path: String, _ body: (tjhandle) throws -> R) throws -> R {
    guard let handle = tjInitDecompress() else {
      throw ImageCodecsError.unsupported(path: path, reason: "tjInitDecompress failed (out of memory?)")
    }
    defer { tjDestroy(handle) }
    return try body(handle)
  }
}
