// galmorph — Reports
//
// LaTeX (booktabs) rendering.

import Foundation

extension SignificanceTable {
  /// A LaTeX `table` float with a booktabs `tabular` (Fear, *Publication quality tables in LaTeX*, booktabs
  /// manual 2020: no vertical rules, `\toprule`/`\midrule`/`\bottomrule`), `\caption{\textbf{Title.} caption}`
  /// and `\label`, notes in `\footnotesize` under the rule. Needs only `\usepackage{booktabs}`; numbers are set in
  /// plain math mode (`$0.031 \pm 0.012$`, `$3.2\times10^{-5}$`), so siunitx is not required. Text is escaped with
  /// `LaTeXText.escape`; a column's `latexHeader` is inserted verbatim.
  ///
  /// - Parameter placement: the float placement specifier (default `htbp`, LaTeX's own default set).
  public func latex(placement: String = "htbp") -> String {
    let spec = columns.map { c -> String in
      switch c.alignment {
      case .left: "l"
      case .center: "c"
      case .right: "r"
      }
    }.joined()
    let headers = columns.map { $0.latexHeader ?? LaTeXText.escape($0.displayHeader) }
    var out = "\\begin{table}[\(placement)]\n  \\centering\n"
    var cap = "\\textbf{" + LaTeXText.escape(title) + ".}"
    if let caption, !caption.isEmpty { cap += " " + LaTeXText.escape(caption) }
    out += "  \\caption{\(cap)}\n"
    if let label, !label.isEmpty { out += "  \\label{\(label)}\n" }
    out += "  \\begin{tabular}{\(spec)}\n    \\toprule\n"
    out += "    " + headers.joined(separator: " & ") + " \\\\\n    \\midrule\n"
    for row in rows {
      let cells = zip(row, columns).map { SignificanceTable.text(of: $0, in: $1, style: .latex) }
      out += "    " + cells.joined(separator: " & ") + " \\\\\n"
    }
    out += "    \\bottomrule\n  \\end{tabular}\n"
    if !footnotes.isEmpty {
      out += "  \\par\\smallskip\n  {\\footnotesize\n"
      for (i, n) in footnotes.enumerated() { out += "  \\textsuperscript{\(i + 1)}\\,\(LaTeXText.escape(n))\\par\n" }
      out += "  }\n"
    }
    out += "\\end{table}\n"
    return out
  }
}
