// galmorph — GalmorphCommands
//
// `galmorph systematics`'s files: systematics.json, systematics.csv and one figure per column.

import CatalogIO
import Foundation
import GalmorphSupport
import Plotting
import SkyStatistics

extension SystematicsCommand {
  /// `systematics.json`.
  struct Output: Encodable {
    struct Column: Encodable {
      var column: String, trend: ConditionTrend, holmP: Double, residualHolmP: Double?
      enum CodingKeys: String, CodingKey {
        case column, trend, holmP = "holm_adjusted_p", residualHolmP = "residual_holm_adjusted_p"
      }
    }
    var annotation: String, truth: String?, threshold: Double?, bins: Int, columns: [Column]
    var provenance: Provenance
  }

  func write(
    folder: URL, names: [String], trends: [ConditionTrend], adjusted: [Double], adjustedResidual: [Double]?,
    yName: String, tName: String?, url: URL
  ) throws {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    var inputs = [url.path: try Checksum.sha256(fileAt: url)]
    if let columnsFrom { inputs[columnsFrom] = try Checksum.sha256(fileAt: URL(fileURLWithPath: columnsFrom)) }
    let doc = Output(
      annotation: yName, truth: tName, threshold: threshold, bins: bins,
      columns: names.indices.map {
        .init(column: names[$0], trend: trends[$0], holmP: adjusted[$0], residualHolmP: adjustedResidual?[$0])
      },
      provenance: Provenance(inputs: inputs))
    let enc = JSONCoding.encoder()
    enc.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    try AtomicFile.write(try enc.encode(doc), to: folder.appendingPathComponent("systematics.json"))
    let f = { (v: Double?) -> String? in v.map { String(format: "%.6g", $0) } }
    var rows: [[String?]] = []
    for (name, tr) in zip(names, trends) {
      for (k, b) in tr.bins.enumerated() {
        rows.append(
          [
            name, String(k), f(b.lower), f(b.upper), f(b.median), String(b.count), f(b.mean), f(b.error),
            f(b.truthMean), f(b.difference), f(b.differenceError),
          ])
      }
    }
    try CSVWriter.write(
      header: [
        "column", "bin", "lower", "upper", "median", "count", "mean", "error", "truth_mean", "difference",
        "difference_error",
      ], rows: rows, to: folder.appendingPathComponent("systematics.csv"))
    for (k, (name, tr)) in zip(names, trends).enumerated() where tr.bins.count >= 2 {
      var ax = Axes(
        title: String(
          format: "%@: flat p = %.2g, trend p = %.2g (Holm %.2g)", name, tr.annotation.pValue,
          tr.annotation.slopePValue, adjusted[k]),
        xLabel: name,
        yLabel: threshold != nil || yName.lowercased() == "predicted_class" ? "spiral fraction" : "mean \(yName)")
      let x = tr.bins.map(\.median)
      ax.errorBars(
        x: x, y: tr.bins.map(\.mean), lower: tr.bins.map { $0.mean - $0.error },
        upper: tr.bins.map { $0.mean + $0.error },
        label: yName, connect: true)
      if let tName, tr.bins.allSatisfy({ $0.truthMean != nil }) {
        ax.line(x: x, y: tr.bins.map { $0.truthMean! }, label: "\(tName) (truth)", dash: .dashed, marker: .square)
      }
      let safe = name.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" ? $0 : "_" }
      try Figure(axes: ax).writePNG(to: folder.appendingPathComponent("systematics-\(String(safe)).png"))
    }
  }
}
