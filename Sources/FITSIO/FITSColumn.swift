// galmorph — FITSIO
//
// Table columns: their description and their values.

/// What a table column holds, as this reader returns it.
public enum FITSColumnKind: String, Hashable, Sendable, Codable {
  /// Floating-point, integer with non-integral TSCAL/TZERO, or unsigned 64-bit → `[Double]` (TNULL and NaN → NaN).
  case double
  /// Integer (B, I, J, K and TZERO-shifted unsigned variants) → `[Int64]`, stored values kept as they are.
  case integer
  /// Character (A) → `[String]`, trailing blanks removed.
  case string
  /// Logical (L) → `[Bool?]`, nil for undefined (a zero byte); bit arrays (X) → one Bool per bit.
  case logical
  /// Complex or variable-length (P/Q) columns, which this reader does not decode.
  case unsupported
}

/// One column of a FITS table (binary, FITS standard 4.0 §7.3; or ASCII, §7.2).
public struct FITSColumnInfo: Hashable, Sendable, Codable {
  /// 0-based column position (cfitsio counts from 1).
  public var index: Int
  /// TTYPEn.
  public var name: String
  /// TFORMn as written in the header, e.g. `1D`, `3E`, `12A`, `F10.4`.
  public var tform: String
  /// TUNITn, empty when absent.
  public var unit: String
  /// Elements per row (TFORM repeat count); 1 for strings (a `12A` column holds one 12-character string per row).
  public var repeatCount: Int
  /// How `readColumn` returns the values.
  public var kind: FITSColumnKind
  /// cfitsio's type code after TSCAL/TZERO (`ffeqtyll`), e.g. 82 = TDOUBLE, 81 = TLONGLONG, 16 = TSTRING.
  public var typeCode: Int32
  /// Characters per string for string columns, bytes per element otherwise.
  public var width: Int
}

/// Rows and columns of a table HDU.
public struct FITSTableInfo: Hashable, Sendable, Codable {
  public var kind: FITSHDUKind
  public var rowCount: Int
  public var columns: [FITSColumnInfo]

  /// The column named `name` (case-insensitive).
  public func column(_ name: String) -> FITSColumnInfo? {
    columns.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
  }
}

/// Column values, flattened row-major: element `j` of row `r` is at `r * repeatCount + j`.
public enum FITSColumnValues: Hashable, Sendable {
  case double([Double])
  case integer([Int64])
  case string([String])
  case logical([Bool?])

  /// Number of elements.
  public var count: Int {
    switch self {
    case let .double(v): return v.count
    case let .integer(v): return v.count
    case let .string(v): return v.count
    case let .logical(v): return v.count
    }
  }

  /// Numeric values as Double (integers converted; strings and logicals give nil).
  public var doubles: [Double]? {
    switch self {
    case let .double(v): return v
    case let .integer(v): return v.map { Double($0) }
    default: return nil
    }
  }

  public var integers: [Int64]? { if case let .integer(v) = self { return v } else { return nil } }
  public var strings: [String]? { if case let .string(v) = self { return v } else { return nil } }
  public var logicals: [Bool?]? { if case let .logical(v) = self { return v } else { return nil } }
}

/// A chunk of one column: which rows, how many elements per row, and the values.
public struct FITSColumn: Hashable, Sendable {
  public var info: FITSColumnInfo
  /// 0-based rows read.
  public var rows: Range<Int>
  public var values: FITSColumnValues

  /// Elements per row (values.count == rows.count × repeatCount).
  public var repeatCount: Int { info.repeatCount }
}

import Foundation
