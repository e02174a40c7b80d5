// galmorph — MorphologyClassifier
//
// The text columns of a labelled cutout catalog, read through CatalogIO in any supported format.
import CatalogIO
import Foundation
import GalmorphSupport

/// The image, label and optional columns of a catalog as verbatim text, with labels mapped.
///
/// CSV/TSV(.gz) catalogs are read with `CSVReader` (so messages cite the file's line numbers); FITS binary tables
/// and HDF5 catalogs through `CatalogFile.open` (messages cite 1-based data rows). Image paths are relative to the
/// catalog's folder unless absolute.
struct CatalogText {
  let url: URL
  let header: [String]
  /// Resolved column names.
  let imageColumn: String, labelColumn: String
  /// Per data row: image path, raw label, and each requested extra column.
  let images: [String], rawLabels: [String]
  let extra: [String: [String]]
  /// Per data row: 1 spiral, 0 elliptical, nil dropped.
  let mapped: [Int?]
  let dropped: [String: Int]
  /// Data rows with a class, in catalog order.
  let keep: [Int]
  let sha256: String
  /// CSV line of each data row (nil for FITS/HDF5).
  let lines: [Int]?

  var path: String { url.path }

  /// "line L" (CSV) or "row R" plus the image column, for messages.
  func location(_ i: Int) -> String {
    let at = lines.map { "line \($0[i])" } ?? "row \(i + 1)"
    return "catalog \(path), \(at), column '\(imageColumn)'"
  }

  func imageURL(_ i: Int) -> URL {
    let p = images[i].trimmingCharacters(in: .whitespaces)
    return p.hasPrefix("/") ? URL(fileURLWithPath: p) : url.deletingLastPathComponent().appendingPathComponent(p)
  }

  /// Reads `url`; `extra` names further columns to keep as text (vote fraction, split, id).
  static func read(_ url: URL, columns: CatalogColumns, mapping: LabelMapping = .init(), extra: [String] = []) throws
    -> CatalogText
  {
    let path = url.path
    var header: [String]
    var table: [[String]]
    var lines: [Int]? = nil
    if try CatalogFormat.detect(url) == .csv {
      let reader = try CSVReader(url: url)
      header = reader.header
      var rows: [CSVRow] = []
      while let r = try reader.nextRow() { rows.append(r) }
      table = header.indices.map { c in rows.map { c < $0.fields.count ? $0.fields[c] : "" } }
      lines = rows.map(\.line)
    } else {
      let reader: any CatalogReader
      do { reader = try CatalogFile.open(url) } catch {
        throw ClassifierError.invalidInput(path: path, reason: "not a readable catalog: \(error)")
      }
      header = reader.columnNames
      table = Array(repeating: [], count: header.count)
      try reader.forEachChunk(columns: header, verbatim: Set(header), chunkRows: 1 << 15) { chunk in
        for (c, name) in header.enumerated() { table[c] += chunk[name]?.stringValues.map { $0 ?? "" } ?? [] }
      }
    }
    let iImage = try CatalogColumns.resolve(
      columns.image, defaults: CatalogColumns.defaultImageNames, header: header,
      path: path, role: "image")
    let iLabel = try CatalogColumns.resolve(
      columns.label, defaults: CatalogColumns.defaultLabelNames, header: header,
      path: path, role: "label")
    var extraColumns: [String: [String]] = [:]
    for name in extra {
      let i = try CatalogColumns.resolve(name, defaults: [], header: header, path: path, role: name)
      extraColumns[name] = table[i]
    }
    let n = table.first?.count ?? 0
    guard n > 0 else {
      throw ClassifierError.emptyCatalog(path: path, reason: "the catalog has a header but no data rows")
    }
    let (mapped, dropped) = try mapping.apply(table[iLabel], source: path, column: header[iLabel])
    let keep = mapped.indices.filter { mapped[$0] != nil }
    guard !keep.isEmpty else {
      throw ClassifierError.emptyCatalog(
        path: path, reason: "no row has a spiral or elliptical label in column '\(header[iLabel])'")
    }
    return CatalogText(
      url: url, header: header, imageColumn: header[iImage], labelColumn: header[iLabel],
      images: table[iImage], rawLabels: table[iLabel], extra: extraColumns, mapped: mapped,
      dropped: dropped, keep: keep, sha256: try Checksum.sha256(fileAt: url), lines: lines)
  }
}
