// galmorph — AnisotropyAudit
//
// The per-galaxy outputs of an audit: one wide CSV of the test set, and one annotated catalog per model.

import CatalogIO
import Foundation

/// Writers of the audit's per-galaxy tables.
///
/// `test_annotations.csv` (one row per test galaxy, in `AuditDesign.test` order):
/// `id, ra, dec, label` (1 = spiral), `side_<split>` (`A`/`B` for every split, `<split>` = `ModelJob.fileStem`),
/// then `p_<model>` (p_spiral, 6 decimals) for every model. `annotations/<model>.csv`: `id, ra, dec, label,
/// p_spiral, predicted_class` (spiral/elliptical at the model's threshold).
public enum AuditAnnotations {
  public static let fileName = "test_annotations.csv"

  /// The column with side labels of split `name`.
  public static func sideColumn(_ name: String) -> String { "side_" + ModelJob.fileStem(name) }
  /// The column with model `name`'s p_spiral.
  public static func probabilityColumn(_ name: String) -> String { "p_" + name }

  public static func write(analysis: AuditAnalysis, to folder: URL) throws {
    let test = analysis.design.test
    let sample = analysis.sample
    let sides = analysis.configuration.splits.indices.map(analysis.testSides)
    let coordinates = { (i: Int) -> [String] in
      let d = sample.directions[i]
      return [
        sample.ids[i], String(format: "%.6f", d.ra), String(format: "%.6f", d.dec), String(sample.data.labels[i]),
      ]
    }
    let header =
      ["id", "ra", "dec", "label"] + analysis.configuration.splits.map { sideColumn($0.name) }
      + analysis.outcomes.map { probabilityColumn($0.name) }
    try CSVWriter.write(to: folder.appendingPathComponent(fileName), header: header) { sink in
      for (k, i) in test.enumerated() {
        try sink.append(
          coordinates(i) + sides.map { $0[k].rawValue }
            + analysis.outcomes.map { String(format: "%.6f", $0.testProbabilities[k]) })
      }
    }
    let dir = folder.appendingPathComponent("annotations", isDirectory: true)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for o in analysis.outcomes {
      try CSVWriter.write(
        to: dir.appendingPathComponent("\(o.name).csv"),
        header: ["id", "ra", "dec", "label", "p_spiral", "predicted_class"]
      ) { sink in
        for (k, i) in test.enumerated() {
          let p = o.testProbabilities[k]
          try sink.append(coordinates(i) + [String(format: "%.6f", p), p >= o.threshold ? "spiral" : "elliptical"])
        }
      }
    }
  }
}
