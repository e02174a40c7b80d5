// galmorph — GalmorphCommands
//
// Which reader a file needs, decided from its first bytes (magic numbers), falling back to the extension.

import Foundation
import GalmorphSupport

/// The file formats galmorph reads.
enum FileKind: String, Codable, Sendable {
  case fits, hdf5, jpeg, png, csv, tsv

  /// Sniffs `url` (``FileSignature``: FITS, HDF5 also behind a user block, JPEG, PNG; a gzipped FITS by its name
  /// `.fits.gz`/`.fz`); otherwise CSV/TSV by extension
  /// (`.csv`, `.tsv`, `.txt`, each optionally `.gz`). Throws when the file is missing or of none of these kinds.
  static func detect(_ url: URL) throws -> FileKind {
    let signature: FileSignature?
    do { signature = try FileSignature.detect(url) } catch {
      throw CommandError.input(path: url.path, reason: "cannot open the file (missing or unreadable)")
    }
    switch signature {
    case .fits: return .fits
    case .hdf5: return .hdf5
    case .jpeg: return .jpeg
    case .png: return .png
    case nil: break
    }
    let name = url.lastPathComponent.lowercased()
    let base = name.hasSuffix(".gz") ? String(name.dropLast(3)) : name
    if base.hasSuffix(".fits") || base.hasSuffix(".fit") || base.hasSuffix(".fts") || name.hasSuffix(".fz") {
      return .fits
    }
    if base.hasSuffix(".tsv") || base.hasSuffix(".tab") { return .tsv }
    if base.hasSuffix(".csv") || base.hasSuffix(".txt") || base.hasSuffix(".ecsv") { return .csv }
    throw CommandError.input(
      path: url.path, reason: "unknown file type: expected FITS, HDF5, JPEG, PNG or CSV/TSV(.gz)")
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
