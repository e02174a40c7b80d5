// galmorph — ImageCodecs
//
// The one error type of the module: every case names the file (or "<memory>") and says what to do.

/// Errors raised while reading or writing JPEG and PNG images.
///
/// Every message starts with the path of the file concerned (or `<memory>` for in-memory data), so a failure inside
/// a batch of thousands of cutouts points at the one bad file.
public enum ImageCodecsError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The file could not be opened or read.
  case unreadable(path: String, reason: String)
  /// The bytes are neither a JPEG nor a PNG (checked by signature).
  case unknownFormat(path: String)
  /// libjpeg-turbo reported an error or a warning (e.g. a truncated file) while reading the JPEG stream.
  case corruptJPEG(path: String, reason: String)
  /// libpng reported an error while reading the PNG stream.
  case corruptPNG(path: String, reason: String)
  /// The image has a layout this module does not decode (e.g. a CMYK JPEG), or its size is unreasonable.
  case unsupported(path: String, reason: String)
  /// Encoding failed, or the pixel buffer passed to the encoder does not match its stated shape.
  case encodeFailed(path: String, reason: String)

  public var description: String {
    switch self {
    case let .unreadable(path, reason):
      return "\(path): cannot read image: \(reason)"
    case let .unknownFormat(path):
      return "\(path): not a JPEG or PNG file (unrecognised signature); check the file or re-download it"
    case let .corruptJPEG(path, reason):
      return "\(path): corrupt or truncated JPEG: \(reason); re-download or drop this cutout"
    case let .corruptPNG(path, reason):
      return "\(path): corrupt or truncated PNG: \(reason); re-download or drop this cutout"
    case let .unsupported(path, reason):
      return "\(path): unsupported image: \(reason)"
    case let .encodeFailed(path, reason):
      return "\(path): cannot write PNG: \(reason)"
    }
  }
}
