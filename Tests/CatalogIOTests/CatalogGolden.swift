// galmorph — CatalogIOTests
//
// The golden file written by Reference/gen_catalog_golden.py (pandas, astropy, Python csv).

import Foundation
import _GalmorphTestSupport

struct CatalogGolden: Decodable {
  struct Column: Decodable {
    var name: String
    var type: String
    var missing: Int
    var sum: Double?
    var min: String?
    var max: String?
  }
  struct CatalogEntry: Decodable {
    var path: String
    var rows: Int
    var columns: [Column]
    var idColumn: String
    var idsHead: [String]
    var idsTail: [String]
    var idSampleIndex: Int
    var idSample: String
    enum CodingKeys: String, CodingKey {
      case path, rows, columns, idColumn = "id_column", idsHead = "ids_head", idsTail = "ids_tail"
      case idSampleIndex = "id_sample_index", idSample = "id_sample"
    }
  }
  struct AngleCase: Decodable { var kind: String; var text: String; var degrees: Double }
  struct BadAngle: Decodable {
    var kind: String
    var text: String
    var astropyRejects: Bool
    enum CodingKeys: String, CodingKey { case kind, text, astropyRejects = "astropy_rejects" }
  }
  struct Quoted: Decodable { var file: String; var header: [String]; var rows: [[String]] }

  var generator: String
  var catalogs: [CatalogEntry]
  var angles: [AngleCase]
  var badAngles: [BadAngle]
  var quoted: Quoted
  enum CodingKeys: String, CodingKey { case generator, catalogs, angles, quoted, badAngles = "bad_angles" }

  static func load(testFile: String = #filePath) throws -> CatalogGolden {
    try Reference.json(CatalogGolden.self, "catalog_golden.json", testFile: testFile)
  }

  static func fixture(_ name: String, testFile: String = #filePath) -> URL {
    Reference.url(name, testFile: testFile)
  }
}
