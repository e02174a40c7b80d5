// galmorph — ImageCodecs
//
// What `galmorph inspect` shows about an image, read from the headers only.

import Foundation

/// The format and geometry of an image file, read from its header without decoding pixels.
///
/// - JPEG: from `tjDecompressHeader3` (the SOF marker): channels are 1 for grayscale and 3 for YCbCr/RGB, 4 for
///   CMYK/YCCK; bit depth is 8 (libjpeg-turbo 2.1 decodes 8-bit JPEG only); `chromaSubsampling` names the
///   subsampling (`4:4:4`, `4:2:2`, `4:2:0`, `gray`, `4:4:0`, `4:1:1`).
/// - PNG: from the IHDR chunk (PNG spec §11.2.2): bit depth 1, 2, 4, 8 or 16 as stored; channels as the decoder
///   returns them (palette images count as RGB, or RGBA with a tRNS chunk); `interlaced` is true for Adam7.
public struct ImageInfo: Codable, Sendable, Equatable {
  public var format: ImageFormat
  public var width: Int
  public var height: Int
  /// Channels `ImageDecoder.decode` returns in `.native` mode.
  public var channels: Int
  /// Bits per sample as stored in the file.
  public var bitDepth: Int
  /// PNG only: Adam7 interlacing.
  public var interlaced: Bool?
  /// JPEG only: the chroma subsampling.
  public var chromaSubsampling: String?

  enum CodingKeys: String, CodingKey {
    case format, width, height, channels, interlaced
    case bitDepth = "bit_depth", chromaSubsampling = "chroma_subsampling"
  }

  public init(
    format: ImageFormat, width: Int, height: Int, channels: Int, bitDepth: Int,
    interlaced: Bool? = nil, chromaSubsampling: String? = nil
  ) {
    self.format = format
    self.width = width
    self.height = height
    self.channels = channels
    self.bitDepth = bitDepth
    self.interlaced = interlaced
    self.chromaSubsampling = chromaSubsampling
  }

  /// One line for humans, e.g. `jpeg 424×424, 3 channels, 8-bit, 4:2:0`.
  public var summary: String {
    var s = "\(format.rawValue) \(width)×\(height), \(channels) channel\(channels == 1 ? "" : "s"), \(bitDepth)-bit"
    if let chromaSubsampling { s += ", \(chromaSubsampling)" }
    if interlaced == true { s += ", interlaced" }
    return s
  }
}
