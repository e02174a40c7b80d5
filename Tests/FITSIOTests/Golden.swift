// galmorph — FITSIOTests
//
// The astropy golden file (Reference/fits_golden.json, made by Reference/gen_fits_golden.py).

import Foundation
import _GalmorphTestSupport

struct Golden: Decodable, Sendable {
  var generator: String
  var astropy: String
  var shared: [FileRecord]
  var synthetic: [FileRecord]

  struct FileRecord: Decodable, Sendable {
    var path: String
    var hdus: [HDURecord]
  }

  struct HDURecord: Decodable, Sendable {
    var index: Int
    var kind: String
    var extname: String?
    var bitpix: Int?
    var compressed: Bool
    var dims: [Int]
    var header: [String: TypedValue]
    var stats: Stats?
    var rows: Int?
    var columns: [ColumnRecord]?
    var column_sums: [String: Double]?
    var first_strings: [String: String]?
  }

  struct Stats: Decodable, Sendable {
    var count: Int
    var nan: Int
    var sum: Double
    var min: Double?
    var max: Double?
    var first: Double?
    var last: Double?
  }

  struct ColumnRecord: Decodable, Sendable {
    var name: String
    var tform: String
    var tunit: String
    var `repeat`: Int
  }

  /// A header value with the Python type astropy gave it.
  enum TypedValue: Decodable, Sendable {
    case string(String), int(Int64), float(Double), bool(Bool)

    private enum Keys: String, CodingKey { case type, value }

    init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: Keys.self)
      switch try c.decode(String.self, forKey: .type) {
      case "int": self = .int(try c.decode(Int64.self, forKey: .value))
      case "float": self = .float(try c.decode(Double.self, forKey: .value))
      case "bool": self = .bool(try c.decode(Bool.self, forKey: .value))
      default: self = .string(try c.decode(String.self, forKey: .value))
      }
    }
  }

  /// Loaded once; nil only if the golden file is missing or malformed (tests then record an issue).
  static let loaded: Golden? = try? Reference.json(Golden.self, "fits_golden.json")

  static var sharedPaths: [String] { loaded?.shared.map(\.path) ?? [] }
  static var syntheticPaths: [String] { loaded?.synthetic.map(\.path) ?? [] }

  static func record(_ path: String) -> FileRecord? {
    (loaded?.shared ?? []).first { $0.path == path } ?? (loaded?.synthetic ?? []).first { $0.path == path }
  }
}
