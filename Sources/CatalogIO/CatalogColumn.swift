// galmorph — CatalogIO
//
// A typed column of catalog values, with missing values as nil.

/// The value type of a catalog column.
public enum CatalogColumnType: String, Codable, Sendable, CaseIterable {
  case int64 = "int"
  case double = "float"
  case bool
  case string
}

/// A column (or a chunk of one) read from a catalog. Missing values are `nil` (never a sentinel such as NaN or
/// -99, which a backend must translate to `nil` itself when its format defines one, e.g. FITS `TNULLn`).
public enum CatalogColumn: Sendable, Equatable {
  case doubles([Double?])
  case int64s([Int64?])
  case strings([String?])
  case bools([Bool?])

  /// Number of values.
  public var count: Int {
    switch self {
    case let .doubles(v): return v.count
    case let .int64s(v): return v.count
    case let .strings(v): return v.count
    case let .bools(v): return v.count
    }
  }

  public var type: CatalogColumnType {
    switch self {
    case .doubles: return .double
    case .int64s: return .int64
    case .strings: return .string
    case .bools: return .bool
    }
  }

  /// Number of missing (nil) values.
  public var missingCount: Int {
    switch self {
    case let .doubles(v): return v.lazy.filter { $0 == nil }.count
    case let .int64s(v): return v.lazy.filter { $0 == nil }.count
    case let .strings(v): return v.lazy.filter { $0 == nil }.count
    case let .bools(v): return v.lazy.filter { $0 == nil }.count
    }
  }

  /// Numeric values as Double (integers converted, exact below 2^53); nil for string and bool columns.
  public var doubleValues: [Double?]? {
    switch self {
    case let .doubles(v): return v
    case let .int64s(v): return v.map { $0.map(Double.init) }
    case .strings, .bools: return nil
    }
  }

  /// Every value as text: integers in decimal, doubles in Swift's shortest round-trip form, bools as
  /// `true`/`false`, strings unchanged.
  public var stringValues: [String?] {
    switch self {
    case let .doubles(v): return v.map { $0.map { String($0) } }
    case let .int64s(v): return v.map { $0.map { String($0) } }
    case let .strings(v): return v
    case let .bools(v): return v.map { $0.map { $0 ? "true" : "false" } }
    }
  }

  /// The values at `range` (positions within this column).
  public func slice(_ range: Range<Int>) -> CatalogColumn {
    switch self {
    case let .doubles(v): return .doubles(Array(v[range]))
    case let .int64s(v): return .int64s(Array(v[range]))
    case let .strings(v): return .strings(Array(v[range]))
    case let .bools(v): return .bools(Array(v[range]))
    }
  }

  /// This column followed by `other` (same type required; mixing types is a programmer error).
  public func appending(_ other: CatalogColumn) -> CatalogColumn {
    switch (self, other) {
    case let (.doubles(a), .doubles(b)): return .doubles(a + b)
    case let (.int64s(a), .int64s(b)): return .int64s(a + b)
    case let (.strings(a), .strings(b)): return .strings(a + b)
    case let (.bools(a), .bools(b)): return .bools(a + b)
    default: preconditionFailure("cannot append a \(other.type) column to a \(type) column")
    }
  }
}
