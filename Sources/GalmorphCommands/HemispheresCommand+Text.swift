// galmorph — GalmorphCommands
//
// The text tables of `galmorph hemispheres`.

import Foundation
import Reports

extension HemispheresCommand {
  static func interval(_ v: [Double]) -> String { String(format: "[%.4f, %.4f]", v[0], v[1]) }

  /// ``NumberFormat/pValue()`` (`0.032`, `3.2 × 10⁻⁵`, as in every table), or `< 1e-300` when the value underflowed to 0.
  static func p(_ v: Double) -> String {
    v == 0 ? "< 1e-300" : NumberFormat.pValue().plain(v)
  }

  /// Per split: a side table (N, positives, fraction, Wilson and Jeffreys intervals) and the tests with raw and
  /// adjusted p; then the scan.
  static func textSummary(_ r: HemispheresReport) -> String {
    let label = r.positive.map { "\(r.labelColumn) = \($0)" } ?? r.labelColumn
    var out = "galmorph hemispheres — \(r.catalog)\n"
    out += "  \(r.n) labelled galaxies (\(r.nDropped) of \(r.rows) rows dropped for an empty label); "
    out += "\(r.nPositive) with \(label)\n"
    let level = String(format: "%.1f%%", 100 * r.confidence)
    for row in r.splits {
      out += "\nsplit \(row.split)\n"
      out += "  side        N  positives  fraction  Wilson \(level)        Jeffreys \(level)\n"
      for (name, s) in [("A", row.sideA), ("B", row.sideB)] {
        let f = s.fraction.map { String(format: "%.4f", $0) } ?? "   —  "
        out +=
          "  \(name)  " + String(format: "%9d  %9d", s.n, s.positives)
          + "    \(f)  \(interval(s.wilson))  \(interval(s.jeffreys))\n"
      }
      out +=
        "  test (two-sided)" + String(repeating: " ", count: 10) + "p" + String(repeating: " ", count: 11)
        + "\(r.adjustment)-adjusted\n"
      let tests = [
        ("exact binomial", row.pValues.binomial, row.adjusted.binomial),
        (String(format: "two-proportion z=%+.2f", row.zStatistic), row.pValues.z, row.adjusted.z),
        ("Fisher exact", row.pValues.fisher, row.adjusted.fisher),
        ("chi2", row.pValues.chi2, row.adjusted.chi2),
        ("chi2 (Yates)", row.pValues.chi2Yates, row.adjusted.chi2Yates),
      ]
      for (name, raw, adj) in tests {
        out +=
          "  " + name.padding(toLength: 24, withPad: " ", startingAt: 0)
          + "  \(p(raw).padding(toLength: 10, withPad: " ", startingAt: 0))  \(p(adj))\n"
      }
    }
    if let s = r.scan {
      out += "\nhemisphere scan (\(s.axes) axes, HEALPix nside \(s.axisNside)):\n"
      out += String(
        format: "  best axis RA %.1f°, Dec %+.1f° (l %.1f°, b %+.1f°): fraction %.4f vs %.4f, z = %.2f\n",
        s.bestAxis.ra, s.bestAxis.dec, s.bestAxis.l, s.bestAxis.b, s.fractionA, s.fractionB, s.bestZ)
      out += "  local p = \(p(s.localPValue)); look-elsewhere corrected p = \(p(s.pValue)), σ = "
      out += String(format: "%.2f", s.sigma) + " (\(s.permutations) permutations, seed \(s.seed))\n"
    }
    return out
  }
}
