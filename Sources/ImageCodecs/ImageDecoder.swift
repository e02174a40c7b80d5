// galmorph — ImageCodecs
//
// The entry points: decode a JPEG or PNG file (format sniffed from its bytes) or read its header.

import Foundation

/// How many channels the decoder returns.
public enum ChannelMode: Sendable, Equatable {
  /// As stored: 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA (PNG palettes expand to RGB, or RGBA with tRNS).
  case native
  /// Always 3 channels (RGB), converted as Pillow's `convert("RGB")`: gray replicated, alpha dropped. The CNN
  /// input is RGB, so mixed gray/colour cutout sets become one shape.
  case rgb
}

/// Decodes JPEG (libjpeg-turbo's TurboJPEG API) and PNG (libpng's simplified API) images to `DecodedImage`.
///
/// The whole file is read into memory first (cutouts are kilobytes to a few megabytes); decoding then runs from the
/// buffer, so a file that changes while being read cannot confuse the C libraries. Stateless and thread-safe: each
/// call creates and frees its own decoder handle, so batches may be decoded concurrently.
public enum ImageDecoder {
  /// Largest accepted image, in pixels (width × height): 2^28 (16384 × 16384), a guard against corrupt headers
  /// that claim gigapixel sizes and would otherwise trigger huge allocations.
  public static let maxPixels = 1 << 28

  /// Decodes the image at `url`.
  ///
  /// - Throws: `ImageCodecsError` naming the file when it cannot be read, is neither JPEG nor PNG, is corrupt or
  ///   truncated (a truncated JPEG is an error, although libjpeg-turbo only warns and pads with grey), or has an
  ///   unsupported layout.
  public static func decode(contentsOf url: URL, channels mode: ChannelMode = .native) throws -> DecodedImage {
    let bytes = try readBytes(url)
    return try decode(bytes: bytes, path: url.path, channels: mode)
  }

  /// Decodes an image held in memory; `path` is used only in error messages.
  public static func decode(bytes: [UInt8], path: String = "<memory>", channels mode: ChannelMode = .native) throws
    -> DecodedImage
  {
    let image: DecodedImage
    switch ImageFormat.sniff(bytes) {
    case .jpeg: image = try JPEGCodec.decode(bytes, path: path, rgb: mode == .rgb)
    case .png: image = try PNGCodec.decode(bytes, path: path)
    case nil: throw ImageCodecsError.unknownFormat(path: path)
    }
    return mode == .rgb ? image.rgb() : image
  }

  /// Reads the header of the image at `url` without decoding its pixels.
  public static func info(contentsOf url: URL) throws -> ImageInfo {
    try info(bytes: try readBytes(url), path: url.path)
  }

  /// Reads the header of an in-memory image; `path` is used only in error messages.
  public static func info(bytes: [UInt8], path: String = "<memory>") throws -> ImageInfo {
    switch ImageFormat.sniff(bytes) {
    case .jpeg: return try JPEGCodec.info(bytes, path: path)
    case .png: return try PNGCodec.info(bytes, path: path)
    case nil: throw ImageCodecsError.unknownFormat(path: path)
    }
  }

  static func readBytes(_ url: URL) throws -> [UInt8] {
    do {
      return [UInt8](try Data(contentsOf: url))
    } catch {
      let reason = FileManager.default.fileExists(atPath: url.path) ? error.localizedDescription : "no such file"
      throw ImageCodecsError.unreadable(path: url.path, reason: reason)
    }
  }
}
