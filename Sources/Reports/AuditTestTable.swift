// galmorph — Reports
//
// The per-galaxy test-set table of an audit (test_annotations.csv), read back for the report's figures.

import AnisotropyAudit
import Foundation
import SkyGeometry

/// The columns of `test_annotations.csv` (written by `AuditAnnotations.write`): one row per test galaxy with
/// `id, ra, dec, label` (1 = spiral), `side_<split>` (`A`/`B`) for every split and `p_<model>` (p_spiral, 6 decimals)
/// for every model. RA/Dec are ICRS degrees.
public struct AuditTestTable: Sendable, Equatable {
  public var ids: [String]
  public var ra: [Double]
  public var dec: [Double]
  /// True labels, 1 = spiral, 0 = elliptical.
  public var labels: [Int]
  /// Side of every galaxy for each split, keyed by the split's name (e.g. `dec:0`).
  public var sides: [String: [SplitSide]]
  /// p_spiral of every galaxy for each model, keyed by the model's name.
  public var probabilities: [String: [Double]]

  public var count: Int { ids.count }

  public init(
    ids: [String], ra: [Double], dec: [Double], labels: [Int], sides: [String: [SplitSide]],
    probabilities: [String: [Double]]
  ) {
    self.ids = ids; self.ra = ra; self.dec = dec; self.labels = labels; self.sides = sides
    self.probabilities = probabilities
  }

  /// Reads `url` and checks it against `result`: one row per test galaxy (`input.testGalaxies`), a side column for
  /// every split and a probability column for every model. Extra columns are ignored.
  ///
  /// - Throws: `ReportsError.missingAnnotations`, `.csvSyntax`, `.csvMissingColumn`, `.csvFieldCount`, `.csvValue`
  ///   (naming the row and column) or `.annotationsMismatch`.
  public static func read(from url: URL, result: AuditResult) throws -> AuditTestTable {
    let file = url.path
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw ReportsError.missingAnnotations(path: file, reason: error.localizedDescription)
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw ReportsError.csvSyntax(file: file, row: 1, reason: "not UTF-8 text")
    }
    let records = try CSVRecords.parse(text, file: file)
    guard let header = records.first?.map(\.text) else {
      throw ReportsError.csvSyntax(file: file, row: 1, reason: "no header row")
    }
    func column(_ name: String) throws -> Int {
      guard let k = header.firstIndex(of: name) else {
        throw ReportsError.csvMissingColumn(file: file, column: name, available: header)
      }
      return k
    }
    let idC = try column("id"), raC = try column("ra"), decC = try column("dec"), labelC = try column("label")
    let sideC = try result.splits.map { ($0.name, try column(AuditAnnotations.sideColumn($0.name))) }
    let pC = try result.models.map { ($0.name, try column(AuditAnnotations.probabilityColumn($0.name))) }

    var table = AuditTestTable(ids: [], ra: [], dec: [], labels: [], sides: [:], probabilities: [:])
    var sides = sideC.map { _ in [SplitSide]() }, ps = pC.map { _ in [Double]() }
    for (r, fields) in records.dropFirst().enumerated() {
      let row = r + 2
      guard fields.count == header.count else {
        throw ReportsError.csvFieldCount(file: file, row: row, fields: fields.count, expected: header.count)
      }
      func number(_ k: Int, _ valid: (Double) -> Bool = { $0.isFinite }, expected: String = "a finite number") throws
        -> Double
      {
        guard let x = Double(fields[k].text.trimmingCharacters(in: .whitespaces)), valid(x) else {
          throw ReportsError.csvValue(
            file: file, row: row, column: header[k], value: fields[k].text, expected: expected)
        }
        return x
      }
      table.ids.append(fields[idC].text)
      table.ra.append(try number(raC))
      table.dec.append(try number(decC, { abs($0) <= 90 }, expected: "a declination in [-90, 90] degrees"))
      table.labels.append(Int(try number(labelC, { $0 == 0 || $0 == 1 }, expected: "0 or 1")))
      for (j, (_, k)) in sideC.enumerated() {
        switch fields[k].text {
        case "A": sides[j].append(.a)
        case "B": sides[j].append(.b)
        default:
          throw ReportsError.csvValue(
            file: file, row: row, column: header[k], value: fields[k].text, expected: "A or B")
        }
      }
      for (j, (_, k)) in pC.enumerated() {
        ps[j].append(try number(k, { $0 >= 0 && $0 <= 1 }, expected: "a probability in [0, 1]"))
      }
    }
    guard table.count == result.input.testGalaxies else {
      throw ReportsError.annotationsMismatch(
        file: file, reason: "\(table.count) rows but audit.json has \(result.input.testGalaxies) test galaxies")
    }
    for (j, (name, _)) in sideC.enumerated() { table.sides[name] = sides[j] }
    for (j, (name, _)) in pC.enumerated() { table.probabilities[name] = ps[j] }
    return table
  }
}
