// galmorph — Reports
//
// A standalone LaTeX document wrapping tables (to compile, preview or paste from).

import Foundation
import GalmorphSupport

/// A complete `article` document holding one or more booktabs tables, compilable with `pdflatex` from a stock
/// TeX Live (needs only the `booktabs` package; LaTeX ≥ 2018 reads UTF-8 input by default). Useful to proof-read
/// tables before pasting their `latex()` into a paper, and to test that the generated source compiles.
///
/// ```latex
/// \documentclass{article}
/// \usepackage{booktabs}
/// \begin{document}
/// \section*{Title}
/// \begin{table}[htbp] ... \end{table}
/// \end{document}
/// ```
public struct LaTeXDocument: Sendable {
  /// Unnumbered section heading above the tables (escaped), or `nil`.
  public var title: String?
  public var tables: [SignificanceTable]
  /// Extra preamble lines inserted after `\usepackage{booktabs}` (raw LaTeX).
  public var preamble: [String]

  public init(title: String? = nil, tables: [SignificanceTable], preamble: [String] = []) {
    self.title = title; self.tables = tables; self.preamble = preamble
  }

  /// The document source.
  public func render() -> String {
    var out = "\\documentclass{article}\n\\usepackage{booktabs}\n"
    for line in preamble { out += line + "\n" }
    out += "\\begin{document}\n"
    if let title { out += "\\section*{\(LaTeXText.escape(title))}\n" }
    for t in tables { out += "\n" + t.latex() }
    out += "\n\\end{document}\n"
    return out
  }

  /// Writes `render()` to `url` atomically (e.g. `report/tables.tex`).
  public func write(to url: URL) throws { try AtomicFile.write(render(), to: url) }
}
