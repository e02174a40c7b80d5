// galmorph — Reports
//
// HTML rendering (for notebook `text/html` outputs and web reports).

import Foundation

extension SignificanceTable {
  /// An HTML `<table>` with `<caption>`, `<thead>`, `<tbody>` and the notes in a `<tfoot>` cell spanning all
  /// columns; cells carry `style="text-align: …"` from the column alignment. Exponents use `<sup>`. All text is
  /// escaped (`& < > "`), so the fragment is safe to embed.
  public func html() -> String {
    func align(_ c: TableColumn) -> String { " style=\"text-align: \(c.alignment.rawValue)\"" }
    var out = "<table>\n  <caption><b>\(HTMLText.escape(title)).</b>"
    if let caption, !caption.isEmpty { out += " " + HTMLText.escape(caption) }
    out += "</caption>\n  <thead>\n    <tr>"
    for c in columns { out += "<th\(align(c))>\(HTMLText.escape(c.displayHeader))</th>" }
    out += "</tr>\n  </thead>\n  <tbody>\n"
    for row in rows {
      out += "    <tr>"
      for (cell, c) in zip(row, columns) {
        out += "<td\(align(c))>\(SignificanceTable.text(of: cell, in: c, style: .html))</td>"
      }
      out += "</tr>\n"
    }
    out += "  </tbody>\n"
    if !footnotes.isEmpty {
      out += "  <tfoot>\n    <tr><td colspan=\"\(columns.count)\">"
      out += footnotes.enumerated().map { "<sup>\($0 + 1)</sup> \(HTMLText.escape($1))" }.joined(separator: "<br>")
      out += "</td></tr>\n  </tfoot>\n"
    }
    out += "</table>\n"
    return out
  }
}
