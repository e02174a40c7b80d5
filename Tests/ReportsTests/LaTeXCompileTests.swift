// galmorph — ReportsTests

import Foundation
import Testing
import _GalmorphTestSupport
import Reports

@Suite("Standalone LaTeX documents compile with pdflatex")
struct LaTeXCompileTests {
  /// A second table stressing every cell kind with special values and special characters in every text position.
  static func stressTable() throws -> SignificanceTable {
    try SignificanceTable(
      title: "Every cell kind & 100% of the $pecial #chars_{}", caption: "~ ^ \\ ± × − ≤ ≥ ° σ χ² Δ ℓ – — “quoted”",
      label: "tab:stress",
      columns: [
        TableColumn(key: "t", header: "Text_&_%", kind: .text),
        TableColumn(key: "i", header: "Int #", kind: .integer),
        TableColumn(key: "x", header: "Number {x}", unit: "deg^2", kind: .number, format: .scientific(digits: 3)),
        TableColumn(key: "m", header: "Value ± σ", kind: .measurement, format: .fixed(decimals: 2)),
        TableColumn(key: "ci", header: "CI ~", kind: .interval),
        TableColumn(key: "p", header: "p $", kind: .pValue),
        TableColumn(
          key: "v", header: "Verdict \\", kind: .verdict(ifTrue: "reject H₀? yes_1", ifFalse: "no ~"),
          latexHeader: "Verdict ($\\alpha=0.05$)"),
      ],
      rows: [
        [
          .text("a & b % c $ d # e _ f { g } h ~ i ^ j \\ k | < >"), .integer(-42), .number(6.02214076e23),
          .measurement(value: -1.005, error: 0.125), .interval(lower: -.infinity, upper: .infinity),
          .pValue(1e-300), .verdict(true),
        ],
        [
          .text("σ = 1.2°, Δχ² ≥ 4, ℓ ≈ 264"), .integer(0), .number(.nan), .missing, .missing, .pValue(0.5),
          .verdict(false),
        ],
        [.missing, .missing, .missing, .missing, .missing, .missing, .missing],
      ],
      footnotes: ["Footnote with & % $ # _ { } ~ ^ \\ characters.", "Second note: α = 0.05."])
  }

  @Test(
    "a document with every cell kind and special characters compiles to a PDF",
    .enabled(if: ExternalTool.pdflatex != nil, "skipped: pdflatex not found (install texlive-latex-base)"))
  func compiles() throws {
    let folder = try TemporaryFolder("reports-latex")
    defer { folder.cleanup() }
    let doc = LaTeXDocument(
      title: "galmorph tables — test", tables: [try Fixtures.auditTable(), try LaTeXCompileTests.stressTable()])
    try doc.write(to: folder.file("tables.tex"))
    let r = try ExternalTool.run(
      ExternalTool.pdflatex ?? "pdflatex",
      ["-interaction=nonstopmode", "-halt-on-error", "tables.tex"], in: folder.url)
    let log = (try? String(contentsOf: folder.file("tables.log"), encoding: .utf8)) ?? r.output
    #expect(r.status == 0, "pdflatex failed:\n\(LaTeXCompileTests.errors(in: log))")
    let pdf = try Data(contentsOf: folder.file("tables.pdf"))
    #expect(pdf.starts(with: Array("%PDF".utf8)))
    #expect(!log.contains("Missing character"), "a glyph is missing from the font:\n\(String(log.suffix(2000)))")
    if let pdftotext = ExternalTool.find("pdftotext") {
      let t = try ExternalTool.run(pdftotext, ["tables.pdf", "-"], in: folder.url)
      #expect(t.output.contains("264.0") && t.output.contains("10000"))
    }
  }

  @Test(
    "the compile check is able to fail: an unescaped & in a cell breaks pdflatex",
    .enabled(if: ExternalTool.pdflatex != nil, "skipped: pdflatex not found (install texlive-latex-base)"))
  func brokenSourceFails() throws {
    let folder = try TemporaryFolder("reports-latex-bad")
    defer { folder.cleanup() }
    let source = LaTeXDocument(tables: [try Fixtures.auditTable()]).render()
      .replacingOccurrences(of: "random split", with: "random & split & & & extra")
    try Data(source.utf8).write(to: folder.file("bad.tex"))
    let r = try ExternalTool.run(
      ExternalTool.pdflatex ?? "pdflatex",
      ["-interaction=nonstopmode", "-halt-on-error", "bad.tex"], in: folder.url)
    #expect(r.status != 0)
  }

  /// The `! …` error lines of a pdflatex log with the two lines after each (the offending source).
  static func errors(in log: String) -> String {
    let lines = log.components(separatedBy: "\n")
    var out: [String] = []
    for (i, l) in lines.enumerated() where l.hasPrefix("!") { out += lines[i..<min(lines.count, i + 3)] }
    return out.isEmpty ? String(log.suffix(2000)) : out.joined(separator: "\n")
  }

  @Test("the document wraps tables in article + booktabs")
  func documentShape() throws {
    let text = LaTeXDocument(title: "T_1", tables: [try Fixtures.auditTable()], preamble: ["\\usepackage{amsmath}"])
      .render()
    #expect(
      text.hasPrefix(
        "\\documentclass{article}\n\\usepackage{booktabs}\n\\usepackage{amsmath}\n\\begin{document}\n"
          + "\\section*{T\\_1}\n"))
    #expect(text.hasSuffix("\\end{table}\n\n\\end{document}\n"))
  }
}
