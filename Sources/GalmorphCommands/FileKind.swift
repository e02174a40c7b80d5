// galmorph — GalmorphCommands
//
// Which reader a file needs, decided from its first bytes (magic numbers), falling back to the extension.

import Foundation

/// The file formats galmorph reads.
enum FileKind: String, Codable, Sendable {
  case fits, hdf5, jpeg, png, csv, tsv

  /// Sniffs `url`: FITS (`SIMPLE  =` in the first card, also inside gzip when the name ends in `.fits.gz`/`.fz`),
  /// HDF5 (the 8-byte signature `\x89HDF\r\n\x1a\n` at offset 0, 512, 1024, … — files may carry a user block, as
  /// MATLAB 7.3 files do), JPEG (`FF D8 FF`), PNG (`89 50 4E 47 0D 0A 1A 0A`); otherwise CSV/TSV by extension
  /// (`.csv`, `.tsv`, `.txt`, each optionally `.gz`). Throws when the file is missing or of none of these kinds.
  static func detect(_ url: URL) throws -> FileKind {
    guard let handle = try? FileHandle(forReadingFrom: url) else {
      throw CommandError.input(path: url.path, reason: "cannot open the file (missing or unreadable)")
    }
    defer { try? handle.close() }
    let head = (try? handle.read(upToCount: 2880)) ?? Data()
    let bytes = [UInt8](head)
    func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
      bytes.count >= offset + magic.count && Array(bytes[offset..<offset + magic.count]) == magic
    }
    if starts(Array("SIMPLE  =".utf8)) { return .fits }
    if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
    if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
    let hdf5Signature: [UInt8] = [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A]
    if starts(hdf5Signature) { return .hdf5 }
    // User blocks are 512 · 2^k bytes; look a little further for them.
    var offset = 512
    while offset <= 8192 {
      try? handle.seek(toOffset: UInt64(offset))
      if let sig = try? handle.read(upToCount: 8), [UInt8](sig) == hdf5Signature { return .hdf5 }
      offset *= 2
    }
    let name = url.lastPathComponent.lowercased()
    let base = name.hasSuffix(".gz") ? String(name.dropLast(3)) : name
    if base.hasSuffix(".fits") || base.hasSuffix(".fit") || base.hasSuffix(".fts") || name.hasSuffix(".fz") { return .fits }
    if base.hasSuffix(".tsv") || base.hasSuffix(".tab") { return .tsv }
    if base.hasSuffix(".csv") || base.hasSuffix(".txt") || base.hasSuffix(".ecsv") { return .csv }
    throw CommandError.input(path: url.path, reason: "unknown file type: expected FITS, HDF5, JPEG, PNG or CSV/TSV(.gz)")
  }
}

/// Errors of the command layer (input files and option combinations); data errors of the libraries pass through.
enum CommandError: Error, CustomStringConvertible {
  case input(path: String, reason: String)
  case usage(String)
  /// A complete message from elsewhere (e.g. a child process), shown as it is.
  case message(String)

  var description: String {
    switch self {
    case let .input(path, reason): return "\(path): \(reason)"
    case let .usage(text), let .message(text): return text
    }
  }
}
