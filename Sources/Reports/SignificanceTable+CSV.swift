// galmorph — Reports
//
// Machine-readable CSV output (RFC 4180), full precision.

import CatalogIO
import Foundation
import GalmorphSupport

extension SignificanceTable {
  /// The table as RFC 4180 CSV for machines (pandas, astropy, spreadsheets): one header row, one record per row,
  /// CRLF line ends, fields quoted only when they hold `,` `"` CR LF or leading/trailing spaces.
  ///
  /// Columns: see `TableColumn.csvNames` (`D [deg]`, `D_err [deg]`; `ci_lo`, `ci_hi`). Numbers are written at full
  /// precision as the shortest decimal that reads back to the same `Double` (Steele & White / Ryu; Swift's
  /// `description`, Python's `repr`), never rounded for display: `3.2e-05`, `0.1`, `nan`, `inf`. Integers are
  /// plain, verdicts `true`/`false`, a missing cell an empty field and an empty text cell `""`, so
  /// `init(csv:layout:file:)` restores the table exactly. `pandas.read_csv(path)` reads it as is.
  public func csv() -> String {
    var out = columns.flatMap(\.csvNames).map(CSVText.quote).joined(separator: ",") + "\r\n"
    for row in rows {
      var fields: [String] = []
      for (cell, column) in zip(row, columns) {
        switch cell {
        case .missing: fields += Array(repeating: "", count: column.csvNames.count)
        case let .text(s): fields.append(s.isEmpty ? "\"\"" : CSVText.quote(s))
        case let .integer(i): fields.append(String(i))
        case let .number(x), let .pValue(x): fields.append(CSVText.number(x))
        case let .measurement(v, e): fields += [CSVText.number(v), CSVText.number(e)]
        case let .interval(lo, hi): fields += [CSVText.number(lo), CSVText.number(hi)]
        case let .verdict(b): fields.append(b ? "true" : "false")
        }
      }
      out += fields.joined(separator: ",") + "\r\n"
    }
    return out
  }

  /// Writes `csv()` to `url` atomically.
  public func writeCSV(to url: URL) throws { try AtomicFile.write(csv(), to: url) }

  /// Pretty, key-sorted JSON of the whole table (layout and full-precision cells), for `audit.json`.
  public func jsonData() throws -> Data { try JSONCoding.encoder().encode(self) }
}

/// CSV text helpers.
enum CSVText {
  /// Shortest round-trip decimal; `nan`, `inf`, `-inf` for the special values (what pandas and numpy read).
  static func number(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x > 0 ? "inf" : "-inf" }
    return x.description
  }

  /// A field quoted as RFC 4180 requires (`CSVWriter.escape`: `,` `"` CR LF, or leading/trailing spaces that
  /// readers would lose); a leading `#` is not quoted, since `init(csv:layout:file:)` has no comment lines.
  static func quote(_ s: String) -> String { CSVWriter.escape(s, delimiter: .comma) }
}
