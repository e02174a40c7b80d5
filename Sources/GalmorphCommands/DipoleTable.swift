// galmorph — GalmorphCommands
//
// A small local renderer of dipole significance rows as Markdown and LaTeX (booktabs) tables. The Reports module's
// SignificanceTable will replace it; the interface is kept minimal (rows in, text out) so the swap is one call.

import Foundation

/// Dipole rows as a Markdown or LaTeX table: method, N, axis (RA, Dec, l, b in degrees), amplitude ± error,
/// p-value and σ.
///
/// Formatting: the error is shown with 2 significant digits and the amplitude to the same decimal place;
/// p ≥ 0.001 with 3 decimals, smaller p in scientific notation with 3 significant digits (LaTeX: `$a\times10^{b}$`);
/// σ with 2 decimals; angles with 1 decimal. Missing values print as an em dash.
struct DipoleTable {
  var rows: [DipoleResultRow]

  static let methodNames = ["cosine-fit": "cos-fit", "bernoulli-likelihood": "Bernoulli ML"]

  /// `0.1234 ± 0.0056` (plain) — the amplitude rounded to the error's second significant digit.
  static func amplitudeText(_ a: Double, _ err: Double, separator: String = " ± ") -> String {
    guard a.isFinite, err.isFinite, err > 0 else { return String(format: "%.4f", a) + separator + String(format: "%.4f", err) }
    let decimals = min(8, max(0, 1 - Int(log10(err).rounded(.down))))
    return String(format: "%.\(decimals)f", a) + separator + String(format: "%.\(decimals)f", err)
  }

  /// `0.012` or `5.00e-04`.
  static func pText(_ p: Double?) -> String {
    guard let p, p.isFinite else { return "—" }
    return p >= 0.001 ? String(format: "%.3f", p) : String(format: "%.2e", p)
  }

  /// `$5.00\times10^{-4}$` or `$0.012$`.
  static func pLaTeX(_ p: Double?) -> String {
    guard let p, p.isFinite else { return "--" }
    if p >= 0.001 { return "$" + String(format: "%.3f", p) + "$" }
    let parts = String(format: "%.2e", p).split(separator: "e")
    let exponent = Int(parts[1]) ?? 0
    return "$\(parts[0])\\times10^{\(exponent)}$"
  }

  static func sigmaText(_ s: Double?) -> String {
    guard let s, s.isFinite else { return "—" }
    return String(format: "%.2f", s)
  }

  static func angle(_ v: Double) -> String { String(format: "%.1f", v) }

  /// A Markdown (GitHub) table with a header row.
  func markdown() -> String {
    var out = "| Method | N | RA (°) | Dec (°) | l (°) | b (°) | Amplitude | p | σ |\n"
    out += "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    for r in rows {
      let a = r.bestAxis
      let cells = [Self.methodNames[r.method] ?? r.method, String(r.n), Self.angle(a.ra), Self.angle(a.dec),
                   Self.angle(a.l), Self.angle(a.b), Self.amplitudeText(r.amplitude, r.amplitudeErr),
                   Self.pText(r.pValue), Self.sigmaText(r.sigma)]
      out += "| " + cells.joined(separator: " | ") + " |\n"
    }
    return out
  }

  /// A LaTeX `tabular` with booktabs rules (`\usepackage{booktabs}`).
  func latex() -> String {
    var out = "\\begin{tabular}{lrrrrrrrr}\n\\toprule\n"
    out += "Method & $N$ & RA ($^\\circ$) & Dec ($^\\circ$) & $l$ ($^\\circ$) & $b$ ($^\\circ$) & Amplitude & $p$ & $\\sigma$ \\\\\n"
    out += "\\midrule\n"
    for r in rows {
      let a = r.bestAxis
      let sigma = r.sigma.map { $0.isFinite ? String(format: "%.2f", $0) : "--" } ?? "--"
      let cells = [Self.methodNames[r.method] ?? r.method, String(r.n), Self.angle(a.ra), Self.angle(a.dec),
                   Self.angle(a.l), Self.angle(a.b), "$" + Self.amplitudeText(r.amplitude, r.amplitudeErr, separator: " \\pm ") + "$",
                   Self.pLaTeX(r.pValue), sigma]
      out += cells.joined(separator: " & ") + " \\\\\n"
    }
    out += "\\bottomrule\n\\end{tabular}\n"
    return out
  }
}
