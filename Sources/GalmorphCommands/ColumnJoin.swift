// galmorph — GalmorphCommands
//
// Numeric columns for the rows of one catalog, read from it or from another catalog matched on a key column.

import ArgumentParser
import CatalogIO
import Foundation

/// `--columns-from FILE --join KEY[:KEY2]`: the numeric columns a command needs for each row of its `--catalog`,
/// read from that catalog, or from FILE where KEY of `--catalog` equals KEY2 of FILE (every key must be found once;
/// e.g. an audit's `test_annotations.csv` joined with the simulated sky's `catalog.csv` on `id:index`).
struct ColumnJoin {
  var columnsFrom: String?
  var join: String?

  /// The resolved names and finite values of `names` (each resolved with `option` named in errors) for the `rows`
  /// rows of the catalog `url` read by `reader`.
  func numericColumns(_ names: [(name: String, option: String)], reader: any CatalogReader, url: URL, rows: Int)
    throws -> (names: [String], values: [[Double]])
  {
    guard (columnsFrom == nil) == (join == nil) else { throw ValidationError("--columns-from and --join go together") }
    guard let columnsFrom, let join else {
      let resolved = try names.map { try reader.resolveColumn($0.name, option: $0.option) }
      let columns = try reader.readAll(resolved)
      return (resolved, try zip(columns, resolved).map { try CatalogOpening.finiteNumbers($0, name: $1, url: url) })
    }
    let keys = join.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    guard keys.count == 1 || keys.count == 2, !keys.contains(where: \.isEmpty) else {
      throw ValidationError("--join: expected KEY or KEY:KEY2, got '\(join)'")
    }
    let otherURL = URL(fileURLWithPath: columnsFrom)
    let other = try CatalogOpening.reader(for: otherURL)
    let key = try reader.resolveColumn(keys[0], option: "--join")
    let otherKey = try other.resolveColumn(keys.last!, option: "--join")
    let resolved = try names.map { try other.resolveColumn($0.name, option: $0.option) }
    let columns = try other.readAll([otherKey] + resolved)
    var rowOfKey: [String: Int] = [:]
    for (i, k) in columns[0].stringValues.enumerated() {
      guard let k = k?.trimmingCharacters(in: .whitespaces), !k.isEmpty else {
        throw CatalogIOError.invalidValue(
          path: otherURL.path, row: i + 1, column: otherKey, value: "", reason: "missing join key")
      }
      guard rowOfKey[k] == nil else {
        throw CatalogIOError.invalidValue(
          path: otherURL.path, row: i + 1, column: otherKey, value: k, reason: "join key appears twice")
      }
      rowOfKey[k] = i
    }
    let picked = try reader.readAll([key])[0].stringValues.enumerated().map { i, k -> Int in
      guard let k = k?.trimmingCharacters(in: .whitespaces), let r = rowOfKey[k] else {
        throw CatalogIOError.invalidValue(
          path: url.path, row: i + 1, column: key, value: k ?? "",
          reason: "no row of \(otherURL.lastPathComponent) has this \(otherKey)")
      }
      return r
    }
    precondition(picked.count == rows, "one key per row")
    let values = try zip(columns.dropFirst(), resolved).map { c, n in
      let v = try CatalogOpening.finiteNumbers(c, name: n, url: otherURL)
      return picked.map { v[$0] }
    }
    return (resolved, values)
  }
}
