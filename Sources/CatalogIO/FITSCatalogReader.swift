// galmorph — CatalogIO
//
// FITS binary (and ASCII) tables as catalogs, through FITSIO.

import FITSIO
import Foundation

/// A FITS table HDU read as a catalog.
///
/// The HDU is the one named by `hdu` (index or EXTNAME), else the first table HDU of the file. Scalar columns
/// (repeat count 1) are catalog columns; vector, complex and variable-length columns are listed in `skippedColumns`
/// and not offered (a catalog cell holds one value). Floating-point NaN and empty strings read as missing (`nil`);
/// integer columns return their stored values (TNULL is not applied, as in FITSIO). Logical nulls are missing.
public struct FITSCatalogReader: CatalogReader {
  public let source: String
  public let hdu: FITSHDU
  public let columnNames: [String]
  public let rowCount: Int?
  /// Columns present in the table but not readable as catalog columns, with the reason.
  public let skippedColumns: [String: String]
  /// TUNITn per column (empty when absent).
  public let units: [String: String]
  private let file: FITSFile
  private let kinds: [String: FITSColumnKind]

  public init(url: URL, hdu requested: FITSHDU? = nil) throws {
    file = try FITSFile(url: url)
    source = url.path
    let chosen: FITSHDU
    if let requested {
      chosen = requested
    } else if let first = try file.hdus().first(where: { $0.kind == .binaryTable || $0.kind == .asciiTable }) {
      chosen = .index(first.index)
    } else {
      throw CatalogIOError.unreadable(path: url.path, reason: "no table HDU in this FITS file (it holds images only)")
    }
    hdu = chosen
    let info = try file.tableInfo(chosen)
    var names: [String] = [], skipped: [String: String] = [:], units: [String: String] = [:]
    var kinds: [String: FITSColumnKind] = [:]
    for c in info.columns {
      if c.kind == .unsupported {
        skipped[c.name] = "unsupported column type TFORM \(c.tform)"
      } else if c.repeatCount != 1 && c.kind != .string {
        skipped[c.name] = "vector column (\(c.repeatCount) values per row)"
      } else {
        names.append(c.name)
        units[c.name] = c.unit
        kinds[c.name] = c.kind
      }
    }
    columnNames = names
    rowCount = info.rowCount
    skippedColumns = skipped
    self.units = units
    self.kinds = kinds
  }

  public func readColumn(_ name: String, rows: Range<Int>) throws -> CatalogColumn {
    let resolved = try resolveColumn(name)
    let total = rowCount ?? 0
    let r = min(rows.lowerBound, total)..<min(rows.upperBound, total)
    if r.isEmpty { return FITSCatalogReader.empty(kinds[resolved] ?? .double) }
    let column = try file.readColumn(resolved, hdu: hdu, rows: r)
    switch column.values {
    case let .double(v): return .doubles(v.map { $0.isNaN ? nil : $0 })
    case let .integer(v): return .int64s(v.map { Optional($0) })
    case let .string(v): return .strings(v.map { $0.isEmpty ? nil : $0 })
    case let .logical(v): return .bools(v)
    }
  }

  static func empty(_ kind: FITSColumnKind) -> CatalogColumn {
    switch kind {
    case .integer: return .int64s([])
    case .string: return .strings([])
    case .logical: return .bools([])
    default: return .doubles([])
    }
  }
}
