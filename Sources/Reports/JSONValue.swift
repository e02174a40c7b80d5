// galmorph — Reports
//
// A minimal JSON tree for writing documents whose schema mixes types (notebooks).

import Foundation
import GalmorphSupport

/// A JSON value; objects encode with sorted keys through `JSONCoding.encoder()`.
enum JSONValue: Encodable, Equatable {
  case string(String)
  case int(Int)
  case uint(UInt64)
  case bool(Bool)
  case null
  case array([JSONValue])
  case object([String: JSONValue])

  /// nbformat's multi-line string: a list of lines, each but the last ending in `\n`.
  static func lines(_ text: String) -> JSONValue {
    var out: [JSONValue] = []
    var current = ""
    for ch in text {
      current.append(ch)
      if ch == "\n" { out.append(.string(current)); current = "" }
    }
    if !current.isEmpty { out.append(.string(current)) }
    return .array(out)
  }

  func encode(to encoder: any Encoder) throws {
    switch self {
    case let .string(s): var c = encoder.singleValueContainer(); try c.encode(s)
    case let .int(i): var c = encoder.singleValueContainer(); try c.encode(i)
    case let .uint(u): var c = encoder.singleValueContainer(); try c.encode(u)
    case let .bool(b): var c = encoder.singleValueContainer(); try c.encode(b)
    case .null: var c = encoder.singleValueContainer(); try c.encodeNil()
    case let .array(a): var c = encoder.unkeyedContainer(); for v in a { try c.encode(v) }
    case let .object(o):
      var c = encoder.container(keyedBy: StringCodingKey.self)
      for (k, v) in o { try c.encode(v, forKey: StringCodingKey(k)) }
    }
  }
}
