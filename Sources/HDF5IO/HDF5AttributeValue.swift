// galmorph — HDF5IO

/// The value of an attribute read without knowing its type in advance.
public enum HDF5AttributeValue: Equatable, Sendable, CustomStringConvertible {
  /// Signed integers (any stored width), row-major.
  case integers([Int64])
  /// Unsigned integers (any stored width), row-major.
  case unsignedIntegers([UInt64])
  /// Floating-point values (any stored width), row-major.
  case reals([Double])
  /// Fixed- or variable-length strings, row-major.
  case strings([String])
  /// A type HDF5IO does not decode (compound, enum, reference, vlen ...): its type description.
  case unsupported(String)

  /// Values rendered as text, shortened to about `limit` characters with "…" (for listings and inspection).
  public func shortened(limit: Int = 60) -> String {
    let items: [String]
    switch self {
    case let .integers(v): items = v.prefix(limit).map { String($0) }
    case let .unsignedIntegers(v): items = v.prefix(limit).map { String($0) }
    case let .reals(v): items = v.prefix(limit).map { String($0) }
    case let .strings(v): items = v.prefix(limit).map { "\"" + $0.replacingOccurrences(of: "\n", with: "\\n") + "\"" }
    case let .unsupported(type): return "<\(type)>"
    }
    let count = itemCount
    var text = count == 1 ? (items.first ?? "") : "[" + items.joined(separator: ", ") + "]"
    if text.count > limit {
      text = String(text.prefix(max(1, limit - 1))) + "…"
      if count > 1 { text += "]" }
    }
    return text
  }

  /// Number of values.
  public var itemCount: Int {
    switch self {
    case let .integers(v): return v.count
    case let .unsignedIntegers(v): return v.count
    case let .reals(v): return v.count
    case let .strings(v): return v.count
    case .unsupported: return 0
    }
  }

  public var description: String { shortened(limit: 200) }
}
