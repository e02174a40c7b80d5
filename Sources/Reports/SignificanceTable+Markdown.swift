// galmorph — Reports
//
// GitHub-flavoured Markdown rendering.

import Foundation

extension SignificanceTable {
  /// A GitHub-flavoured Markdown pipe table (GFM spec §4.10) with a caption line above and numbered notes below:
  ///
  /// ```
  /// **Dipole fits.** Caption text.
  ///
  /// | Model | N     |     Amplitude |          p |
  /// |:------|------:|--------------:|-----------:|
  /// | CNN   | 10000 | 0.031 ± 0.012 | 3.2 × 10⁻⁵ |
  ///
  /// Notes:
  /// 1. Two-sided binomial test.
  /// ```
  /// Columns are padded to a common width (in characters) so the source reads as a table too; the alignment row
  /// uses `:---` / `---:` / `:---:`. Text cells have `|` escaped and line breaks folded.
  public func markdown() -> String {
    let headers = columns.map { MarkdownText.escapeCell($0.displayHeader) }
    let body = rows.map { row in zip(row, columns).map { SignificanceTable.text(of: $0, in: $1, style: .markdown) } }
    var widths = headers.map { max(3, $0.count) }
    for r in body { for (i, s) in r.enumerated() { widths[i] = max(widths[i], s.count) } }

    func pad(_ s: String, _ i: Int) -> String {
      let fill = String(repeating: " ", count: widths[i] - s.count)
      switch columns[i].alignment {
      case .left: return s + fill
      case .right: return fill + s
      case .center:
        let left = (widths[i] - s.count) / 2
        return String(repeating: " ", count: left) + s + String(repeating: " ", count: widths[i] - s.count - left)
      }
    }
    func line(_ cells: [String]) -> String {
      "| " + cells.enumerated().map { pad($1, $0) }.joined(separator: " | ") + " |"
    }

    var out = "**" + MarkdownText.escapeCell(title) + ".**"
    if let caption, !caption.isEmpty { out += " " + MarkdownText.escapeCell(caption) }
    out += "\n\n" + line(headers) + "\n|"
    for (i, c) in columns.enumerated() {
      let w = widths[i]
      switch c.alignment {
      case .left: out += ":" + String(repeating: "-", count: w + 1)
      case .right: out += String(repeating: "-", count: w + 1) + ":"
      case .center: out += ":" + String(repeating: "-", count: w) + ":"
      }
      out += "|"
    }
    out += "\n"
    for r in body { out += line(r) + "\n" }
    if !footnotes.isEmpty {
      out += "\nNotes:\n"
      for (i, n) in footnotes.enumerated() { out += "\(i + 1). " + MarkdownText.escapeCell(n) + "\n" }
    }
    return out
  }
}
