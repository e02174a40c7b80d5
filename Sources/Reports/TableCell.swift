// galmorph — Reports
//
// Typed cells of a significance table.

import Foundation

/// One cell of a `SignificanceTable`. Numbers are stored at full precision; formatting happens at rendering.
public enum TableCell: Sendable, Equatable, Codable {
  case text(String)
  case integer(Int)
  case number(Double)
  /// `value ± error`.
  case measurement(value: Double, error: Double)
  /// `[lower, upper]`.
  case interval(lower: Double, upper: Double)
  case pValue(Double)
  case verdict(Bool)
  /// No value (rendered as an em dash / `--`; an empty CSV field).
  case missing

  /// Whether this cell may stand in a column of `kind`.
  public func fits(_ kind: ColumnKind) -> Bool {
    switch (self, kind) {
    case (.missing, _), (.text, .text), (.integer, .integer), (.number, .number), (.measurement, .measurement),
      (.interval, .interval), (.pValue, .pValue), (.verdict, .verdict):
      return true
    default: return false
    }
  }

  /// A short name for messages: the ``ColumnKind/name`` of the kind this cell fits (``fits(_:)``), or `missing`.
  public var kindName: String {
    if case .missing = self { return "missing" }
    let kinds: [ColumnKind] = [
      .text, .integer, .number, .measurement, .interval, .pValue, .verdict(ifTrue: "", ifFalse: ""),
    ]
    return kinds.first(where: fits)?.name ?? "missing"
  }

  /// Equality that treats NaN as equal to NaN (for round-trip checks; `==` follows IEEE 754).
  public func isIdentical(to other: TableCell) -> Bool {
    func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }
    switch (self, other) {
    case let (.number(a), .number(b)), let (.pValue(a), .pValue(b)): return same(a, b)
    case let (.measurement(a, e), .measurement(b, f)): return same(a, b) && same(e, f)
    case let (.interval(a, e), .interval(b, f)): return same(a, b) && same(e, f)
    default: return self == other
    }
  }
}
