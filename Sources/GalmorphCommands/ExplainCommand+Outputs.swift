// galmorph — GalmorphCommands
//
// `galmorph explain`'s files: the HDF5 of maps, the CSV of outside shares, contact sheets and the JSON summary.

import Attribution
import CatalogIO
import Foundation
import GalmorphSupport
import HDF5IO
import MorphologyClassifier
import Plotting

extension ExplainCommand {
  /// `explain.json`.
  struct Summary: Encodable {
    var galaxies: Int
    var methods: [String]
    var galaxiesPerSecond: [String: Double]
    /// Mean share of |attribution| outside the footprint per method, over all galaxies and per true class.
    var meanOutsideShare: [String: Double]
    var meanOutsideShareSpirals: [String: Double]
    var meanOutsideShareEllipticals: [String: Double]
    var maxCompletenessGap: Double?
    /// `truth` or `segmentation`.
    var footprint: FootprintSource
    var provenance: Provenance
    enum CodingKeys: String, CodingKey {
      case galaxies, methods, galaxiesPerSecond = "galaxies_per_second", meanOutsideShare = "mean_outside_share"
      case meanOutsideShareSpirals = "mean_outside_share_spirals"
      case meanOutsideShareEllipticals = "mean_outside_share_ellipticals"
      case maxCompletenessGap = "integrated_gradients_max_completeness_gap", footprint, provenance
    }
  }

  func writeOutputs(
    folder: URL, dataset: LabelledDataset, chosen: [Int], explanations: [Explanation], methods: [AttributionMethod],
    seconds: [AttributionMethod: Double], modelHash: String, modelURL: URL, footprint: FootprintSource
  ) throws {
    let n = chosen.count, s = dataset.recipe.inputSize, c = dataset.recipe.channels
    let provenance = Provenance(
      seed: data.seed, modelSHA256: modelHash,
      inputs: [dataset.source: dataset.sourceSHA256, modelURL.path: modelHash],
      extra: [
        "patch": String(patch), "stride": String(stride), "smoothgrad_samples": String(smoothGradSamples),
        "ig_steps": String(igSteps),
      ])
    try HDF5File.create(at: folder.appendingPathComponent("attributions.h5")) { f in
      try f.createDataset("input", shape: [n, s, s, c], values: chosen.flatMap { dataset.image($0).pixels })
      try f.createDataset("row", shape: [n], values: chosen.map { Int64(dataset.rows[$0]) })
      try f.createDataset("label", shape: [n], values: chosen.map { Int64(dataset.labels[$0]) })
      try f.createDataset("p_spiral", shape: [n], values: explanations.map(\.pSpiral))
      try f.createDataset(
        "mask", shape: [n, s, s], values: explanations.flatMap { $0.footprint.map { UInt8($0 ? 1 : 0) } })
      for m in methods {
        try f.createDataset(m.key, shape: [n, s, s], values: explanations.flatMap { $0.maps[m]!.map(Float.init) })
      }
      try f.attributes.write("provenance", string: String(decoding: try provenance.jsonData(), as: UTF8.self))
    }
    let header =
      ["row", "label", "p_spiral", "footprint_pixels"] + methods.map { "outside_share_" + $0.key }
      + (methods.contains(.integratedGradients) ? ["ig_completeness_gap"] : [])
    let rows: [[String?]] = zip(chosen, explanations).map { i, e in
      [
        String(dataset.rows[i]), String(dataset.labels[i]), String(format: "%.6f", e.pSpiral),
        String(e.footprint.filter { $0 }.count),
      ]
        + methods.map { m in e.outsideShare[m].flatMap { $0.isNaN ? nil : String(format: "%.4f", $0) } }
        + (methods.contains(.integratedGradients) ? [e.completenessGap.map { String(format: "%.5f", $0) }] : [])
    }
    try CSVWriter.write(header: header, rows: rows, to: folder.appendingPathComponent("attribution.csv"))

    for m in methods {
      var tiles: [ContactSheet.Tile] = []
      for (i, e) in zip(chosen, explanations) {
        let rgb = dataset.image(i).displayRGB()
        let share = e.outsideShare[m].map { $0.isNaN ? "outside –" : String(format: "outside %.2f", $0) } ?? ""
        tiles.append(
          .init(
            width: s, height: s, rgb: rgb,
            caption: ["row \(dataset.rows[i])", dataset.labels[i] == 1 ? "spiral" : "elliptical"]))
        tiles.append(
          .init(
            width: s, height: s, rgb: AttributionRendering.overlay(rgb: rgb, map: e.maps[m]!),
            caption: [String(format: "p = %.2f", e.pSpiral), share]))
        tiles.append(
          .init(
            width: s, height: s, rgb: AttributionRendering.footprint(rgb: rgb, mask: e.footprint),
            caption: ["footprint"]))
      }
      try ContactSheet(
        tiles: tiles, columns: 6, magnification: max(1, 128 / s),
        title: "\(m.rawValue): cutout | map (red: for spiral, blue: against) | footprint"
      ).writePNG(to: folder.appendingPathComponent("sheet-\(m.rawValue).png"))
    }

    func mean(_ m: AttributionMethod, _ keep: (Int) -> Bool) -> Double {
      let v = zip(chosen, explanations).filter { keep($0.0) }.compactMap { $0.1.outsideShare[m] }.filter { !$0.isNaN }
      return v.isEmpty ? .nan : v.reduce(0, +) / Double(v.count)
    }
    let summary = Summary(
      galaxies: n, methods: methods.map(\.rawValue),
      galaxiesPerSecond: Dictionary(
        uniqueKeysWithValues: methods.map { ($0.rawValue, Double(n) / max(1e-9, seconds[$0] ?? 0)) }),
      meanOutsideShare: Dictionary(uniqueKeysWithValues: methods.map { ($0.rawValue, mean($0) { _ in true }) }),
      meanOutsideShareSpirals: Dictionary(
        uniqueKeysWithValues: methods.map { m in (m.rawValue, mean(m) { dataset.labels[$0] == 1 }) }),
      meanOutsideShareEllipticals: Dictionary(
        uniqueKeysWithValues: methods.map { m in (m.rawValue, mean(m) { dataset.labels[$0] == 0 }) }),
      maxCompletenessGap: explanations.compactMap(\.completenessGap).map(abs).max(), footprint: footprint,
      provenance: provenance)
    let enc = JSONCoding.encoder()
    enc.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    try AtomicFile.write(try enc.encode(summary), to: folder.appendingPathComponent("explain.json"))
    for m in methods {
      CommandOutput.line(
        String(
          format: "%@: %.1f galaxies/s; outside the footprint %.3f (spirals %.3f, ellipticals %.3f)", m.rawValue,
          summary.galaxiesPerSecond[m.rawValue]!, summary.meanOutsideShare[m.rawValue]!,
          summary.meanOutsideShareSpirals[m.rawValue]!, summary.meanOutsideShareEllipticals[m.rawValue]!))
    }
    CommandOutput.line("wrote \(folder.path)/attributions.h5, attribution.csv, sheet-*.png, explain.json")
  }
}
