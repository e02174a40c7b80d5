// galmorph — GalmorphCommands
//
// Choosing the CatalogReader backend for a catalog file.

import CatalogIO
import Foundation

/// Opens catalogs through the `CatalogReader` backend their format needs.
///
/// CSV/TSV(.gz), FITS tables and HDF5 catalogs go through `CatalogIO.CatalogFile.open` (format sniffed from the
/// first bytes); images are refused with a message. Everything downstream sees only `any CatalogReader`.
enum CatalogOpening {
  static func reader(for url: URL) throws -> any CatalogReader {
    switch try FileKind.detect(url) {
    case .csv, .tsv, .fits, .hdf5:
      return try CatalogFile.open(url)
    case .jpeg, .png:
      throw CommandError.input(path: url.path, reason: "this is an image, not a catalog; pass a CSV/TSV(.gz) catalog")
    }
  }

  /// The finite numbers of `column`, read from `url` (named in errors with its 1-based data row).
  static func finiteNumbers(_ column: CatalogColumn, name: String, url: URL) throws -> [Double] {
    guard let values = column.doubleValues else {
      throw CommandError.input(path: url.path, reason: "column \(name) is not numeric")
    }
    return try values.enumerated().map { i, v in
      guard let v, v.isFinite else {
        throw CatalogIOError.invalidValue(
          path: url.path, row: i + 1, column: name, value: v.map { "\($0)" } ?? "", reason: "missing or not finite")
      }
      return v
    }
  }

  /// Every row's value of the numeric column `name` of a catalog (case-insensitive name; `option` is named when it
  /// is missing).
  static func numericColumn(_ name: String, of url: URL, option: String) throws -> [Double] {
    let reader = try reader(for: url)
    let resolved = try reader.resolveColumn(name, option: option)
    return try finiteNumbers(try reader.readAll([resolved])[0], name: resolved, url: url)
  }
}
