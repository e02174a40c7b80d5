// galmorph — ReportsTests

import Foundation
import Testing
import _GalmorphTestSupport
import Reports

@Suite("Table rendering: Markdown, LaTeX, HTML snapshots and validation")
struct TableRenderingTests {
  @Test("Markdown rendering equals its snapshot")
  func markdownSnapshot() throws {
    try expectSnapshot(try Fixtures.auditTable().markdown(), "auditTable.md")
  }

  @Test("LaTeX rendering equals its snapshot")
  func latexSnapshot() throws {
    try expectSnapshot(try Fixtures.auditTable().latex(), "auditTable.tex")
  }

  @Test("HTML rendering equals its snapshot")
  func htmlSnapshot() throws {
    try expectSnapshot(try Fixtures.auditTable().html(), "auditTable.html")
  }

  @Test("Markdown structure: caption line, alignment row, one line per row, notes")
  func markdownStructure() throws {
    let md = try Fixtures.auditTable().markdown()
    let lines = md.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines[0] == "**Dipole fits of the spiral fraction.** Amplitudes are 1σ; 50% of the sky held out.")
    #expect(lines[1].isEmpty)
    let alignment = lines[3]
    let specs = alignment.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
    #expect(specs.count == 8)
    #expect(specs[0].hasPrefix(":") && !specs[0].hasSuffix(":"))  // text left
    #expect(!specs[1].hasPrefix(":") && specs[1].hasSuffix(":"))  // integer right
    #expect(specs[6].hasPrefix(":") && specs[6].hasSuffix(":"))  // centred verdict
    #expect(lines[4].contains("\\| 100%"))  // pipe escaped in text
    #expect(lines[4].contains("3.2 × 10⁻⁵"))
    #expect(lines[4].contains("0.031 ± 0.012"))
    #expect(lines[4].contains("[0.0081, 0.055]"))
    // every table line has the same number of unescaped pipes
    let pipes = lines[2...7].map { $0.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count }
    #expect(Set(pipes) == [9])
    #expect(
      md.hasSuffix(
        "Notes:\n1. p-values are two-sided, from 10^4 isotropic Monte Carlo draws.\n"
          + "2. Holm–Bonferroni correction over 3 tests (α = 0.05).\n"))
  }

  @Test("LaTeX escapes the ten special characters and maps symbols to math mode")
  func latexEscaping() {
    #expect(
      LaTeXText.escape("a & b % c $ d # e _ f { g } h ~ i ^ j \\ k")
        == "a \\& b \\% c \\$ d \\# e \\_ f \\{ g \\} h \\textasciitilde{} i \\textasciicircum{} j "
        + "\\textbackslash{} k")
    #expect(LaTeXText.escape("χ² ± 1σ") == "$\\chi$$^2$ $\\pm$ 1$\\sigma$")
  }

  @Test("LaTeX rendering uses booktabs rules, caption, label and math-mode numbers")
  func latexStructure() throws {
    let tex = try Fixtures.auditTable().latex()
    #expect(
      tex.hasPrefix("\\begin{table}[htbp]\n  \\centering\n  \\caption{\\textbf{Dipole fits of the spiral fraction.}"))
    #expect(tex.contains("\\label{tab:dipole}"))
    #expect(tex.contains("\\begin{tabular}{lrrrrrcl}"))
    for rule in ["\\toprule", "\\midrule", "\\bottomrule"] { #expect(tex.components(separatedBy: rule).count == 2) }
    #expect(tex.contains("$3.2\\times10^{-5}$"))
    #expect(tex.contains("$0.031 \\pm 0.012$"))
    #expect(
      tex.contains("CNN \\& sky\\_split \\#1 \\{x\\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{} \\$5"))
  }

  @Test("rows that do not fit the columns are rejected with the row and column named")
  func validation() throws {
    var t = try SignificanceTable(title: "T", columns: [TableColumn(key: "p", kind: .pValue)])
    #expect(throws: ReportsError.rowLength(table: "T", row: 1, cells: 2, columns: 1)) {
      try t.append([.pValue(0.1), .pValue(0.2)])
    }
    #expect(throws: ReportsError.cellKind(table: "T", row: 1, column: "p", expected: "p-value", found: "text")) {
      try t.append([.text("0.1")])
    }
    try t.append([.missing])
    #expect(t.rows.count == 1)
    #expect(throws: ReportsError.duplicateColumnKey(table: "U", key: "D_err")) {
      try SignificanceTable(
        title: "U",
        columns: [
          TableColumn(key: "D", kind: .measurement),
          TableColumn(key: "D_err", kind: .number),
        ])
    }
    #expect(throws: ReportsError.invalidColumnKey(table: "V", key: "a,b")) {
      try SignificanceTable(title: "V", columns: [TableColumn(key: "a,b", kind: .number)])
    }
    let message = ReportsError.cellKind(table: "T", row: 3, column: "p", expected: "p-value", found: "text").description
    #expect(message.contains("row 3") && message.contains("'p'"))
  }

  @Test("audit layout carries N, estimate ± error, interval, p-value and method")
  func auditColumns() throws {
    var t = try SignificanceTable(
      title: "Hemispheres",
      columns: [TableColumn(key: "split", kind: .text)]
        + SignificanceTable.auditColumns(estimateKey: "delta_f", estimateHeader: "Δf"))
    try t.append([
      .text("north/south"), .integer(5000), .measurement(value: 0.012, error: 0.004),
      .interval(lower: 0.004, upper: 0.02), .pValue(0.0027), .text("two-proportion z"),
    ])
    #expect(t.csv().hasPrefix("split,N,delta_f,delta_f_err,ci_lo,ci_hi,p,method\r\n"))
    #expect(
      t.markdown().contains("| north/south | 5000 | 0.0120 ± 0.0040 | [0.0040, 0.020] | 0.0027 | two-proportion z |"))
  }
}
