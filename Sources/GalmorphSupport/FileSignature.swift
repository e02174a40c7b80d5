// galmorph — GalmorphSupport
//
// Recognising a file's container format from its first bytes (magic numbers), never from its name: the one sniffer
// behind catalogs (CatalogIO.CatalogFormat), images (ImageCodecs.ImageFormat) and `galmorph inspect`.

import Foundation

/// The binary containers galmorph reads, by signature.
///
/// - FITS: the first card starts `SIMPLE  =` (FITS Standard 4.0, §4.4.1.1).
/// - HDF5: the 8-byte superblock signature `89 48 44 46 0D 0A 1A 0A` at offset 0 or, behind a user block (MATLAB 7.3
///   files carry one), at 512·2ᵏ bytes (HDF5 File Format Specification 3.0, §II.A); ``detect(_:)`` looks up to 8 KiB.
/// - JPEG: the SOI marker `FF D8 FF` (ITU-T T.81 §B.1.1.2; JFIF and Exif both start so).
/// - PNG: the 8-byte signature `89 50 4E 47 0D 0A 1A 0A` (PNG specification §5.2).
public enum FileSignature: String, Sendable, CaseIterable {
  case fits, hdf5, jpeg, png

  static let fitsMagic = Array("SIMPLE  =".utf8)
  static let hdf5Magic: [UInt8] = [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A]
  static let jpegMagic: [UInt8] = [0xFF, 0xD8, 0xFF]
  static let pngMagic: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

  /// The format whose signature starts `bytes` (HDF5 only at offset 0), or nil.
  public static func of<C: Collection>(_ bytes: C) -> FileSignature? where C.Element == UInt8 {
    let head = Array(bytes.prefix(9))
    if head.starts(with: fitsMagic) { return .fits }
    if head.starts(with: jpegMagic) { return .jpeg }
    if head.starts(with: pngMagic) { return .png }
    if head.starts(with: hdf5Magic) { return .hdf5 }
    return nil
  }

  /// The format of the file at `url` from its first bytes, HDF5 also behind a user block; nil for anything else
  /// (text catalogs among them). Throws ``SupportError/io(path:reason:)`` when the file cannot be opened.
  public static func detect(_ url: URL) throws -> FileSignature? {
    guard let handle = try? FileHandle(forReadingFrom: url) else {
      throw SupportError.io(path: url.path, reason: "cannot open the file (missing or unreadable)")
    }
    defer { try? handle.close() }
    if let kind = of((try? handle.read(upToCount: 16)) ?? Data()) { return kind }
    var offset: UInt64 = 512
    while offset <= 8192 {
      try? handle.seek(toOffset: offset)
      if let d = try? handle.read(upToCount: 8), [UInt8](d) == hdf5Magic { return .hdf5 }
      offset *= 2
    }
    return nil
  }
}
