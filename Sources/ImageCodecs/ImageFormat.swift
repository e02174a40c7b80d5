// galmorph — ImageCodecs
//
// Recognising a file's format from its first bytes, never from its extension.

import GalmorphSupport

/// The image container formats this module reads.
public enum ImageFormat: String, Codable, Sendable, CaseIterable {
  case jpeg
  case png

  /// The format whose signature starts `bytes`, or nil (``FileSignature``: JPEG `FF D8 FF`, PNG `89 50 4E 47 0D 0A 1A 0A`).
  /// Sniffing the content rather than trusting the extension means a PNG saved as `.jpg` (common in scraped cutout
  /// sets) still decodes.
  public static func sniff<C: Collection>(_ bytes: C) -> ImageFormat? where C.Element == UInt8 {
    switch FileSignature.of(bytes) {
    case .jpeg: return .jpeg
    case .png: return .png
    case .fits, .hdf5, nil: return nil
    }
  }
}
