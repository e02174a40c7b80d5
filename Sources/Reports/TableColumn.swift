// galmorph — Reports
//
// Column definitions of a significance table.

import Foundation

/// Horizontal alignment of a column (Markdown `:---`, `:---:`, `---:`; LaTeX `l`, `c`, `r`).
public enum ColumnAlignment: String, Sendable, Equatable, Codable { case left, center, right }

/// What a column holds. Every cell of the column is of this kind (or `.missing`); the kind also fixes the CSV
/// columns the table column becomes (see `TableColumn.csvNames`).
public enum ColumnKind: Sendable, Equatable, Codable {
  case text
  case integer
  case number
  /// `value ± error` (1σ unless the caption says otherwise); CSV columns `<key>` and `<key>_err`.
  case measurement
  /// A confidence interval `[lower, upper]`; CSV columns `<key>_lo` and `<key>_hi`.
  case interval
  /// A p-value in [0, 1]; printed with `NumberFormat.pValue` unless the column says otherwise.
  case pValue
  /// A yes/no verdict (e.g. “significant at α = 0.05”), printed with the given labels; CSV `true`/`false`.
  case verdict(ifTrue: String, ifFalse: String)

  /// A short name for messages.
  public var name: String {
    switch self {
    case .text: "text"
    case .integer: "integer"
    case .number: "number"
    case .measurement: "measurement"
    case .interval: "interval"
    case .pValue: "p-value"
    case .verdict: "verdict"
    }
  }
}

/// One column of a `SignificanceTable`: a machine `key` (CSV and pandas name), the header shown to readers, its
/// unit, alignment, kind and number format.
///
/// Defaults: text and verdict columns align left, everything else right (digits line up); p-value columns use
/// `NumberFormat.pValue()`, other numbers 3 significant figures, measurements 2 figures on the error (PDG).
public struct TableColumn: Sendable, Equatable, Codable {
  /// Machine name, e.g. `D`; becomes the CSV column(s) `D`, `D_err`. Letters, digits, `_`, `-`.
  public var key: String
  /// Header text shown in rendered tables, e.g. `Dipole amplitude`. Plain text (escaped for LaTeX and HTML).
  public var header: String
  /// Unit, e.g. `deg`; shown as `header [unit]` and appended to CSV names as `key [unit]`. `nil` = dimensionless.
  public var unit: String?
  public var kind: ColumnKind
  public var alignment: ColumnAlignment
  public var format: NumberFormat
  /// Raw LaTeX header replacing the escaped `header [unit]` (e.g. `$\ell$ [deg]`), or `nil`.
  public var latexHeader: String?

  public init(
    key: String, header: String? = nil, unit: String? = nil, kind: ColumnKind,
    alignment: ColumnAlignment? = nil, format: NumberFormat? = nil, latexHeader: String? = nil
  ) {
    self.key = key
    self.header = header ?? key
    self.unit = unit
    self.kind = kind
    switch kind {
    case .text, .verdict: self.alignment = alignment ?? .left
    default: self.alignment = alignment ?? .right
    }
    switch kind {
    case .pValue: self.format = format ?? .pValue()
    case .measurement: self.format = format ?? .uncertainty(digits: 2)
    default: self.format = format ?? .significant(digits: 3)
    }
    self.latexHeader = latexHeader
  }

  /// Header with unit for readers: `Amplitude [deg]`.
  public var displayHeader: String { unit.map { "\(header) [\($0)]" } ?? header }

  /// The CSV column names this column becomes: `[key]`, or `[key, key_err]` for measurements and
  /// `[key_lo, key_hi]` for intervals; each followed by ` [unit]` when the column has a unit.
  public var csvNames: [String] {
    let suffix = unit.map { " [\($0)]" } ?? ""
    switch kind {
    case .measurement: return [key + suffix, key + "_err" + suffix]
    case .interval: return [key + "_lo" + suffix, key + "_hi" + suffix]
    default: return [key + suffix]
    }
  }
}
