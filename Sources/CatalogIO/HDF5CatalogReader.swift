// galmorph — CatalogIO
//
// HDF5 files as catalogs, through HDF5IO: a group of 1-D datasets, or one compound (table) dataset.

import Foundation
import HDF5IO

/// An HDF5 catalog in one of two layouts, chosen automatically:
///
/// - **Columns as datasets** (the Galaxy10 layout: `ans`, `ra`, `dec`, … beside an `images` stack): every 1-D
///   dataset in `group` (default the root) whose length equals the catalog's row count is a column. The row count is
///   the leading dimension of `images` when present, else the most common length of the 1-D datasets.
/// - **A table**: a 1-D compound dataset (PyTables, astropy `write_table_hdf5`); its numeric and string fields are
///   the columns. Selected by passing its path as `table`, or found automatically when the group holds no 1-D
///   numeric datasets.
///
/// Integer datasets read as `int64`, floating point as `double` (NaN → missing), strings as strings, enumerations
/// as their integer values.
public struct HDF5CatalogReader: CatalogReader {
  public let source: String
  public let columnNames: [String]
  public let rowCount: Int?
  /// The dataset path of each column (columns-as-datasets), or the compound dataset (table layout).
  public let layoutDescription: String
  private let file: HDF5File
  private let datasetPaths: [String: String]
  private let table: String?
  private let types: [String: HDF5DataType]

  public init(url: URL, group: String = "/", table: String? = nil) throws {
    file = try HDF5File(url: url)
    source = url.path
    let base = group.hasSuffix("/") ? group : group + "/"
    var oneD: [(name: String, path: String, ds: HDF5Dataset)] = []
    var compound: String?
    var imagesLength: Int?
    for name in try file.memberNames(of: group) {
      let path = base + name
      guard let ds = try? file.dataset(path) else { continue }
      if name == "images", let n = ds.shape.first { imagesLength = n }
      if ds.shape.count == 1 {
        if case .compound = ds.dataType { compound = compound ?? path; continue }
        if ds.dataType.isNumeric || ds.dataType.isString { oneD.append((name, path, ds)) }
        if case .enumeration = ds.dataType { oneD.append((name, path, ds)) }
      }
    }
    if let tablePath = table ?? (oneD.isEmpty ? compound : nil) {
      let ds = try file.dataset(tablePath)
      (columnNames, types) = HDF5CatalogReader.fields(of: ds)
      rowCount = ds.shape.first ?? 0
      self.table = tablePath
      datasetPaths = [:]
      layoutDescription = "table \(tablePath)"
      return
    }
    var counts: [Int: Int] = [:]
    for c in oneD { counts[c.ds.shape[0], default: 0] += 1 }
    guard
      let n = imagesLength ?? counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key < $1.key) })?.key
    else {
      throw CatalogIOError.unreadable(
        path: url.path, reason: "no 1-D datasets or table dataset in group '\(group)' to use as catalog columns")
    }
    let chosen = oneD.filter { $0.ds.shape[0] == n }
    columnNames = chosen.map(\.name)
    datasetPaths = Dictionary(uniqueKeysWithValues: chosen.map { ($0.name, $0.path) })
    types = Dictionary(uniqueKeysWithValues: chosen.map { ($0.name, $0.ds.dataType) })
    rowCount = n
    self.table = nil
    layoutDescription = "datasets in \(group)"
  }

  static func fields(of ds: HDF5Dataset) -> ([String], [String: HDF5DataType]) {
    guard case let .compound(members) = ds.dataType else { return ([], [:]) }
    let usable = members.filter { $0.type.isNumeric || $0.type.isString }
    return (usable.map(\.name), Dictionary(usable.map { ($0.name, $0.type) }) { a, _ in a })
  }

  public func readColumn(_ name: String, rows: Range<Int>) throws -> CatalogColumn {
    let resolved = try resolveColumn(name)
    let total = rowCount ?? 0
    let r = min(rows.lowerBound, total)..<min(rows.upperBound, total)
    let type = types[resolved] ?? .other(typeClass: -1, bytes: 0)
    if let table {
      let ds = try file.dataset(table)
      if type.isString { return .strings(Array(try ds.readStringField(resolved)[r]).map { $0.isEmpty ? nil : $0 }) }
      if case .float = type {
        return .doubles(try ds.readField(resolved, rows: r, as: Double.self).map { $0.isNaN ? nil : $0 })
      }
      return .int64s(try ds.readField(resolved, rows: r, as: Int64.self).map { Optional($0) })
    }
    guard let path = datasetPaths[resolved] else {
      throw CatalogIOError.columnNotFound(path: source, column: name, available: columnNames, option: nil)
    }
    let ds = try file.dataset(path)
    if r.isEmpty {
      return type.isString ? .strings([]) : (HDF5CatalogReader.isFloat(type) ? .doubles([]) : .int64s([]))
    }
    if type.isString { return .strings(Array(try ds.readStrings()[r]).map { $0.isEmpty ? nil : $0 }) }
    if HDF5CatalogReader.isFloat(type) {
      return .doubles(try ds.read(rows: r, as: Double.self).map { $0.isNaN ? nil : $0 })
    }
    return .int64s(try ds.read(rows: r, as: Int64.self).map { Optional($0) })
  }

  static func isFloat(_ t: HDF5DataType) -> Bool {
    if case .float = t { return true }
    return false
  }
}
