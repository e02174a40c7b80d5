// galmorph — Reports
//
// Cell text for the human-readable renderings (Markdown, LaTeX, HTML).

import Foundation

/// The target of a human-readable rendering.
enum RenderStyle { case markdown, latex, html }

extension SignificanceTable {
  /// The text of `cell` in `column` for `style`: numbers formatted with the column's `NumberFormat`, `±` between a
  /// value and its error, intervals as `[a, b]`, verdicts with the column's labels, missing cells as a dash.
  static func text(of cell: TableCell, in column: TableColumn, style: RenderStyle) -> String {
    let f = column.format
    func num(_ n: FormattedNumber) -> String {
      switch style {
      case .markdown: n.plain
      case .latex: n.latexMath
      case .html: n.html
      }
    }
    func math(_ body: String) -> String { style == .latex ? "$\(body)$" : body }
    switch cell {
    case .missing: return style == .latex ? "--" : "—"
    case let .text(s): return escape(s, style)
    case let .integer(i): return math(String(i))
    case let .number(x): return math(num(f.format(x)))
    case let .pValue(p): return math(num(f.format(p)))
    case let .measurement(v, e):
      let (fv, fe) = f.format(value: v, error: e)
      let pm = style == .latex ? " \\pm " : " ± "
      return math(num(fv) + pm + num(fe))
    case let .interval(lo, hi): return math("[" + num(f.format(lo)) + ", " + num(f.format(hi)) + "]")
    case let .verdict(b):
      guard case let .verdict(yes, no) = column.kind else { return b ? "yes" : "no" }
      return escape(b ? yes : no, style)
    }
  }

  static func escape(_ s: String, _ style: RenderStyle) -> String {
    switch style {
    case .markdown: MarkdownText.escapeCell(s)
    case .latex: LaTeXText.escape(s)
    case .html: HTMLText.escape(s)
    }
  }
}

/// Markdown text helpers.
enum MarkdownText {
  /// A table cell: `|` escaped, line breaks folded to spaces (GFM tables are one line per row).
  static func escapeCell(_ s: String) -> String {
    s.replacingOccurrences(of: "\\|", with: "|").replacingOccurrences(of: "|", with: "\\|")
      .replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
      .replacingOccurrences(of: "\r", with: " ")
  }
}

/// HTML text helpers.
enum HTMLText {
  /// Escapes `& < > "` (enough for element content and double-quoted attributes).
  static func escape(_ s: String) -> String {
    var out = ""
    for ch in s {
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default: out.append(ch)
      }
    }
    return out
  }
}
