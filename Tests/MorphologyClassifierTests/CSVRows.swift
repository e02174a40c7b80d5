// galmorph — MorphologyClassifierTests

import CatalogIO
import Foundation

/// Every row of a CSV file (header first) as read by CatalogIO's `CSVReader`: the annotation tests compare outputs
/// cell by cell.
func csvRows(_ url: URL) throws -> [[String]] {
  let r = try CSVReader(url: url)
  var out = [r.header]
  while let row = try r.nextRow() { out.append(row.fields) }
  return out
}
