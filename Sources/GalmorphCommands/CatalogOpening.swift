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
}
