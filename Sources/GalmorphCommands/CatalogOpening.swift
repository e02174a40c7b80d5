// galmorph — GalmorphCommands
//
// Choosing the CatalogReader backend for a catalog file.

import CatalogIO
import Foundation

/// Opens catalogs through the `CatalogReader` backend their format needs.
///
/// CSV/TSV (optionally gzip-compressed) go to `CSVCatalogReader`. FITS binary tables and HDF5 tables are detected
/// (`FileKind.detect`) and plug in here when CatalogIO gains their backends; until then they are refused with a
/// message saying so. Everything downstream (`LabelledSample.load`) sees only `any CatalogReader`.
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
