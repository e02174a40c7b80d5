// galmorph — GalmorphCommands
//
// The files of `galmorph dipole --out DIR` and the text summary.

import FITSIO
import Foundation
import GalmorphSupport
import Plotting
import Reports
import SkyGeometry
import SkyStatistics

extension DipoleCommand {
  /// File names inside the `--out` folder.
  enum OutputName {
    static let fits = "sigma_map.fits", png = "sigma_map.png", json = "dipole.json"
    static let markdown = "dipole.md", latex = "dipole.tex"
  }

  /// Writes every output to a staging folder inside `dir`, then moves them into place together; records the file
  /// paths in `report.files`.
  func writeOutputs(
    report: inout DipoleReport, map: SigmaMap?, healpix: (pixelization: HEALPix, values: [Double])?,
    to dir: URL
  ) throws {
    let staging = try OutputStaging(directory: dir)
    var files: [String: String] = [
      "json": dir.appendingPathComponent(OutputName.json).path,
      "markdown": dir.appendingPathComponent(OutputName.markdown).path,
      "latex": dir.appendingPathComponent(OutputName.latex).path,
    ]
    if let map, let healpix {
      files["fits"] = dir.appendingPathComponent(OutputName.fits).path
      files["png"] = dir.appendingPathComponent(OutputName.png).path
      let cards =
        FITSCard.provenance(report.provenance) + [
          FITSCard("GMGRID", map.grid.name, comment: "sigma-map axis grid (sampled by nearest axis)"),
          FITSCard("GMNPERM", map.permutations, comment: "label permutations of the random baseline"),
          FITSCard("GMBSTRA", map.bestAxis.ra, comment: "[deg] RA of the max-sigma axis"),
          FITSCard("GMBSTDEC", map.bestAxis.dec, comment: "[deg] Dec of the max-sigma axis"),
          FITSCard("GMBSTSIG", map.bestSigma, comment: "max sigma on the grid"),
        ]
      try HEALPixMapWriter(nside: healpix.pixelization.nside, nested: healpix.pixelization.ordering == .nested).write(
        healpix.values, cards: cards,
        to: staging.url(OutputName.fits))
      try Figure(map: Self.mollweide(map, report: report)).writePNG(to: staging.url(OutputName.png))
    }
    report.files = files
    let table = try report.table()
    try staging.write(try report.jsonData(), name: OutputName.json)
    try staging.write(Data(table.markdown().utf8), name: OutputName.markdown)
    try staging.write(Data(table.latex().utf8), name: OutputName.latex)
    try staging.commit()
  }

  /// The σ-map in Mollweide projection (``MollweideMap/sigmaMap(_:title:colorBarLabel:colorLimits:markBestAxis:)``),
  /// symmetric limits, best axis and antipode marked.
  static func mollweide(_ map: SigmaMap, report: DipoleReport) -> MollweideMap {
    .sigmaMap(
      map, title: "σ-map of \(report.labelColumn)\(report.positive.map { " = \($0)" } ?? ""), N = \(report.n)",
      colorBarLabel: "σ (cos-fit vs \(map.permutations) random labelings)")
  }

  /// The readable summary printed without `--json`.
  static func textSummary(_ r: DipoleReport) -> String {
    var out = "galmorph dipole — \(r.catalog)\n"
    let label = r.positive.map { "\(r.labelColumn) = \($0)" } ?? "\(r.labelColumn) (0/1 or probability)"
    out += "  galaxies: \(r.n) labelled (\(r.nDropped) of \(r.rows) rows dropped for an empty label); "
    out +=
      "label \(label): sum \(r.nPositive == r.nPositive.rounded() ? String(Int(r.nPositive)) : String(format: "%.4f", r.nPositive)), mean \(String(format: "%.4f", r.nPositive / Double(max(1, r.n))))\n"
    for row in r.results {
      let a = row.bestAxis
      out += "\n\(row.method.displayName):\n"
      out += String(format: "  best axis   RA %.2f°, Dec %+.2f°  (l %.2f°, b %+.2f°)", a.ra, a.dec, a.l, a.b)
      if let e = row.directionErrDegrees { out += String(format: ", ±%.1f°", e) }
      let amplitude = NumberFormat.uncertainty(digits: 2).format(value: row.amplitude, error: row.amplitudeErr)
      out += "\n  amplitude   \(amplitude.value.plain) ± \(amplitude.error.plain) (1σ)\n"
      out +=
        "  p = \(NumberFormat.pValue().plain(row.pValue)), σ = \(NumberFormat.fixed(decimals: 2).plain(row.sigma))  (\(row.pValueMethod)"
      out += row.permutations.map { ", \($0) permutations, seed \(row.seed.map(String.init) ?? "-")" } ?? ""
      out += ")\n"
    }
    if let m = r.sigmaMap {
      out += "\nσ-map (\(m.grid), \(m.axes) axes): "
      out += String(format: "max σ %.2f at RA %.1f°, Dec %+.1f°\n", m.bestSigma, m.bestAxis.ra, m.bestAxis.dec)
    }
    if let files = r.files {
      out += "\nwrote: " + files.keys.sorted().compactMap { files[$0] }.joined(separator: ", ") + "\n"
    }
    return out
  }
}
