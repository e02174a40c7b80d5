// galmorph — Reports
//
// Reading a table's CSV back (the round trip audit.json → report → identical tables).

import Foundation

extension SignificanceTable {
  /// Reads CSV written by `csv()` back into a table with `layout`'s title, columns and notes (rows of `layout`
  /// are ignored). The header must name exactly `layout`'s CSV columns in order. An unquoted empty field is a
  /// missing cell, a quoted empty field an empty text; numbers accept anything `Double(_:)` reads (incl. `nan`,
  /// `inf`); verdicts `true`/`false` (also `True`/`False`/`1`/`0`, as pandas writes them).
  ///
  /// - Parameter file: the name used in error messages (the path, when reading a file).
  /// - Throws: `ReportsError.csvSyntax`, `.csvHeader`, `.csvFieldCount`, `.csvValue` naming the row and column.
  public init(csv text: String, layout: SignificanceTable, file: String = "<csv>") throws {
    self = layout.layout
    let records = try CSVRecords.parse(text, file: file)
    let expected = columns.flatMap(\.csvNames)
    guard let header = records.first else {
      throw ReportsError.csvSyntax(file: file, row: 1, reason: "no header row")
    }
    for (i, name) in expected.enumerated() {
      let found = i < header.count ? header[i].text : "<missing>"
      if found != name { throw ReportsError.csvHeader(file: file, column: i + 1, expected: name, found: found) }
    }
    if header.count > expected.count {
      throw ReportsError.csvHeader(
        file: file, column: expected.count + 1, expected: "<end of header>",
        found: header[expected.count].text)
    }
    for (r, fields) in records.dropFirst().enumerated() {
      let rowNumber = r + 2
      guard fields.count == expected.count else {
        throw ReportsError.csvFieldCount(file: file, row: rowNumber, fields: fields.count, expected: expected.count)
      }
      var index = 0
      var row: [TableCell] = []
      for column in columns {
        let width = column.csvNames.count
        let slice = Array(fields[index..<index + width])
        row.append(
          try SignificanceTable.cell(
            from: slice, column: column, file: file, row: rowNumber,
            names: Array(expected[index..<index + width])))
        index += width
      }
      try append(row)
    }
  }

  /// Reads `url` with `init(csv:layout:file:)`.
  public static func readCSV(from url: URL, layout: SignificanceTable) throws -> SignificanceTable {
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw ReportsError.unreadableFile(path: url.path, reason: error.localizedDescription)
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw ReportsError.csvSyntax(file: url.path, row: 1, reason: "not UTF-8 text")
    }
    return try SignificanceTable(csv: text, layout: layout, file: url.path)
  }

  static func cell(
    from fields: [CSVField], column: TableColumn, file: String, row: Int,
    names: [String]
  ) throws -> TableCell {
    func double(_ k: Int) throws -> Double {
      guard let x = Double(fields[k].text.trimmingCharacters(in: .whitespaces)) else {
        throw ReportsError.csvValue(file: file, row: row, column: names[k], value: fields[k].text, expected: "a number")
      }
      return x
    }
    let empty = fields.map { $0.text.isEmpty && !$0.quoted }
    if case .text = column.kind {
      return empty[0] ? .missing : .text(fields[0].text)
    }
    if empty.allSatisfy({ $0 }) { return .missing }
    if let k = empty.firstIndex(of: true) {
      throw ReportsError.csvValue(
        file: file, row: row, column: names[k], value: "",
        expected: "a number (the "
          + "other half of this \(column.kind.name) is present)")
    }
    switch column.kind {
    case .text: return .text(fields[0].text)
    case .integer:
      guard let i = Int(fields[0].text.trimmingCharacters(in: .whitespaces)) else {
        throw ReportsError.csvValue(
          file: file, row: row, column: names[0], value: fields[0].text, expected: "an integer")
      }
      return .integer(i)
    case .number: return .number(try double(0))
    case .pValue: return .pValue(try double(0))
    case .measurement: return .measurement(value: try double(0), error: try double(1))
    case .interval: return .interval(lower: try double(0), upper: try double(1))
    case .verdict:
      switch fields[0].text.trimmingCharacters(in: .whitespaces) {
      case "true", "True", "TRUE", "1": return .verdict(true)
      case "false", "False", "FALSE", "0": return .verdict(false)
      default:
        throw ReportsError.csvValue(
          file: file, row: row, column: names[0], value: fields[0].text,
          expected: "true or false")
      }
    }
  }
}

/// One CSV field and whether it was quoted (to tell an empty text from a missing value).
struct CSVField: Equatable { var text: String; var quoted: Bool }

/// An RFC 4180 record splitter over Unicode scalars (CRLF, LF or CR line ends; `""` inside quotes is `"`).
///
/// Deliberately not CatalogIO's `CSVReader`, which reads catalogs leniently: it reads files, not text; it does not
/// say whether a field was quoted (here `""` is an empty text, an empty field a missing cell); it skips `#` lines
/// as comments (a model named `#1` in the first column would vanish) and blank lines; and it accepts text after a
/// closing quote and quotes inside unquoted fields, which this reader rejects with the row.
enum CSVRecords {
  static func parse(_ text: String, file: String) throws -> [[CSVField]] {
    var records: [[CSVField]] = []
    var record: [CSVField] = []
    var field = String.UnicodeScalarView()
    var quoted = false, inQuotes = false, afterQuote = false, recordStarted = false

    let scalars = Array(text.unicodeScalars)
    var i = 0
    func endField() {
      record.append(CSVField(text: String(field), quoted: quoted)); field = .init(); quoted = false; afterQuote = false
    }
    while i < scalars.count {
      let c = scalars[i]
      if inQuotes {
        if c == "\"" {
          if i + 1 < scalars.count && scalars[i + 1] == "\"" { field.append("\""); i += 2; continue }
          inQuotes = false; afterQuote = true
        } else {
          field.append(c)
        }
        i += 1; continue
      }
      switch c {
      case "\"":
        guard field.isEmpty, !afterQuote else {
          throw ReportsError.csvSyntax(file: file, row: records.count + 1, reason: "a quote inside an unquoted field")
        }
        inQuotes = true; quoted = true; recordStarted = true
      case ",": endField(); recordStarted = true
      case "\r", "\n":
        if recordStarted || !field.isEmpty || !record.isEmpty { endField(); records.append(record) }
        record = []; recordStarted = false
        if c == "\r" && i + 1 < scalars.count && scalars[i + 1] == "\n" { i += 1 }

      default:
        if afterQuote {
          throw ReportsError.csvSyntax(file: file, row: records.count + 1, reason: "text after a closing quote")
        }
        field.append(c); recordStarted = true
      }
      i += 1
    }
    if inQuotes {
      throw ReportsError.csvSyntax(file: file, row: records.count + 1, reason: "unterminated quoted field")
    }
    if recordStarted || !field.isEmpty || !record.isEmpty { endField(); records.append(record) }
    return records
  }
}
