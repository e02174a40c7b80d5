// galmorph — FITSIO
//
// Describing a binary-table column to write.

/// Storage type of a binary-table column to write (FITS standard 4.0 Table 18).
public enum FITSColumnFormat: Hashable, Sendable {
  /// `D`: 64-bit IEEE float.
  case float64
  /// `E`: 32-bit IEEE float.
  case float32
  /// `K`: 64-bit signed integer.
  case int64
  /// `J`: 32-bit signed integer.
  case int32
  /// `I`: 16-bit signed integer.
  case int16
  /// `B`: unsigned byte.
  case uint8
  /// `L`: logical (T, F, or undefined).
  case logical
  /// `wA`: a string of at most `width` ASCII characters (longer strings are truncated by cfitsio).
  case string(width: Int)

  /// The TFORM letter.
  var code: String {
    switch self {
    case .float64: return "D"
    case .float32: return "E"
    case .int64: return "K"
    case .int32: return "J"
    case .int16: return "I"
    case .uint8: return "B"
    case .logical: return "L"
    case .string: return "A"
    }
  }
}

/// A column of a binary table to write: TTYPE, TFORM (format × repeat) and TUNIT.
public struct FITSColumnSpec: Hashable, Sendable {
  public var name: String
  public var format: FITSColumnFormat
  /// Elements per row (vector column when > 1). Ignored for strings (one string per row).
  public var repeatCount: Int
  /// TUNITn (e.g. `deg`, `mag`), empty for none.
  public var unit: String

  public init(_ name: String, _ format: FITSColumnFormat, repeatCount: Int = 1, unit: String = "") {
    precondition(repeatCount >= 1, "FITSColumnSpec: repeat count must be ≥ 1")
    if case let .string(width) = format { precondition(width >= 1, "FITSColumnSpec: string width must be ≥ 1") }
    self.name = name
    self.format = format
    self.repeatCount = repeatCount
    self.unit = unit
  }

  /// TFORMn, e.g. `1D`, `3E`, `16A`.
  public var tform: String {
    if case let .string(width) = format { return "\(width)A" }
    return "\(repeatCount)\(format.code)"
  }

  /// Elements per row as stored in `FITSColumnValues` chunks.
  var elementsPerRow: Int {
    if case .string = format { return 1 }
    return repeatCount
  }
}
