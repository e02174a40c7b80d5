// galmorph — CatalogIO
//
// Opening any supported catalog file with the right backend.

import Foundation
import GalmorphSupport

/// The catalog formats galmorph reads, recognised from the file's first bytes (then its name).
public enum CatalogFormat: String, Codable, Sendable {
  case csv, fits, hdf5

  /// FITS (`SIMPLE  =` at byte 0, or a `.fits.gz`/`.fit.gz` name), HDF5 (its signature at offset 0 or at a user-block
  /// boundary 512·2^k), else CSV/TSV (including `.gz`).
  public static func detect(_ url: URL) throws -> CatalogFormat {
    let signature: FileSignature?
    do { signature = try FileSignature.detect(url) } catch {
      throw CatalogIOError.unreadable(path: url.path, reason: "cannot open the file (missing or unreadable)")
    }
    switch signature {
    case .fits: return .fits
    case .hdf5: return .hdf5
    case .jpeg, .png, nil:
      let name = url.lastPathComponent.lowercased()
      if name.hasSuffix(".fits.gz") || name.hasSuffix(".fit.gz") || name.hasSuffix(".fz") { return .fits }
      return .csv
    }
  }
}

/// Opens catalogs of every supported format.
public enum CatalogFile {
  /// A reader for `url`: CSV/TSV(.gz), a FITS table (`hdu` selects it; default the first table HDU) or HDF5
  /// (`group` of 1-D datasets, or `table` naming a compound dataset).
  public static func open(_ url: URL, hdu: String? = nil, group: String = "/", table: String? = nil) throws
    -> any CatalogReader
  {
    switch try CatalogFormat.detect(url) {
    case .csv: return try CSVCatalogReader(url: url)
    case .fits:
      let selector = hdu.map { Int($0).map(FITSHDUSelector.index) ?? .name($0) }
      return try FITSCatalogReader(url: url, hdu: selector?.hdu)
    case .hdf5: return try HDF5CatalogReader(url: url, group: group, table: table)
    }
  }
}

import FITSIO

/// Parses a `--hdu` option: a number is an HDU index (0 = primary), anything else an EXTNAME.
enum FITSHDUSelector {
  case index(Int), name(String)
  var hdu: FITSHDU {
    switch self {
    case let .index(i): return .index(i)
    case let .name(n): return .name(n)
    }
  }
}
