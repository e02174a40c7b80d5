// galmorph — SkyStatistics
//
// Positions and binary labels / probabilities read from a catalog, ready for SkyStatistics.

import CatalogIO
import Foundation
import SkyGeometry

/// The galaxies of a catalog that carry a label: their directions and label values.
///
/// Label encoding (`load`): with `positive`, the column is read as text and a row is 1 when its trimmed value equals
/// `positive` case-insensitively, else 0; without it the column must be numeric (0/1 labels or probabilities in
/// [0, 1]) or boolean (true = 1). Rows whose label is empty are dropped and counted in `dropped`; every kept row must
/// have a valid position (`Catalog.load` rules: RA/Dec in degrees or sexagesimal, Dec in [−90, 90]).
public struct LabelledSample: Sendable {
  /// The catalog path (for messages and provenance).
  public var source: String
  public var raColumn: String
  public var decColumn: String
  public var labelColumn: String
  /// The class counted as 1, or nil for a numeric label column.
  public var positive: String?
  public var directions: [SkyDirection]
  /// 0/1 labels or probabilities, one per direction.
  public var values: [Double]
  /// Rows dropped because their label was empty.
  public var dropped: Int
  /// Rows in the catalog (kept + dropped).
  public var rows: Int

  public var count: Int { values.count }
  /// True when every value is 0 or 1.
  public var isBinary: Bool { values.allSatisfy { $0 == 0 || $0 == 1 } }
  /// The values as Bool labels (value ≥ 0.5), for binary samples.
  public var labels: [Bool] { values.map { $0 >= 0.5 } }
  /// Σ values (the number of positives for binary labels).
  public var positives: Double { values.reduce(0, +) }

  /// Reads positions and the label column from `reader` (any backend). Throws `CatalogIOError` naming the file,
  /// row and column for unusable values, `columnNotFound` listing the available columns for a missing column, and
  /// `SkyStatisticsError.unusableCatalog` for an empty catalog or when no row keeps a label.
  public static func load(
    from reader: any CatalogReader, positions: CatalogColumnSelection, labelColumn: String,
    positive: String?
  ) throws -> LabelledSample {
    let label = try reader.resolveColumn(labelColumn, option: "--label-column")
    _ = try Catalog.resolveColumns(in: reader, selection: positions)
    if reader.rowCount == 0 {
      throw SkyStatisticsError.unusableCatalog(path: reader.source, reason: "the catalog has no data rows")
    }
    let catalog = try Catalog.load(from: reader, columns: positions)
    guard catalog.count > 0 else {
      throw SkyStatisticsError.unusableCatalog(path: reader.source, reason: "the catalog has no data rows")
    }
    let column = try reader.readAll([label])[0]
    guard column.count == catalog.count else {
      throw SkyStatisticsError.unusableCatalog(
        path: reader.source,
        reason: "column '\(label)' has \(column.count) values for \(catalog.count) rows")
    }
    let encoded = try encode(column, name: label, positive: positive, source: reader.source)
    var directions: [SkyDirection] = [], values: [Double] = []
    directions.reserveCapacity(catalog.count)
    values.reserveCapacity(catalog.count)
    for i in 0..<catalog.count {
      guard let v = encoded[i] else { continue }
      directions.append(SkyDirection(raDegrees: catalog.ra[i], decDegrees: catalog.dec[i]))
      values.append(v)
    }
    guard !values.isEmpty else {
      throw SkyStatisticsError.unusableCatalog(
        path: reader.source, reason: "every row has an empty '\(label)' label; nothing to analyse")
    }
    return LabelledSample(
      source: reader.source, raColumn: catalog.raColumn, decColumn: catalog.decColumn,
      labelColumn: label, positive: positive, directions: directions, values: values,
      dropped: catalog.count - values.count, rows: catalog.count)
  }

  /// One value per row (nil = empty label, dropped).
  public static func encode(_ column: CatalogColumn, name: String, positive: String?, source: String) throws
    -> [Double?]
  {
    if let positive {
      let target = positive.trimmingCharacters(in: .whitespaces).lowercased()
      return column.stringValues.map { text in
        guard let t = text?.trimmingCharacters(in: .whitespaces), !t.isEmpty else { return nil }
        return t.lowercased() == target ? 1 : 0
      }
    }
    if case let .bools(b) = column { return b.map { $0.map { $0 ? 1 : 0 } } }
    guard let numbers = column.doubleValues else {
      let examples = Array(Set(column.stringValues.compactMap { $0 })).sorted().prefix(4)
      throw SkyStatisticsError.unusableCatalog(
        path: source,
        reason: "column '\(name)' holds text (e.g. "
          + examples.map { "'\($0)'" }.joined(separator: ", ")
          + "); pass --positive VALUE to say which class counts as 1")
    }
    for (i, v) in numbers.enumerated() {
      if let v, !(v >= 0 && v <= 1) {
        throw CatalogIOError.invalidValue(
          path: source, row: i + 1, column: name, value: String(v),
          reason: "a label must be 0, 1 or a probability in [0, 1]")
      }
    }
    return numbers
  }
}
