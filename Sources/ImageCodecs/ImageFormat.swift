// galmorph — ImageCodecs
//
// Recognising a file's format from its first bytes, never from its extension.

/// The image container formats this module reads.
public enum ImageFormat: String, Codable, Sendable, CaseIterable {
  case jpeg
  case png

  /// The format whose signature starts `bytes`, or nil.
  ///
  /// JPEG: the SOI marker `FF D8 FF` (ITU-T T.81 §B.1.1.2, JFIF/Exif both start so). PNG: the 8-byte signature
  /// `89 50 4E 47 0D 0A 1A 0A` (PNG spec §5.2). Sniffing the content rather than trusting the extension means a PNG
  /// saved as `.jpg` (common in scraped cutout sets) still decodes.
  public static func sniff<C: Collection>(_ bytes: C) -> ImageFormat? where C.Element == UInt8 {
    let head = Array(bytes.prefix(8))
    if head.count >= 3, head[0] == 0xFF, head[1] == 0xD8, head[2] == 0xFF { return .jpeg }
    if head == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] { return .png }
    return nil
  }
}
