// galmorph — ReportsTests

import AnisotropyAudit
import Foundation
import GalmorphSupport
import Plotting
import Testing
import _GalmorphTestSupport
@testable import Reports

@Suite("Audit reports: tables, figures, report and notebook from an AuditResult")
struct AuditReportTests {
  static let expectedFiles = [
    "audit.csv", "audit_seeds.csv", "audit_controls.csv", "audit_dipoles.csv", "audit.md", "report.md", "audit.tex",
    "audit.ipynb", "figures/map_truth.png", "figures/sigma_truth.png", "figures/fraction_ra.png",
    "figures/fraction_dec.png", "figures/roc_seed1.png", "figures/context_d.png",
  ]

  @Test("every format is written, no staging folder is left behind")
  func filesWritten() throws {
    let f = try AuditFixture.get()
    let names = Set(f.written.map { MarkdownReport.relativePath(of: $0, from: f.folder) })
    for name in Self.expectedFiles { #expect(names.contains(name), "missing \(name)") }
    // Maps and σ-maps of the truth, every sky model and control unit 1's models (not of all M units).
    let featured = f.result.models.filter { !$0.role.isControl || $0.unit == 1 }.count
    #expect(featured == 2 * f.result.configuration.seeds.count * (f.result.splits.count + 1))
    #expect(names.filter { $0.hasPrefix("figures/map_") }.count == 1 + featured)
    #expect(names.filter { $0.hasPrefix("figures/roc_seed") }.count == f.result.configuration.seeds.count)
    if f.result.configuration.dipolePermutations >= 2 {
      #expect(names.filter { $0.hasPrefix("figures/sigma_") }.count == 1 + featured)
    }
    for url in f.written { #expect(FileManager.default.fileExists(atPath: url.path), "\(url.path) not on disk") }
    let hidden = try FileManager.default.contentsOfDirectory(atPath: f.folder.path).filter { $0.hasPrefix(".galmorph") }
    #expect(hidden.isEmpty)
  }

  @Test("the planted Dec context is detected and the RA split is not (the fixture is a real analysis)")
  func fixtureVerdicts() throws {
    let f = try AuditFixture.get()
    #expect(f.result.splits.map(\.verdict.detected) == [true, false])
    #expect(f.result.splits[0].verdict.direction == "own-side")
  }

  @Test("test_annotations.csv reads back consistent with the result: labels, sides and every model's calls")
  func testTable() throws {
    let f = try AuditFixture.get()
    let t = try AuditTestTable.read(from: f.folder.appendingPathComponent("test_annotations.csv"), result: f.result)
    #expect(t.count == f.result.input.testGalaxies && t.labels.reduce(0, +) == f.result.input.testSpirals)
    for s in f.result.splits {
      let sides = try #require(t.sides[s.name])
      #expect(sides.filter { $0 == .a }.count == s.trueFraction[0].n)
      #expect(zip(sides, t.labels).filter { $0 == .a && $1 == 1 }.count == s.trueFraction[0].k)
    }
    let report = AuditReport(result: f.result, folder: f.folder)
    for m in f.result.models {
      // No models/<name>.json in the fixture: the threshold falls back to 0.5, the fixture's threshold.
      #expect(report.calls(m, t).reduce(0, +) == m.calledSpiral.k, "\(m.name)")
    }
  }

  @Test("audit.csv holds exactly the result's numbers, row per split")
  func verdictCSV() throws {
    let f = try AuditFixture.get()
    let layout = try AuditReport(result: f.result, folder: f.folder).tables().verdicts
    let t = try SignificanceTable.readCSV(from: f.folder.appendingPathComponent("audit.csv"), layout: layout)
    #expect(t.rows.count == f.result.splits.count)
    for (row, s) in zip(t.rows, f.result.splits) {
      #expect(row[0] == .text(s.name))
      #expect(row[1] == .integer(s.trueFraction[0].n) && row[2] == .integer(s.trueFraction[1].n))
      #expect(row[1] == .integer(s.seeds[0].sky.counts[0]))
      #expect(row[3] == .number(s.meanD))
      #expect(row[4] == .interval(lower: s.sky.interval95[0], upper: s.sky.interval95[1]))
      #expect(row[5] == .number(s.meanDSpirals) && row[6] == .number(s.meanDEllipticals))
      #expect(row[7] == .number(s.shift.mean))
      #expect(row[8] == .interval(lower: s.shift.interval95[0], upper: s.shift.interval95[1]))
      #expect(row[9] == .measurement(value: s.controlMeanD, error: s.controlSDD))
      #expect(row[10] == .measurement(value: s.controlMeanS, error: s.controlSDS))
      #expect(row[11] == .number(s.test.skyComponents.absD) && row[12] == .pValue(s.test.componentP[0]))
      #expect(row[13] == .number(s.test.skyComponents.absS) && row[14] == .pValue(s.test.componentP[1]))
      #expect(row[15] == .pValue(s.test.pValue) && row[16] == .pValue(s.pAdjusted))
      #expect(
        row[17] == .verdict(s.verdict.detected)
          && row[18] == .text(s.verdict.conclusive ? s.verdict.direction : "no verdict"))
    }
    // Independent reader: pandas sees the same header and values.
    if let py = ExternalTool.pythonWithNbformat {
      let script =
        "import pandas as pd, json\nd = pd.read_csv('audit.csv')\n"
        + "print(json.dumps({'cols': list(d.columns), 'meanD': list(d['D']), 'p': list(d['p'])}))"
      let r = try ExternalTool.run(py, ["-c", script], in: f.folder)
      #expect(r.status == 0, "\(r.output)")
      struct Out: Decodable { var cols: [String]; var meanD: [Double]; var p: [Double] }
      let out = try JSONDecoder().decode(Out.self, from: Data(r.output.utf8))
      #expect(
        out.cols.first == "split" && out.cols.contains("control_D_err") && out.cols.contains("D_ci_lo")
          && out.cols.contains("S") && out.cols.contains("p_S"))
      #expect(out.meanD == f.result.splits.map(\.meanD))
      #expect(out.p == f.result.splits.map(\.test.pValue))
    }
  }

  @Test("audit_seeds.csv, audit_controls.csv and audit_dipoles.csv hold the per-seed, control and dipole numbers")
  func seedAndDipoleCSV() throws {
    let f = try AuditFixture.get()
    let tables = try AuditReport(result: f.result, folder: f.folder).tables()
    let seeds = try SignificanceTable.readCSV(
      from: f.folder.appendingPathComponent("audit_seeds.csv"), layout: tables.seeds)
    let analyses = f.result.splits.flatMap { s in s.seeds.map { (s.name, $0) } }
    #expect(seeds.rows.count == analyses.count)
    for (row, (name, a)) in zip(seeds.rows, analyses) {
      #expect(row[0] == .text(name) && row[1] == .text(String(a.seed)))
      #expect(
        row[2] == .number(a.sky.d) && row[4] == .number(a.sky.dSpirals!) && row[5] == .number(a.sky.dEllipticals!))
      #expect(row[3] == .interval(lower: a.sky.interval95[0], upper: a.sky.interval95[1]))
      #expect(row[6] == .number(a.sky.shift))
      #expect(row[7] == .interval(lower: a.sky.shiftInterval95[0], upper: a.sky.shiftInterval95[1]))
      #expect(row[8] == .number(a.sky.agreement) && row[9] == .pValue(a.mcNemar))
      #expect(row[10] == .number(a.models[0].errorRate[0].value) && row[13] == .number(a.models[1].errorRate[1].value))
      #expect(row[14] == .number(a.sky.fractions[0][0]) && row[15] == .number(a.sky.fractions[0][1]))
      #expect(row[16] == .number(a.sky.fractions[1][0]) && row[17] == .number(a.sky.fractions[1][1]))
    }
    let controls = try SignificanceTable.readCSV(
      from: f.folder.appendingPathComponent("audit_controls.csv"),
      layout: tables.controls)
    let units = f.result.splits.flatMap { s in s.controls.map { (s, $0) } }
    #expect(
      controls.rows.count == units.count && units.count == f.result.splits.count * f.result.configuration.controls)
    for (row, (s, u)) in zip(controls.rows, units) {
      let c = s.test.controlComponents[u.unit - 1]
      #expect(row[0] == .text(s.name) && row[1] == .integer(u.unit) && row[6] == .number(u.statistic))
      #expect(row[3] == .number(u.shift.reduce(0, +) / Double(u.shift.count)))
      #expect(row[4] == .number(c.absD) && row[5] == .number(c.absS))
      #expect(row[7] == .verdict(u.statistic >= s.test.sky))
    }
    // The rank test's count is the number of "yes" rows of its split.
    for s in f.result.splits {
      #expect(controls.rows.filter { $0[0] == .text(s.name) && $0[7] == .verdict(true) }.count == s.test.atLeastAsLarge)
    }
    let dipoles = try SignificanceTable.readCSV(
      from: f.folder.appendingPathComponent("audit_dipoles.csv"),
      layout: tables.dipoles)
    #expect(dipoles.rows.count == f.result.dipoles.count && dipoles.rows.first?[0] == .text("truth"))
    for (row, d) in zip(dipoles.rows, f.result.dipoles) {
      #expect(row[2] == .integer(d.n) && row[3] == .measurement(value: d.amplitude, error: d.amplitudeErr))
      #expect(row[4] == .number(d.axis.ra) && row[5] == .number(d.axis.dec))
      #expect(row[7] == .pValue(d.pValue) && row[8] == .pValue(d.pAdjusted))
    }
  }

  @Test("audit.md and report.md show the tables, verdict statements, figures and provenance")
  func markdown() throws {
    let f = try AuditFixture.get()
    let md = try String(contentsOf: f.folder.appendingPathComponent("audit.md"), encoding: .utf8)
    let tables = try AuditReport(result: f.result, folder: f.folder).tables()
    #expect(md.contains(tables.verdicts.markdown()) && md.contains(tables.dipoles.markdown()))
    #expect(md.contains(tables.controls.markdown()) && md.contains("**Null hypothesis.**"))
    let s = f.result.splits[0]
    // Control mean D ± sd to two figures on the error, as NumberFormat.uncertainty prints it.
    let (v, e) = NumberFormat.uncertainty(digits: 2).format(value: s.controlMeanD, error: s.controlSDD)
    #expect(md.contains("\(v.plain) ± \(e.plain)"))
    let report = try String(contentsOf: f.folder.appendingPathComponent("report.md"), encoding: .utf8)
    for split in f.result.splits { #expect(report.contains(split.verdict.statement)) }
    #expect(report.contains("](figures/context_d.png)") && report.contains("](figures/map_truth.png)"))
    #expect(report.contains("## Provenance") && report.contains("galmorph audit fake.h5"))
  }

  @Test(
    "audit.tex compiles with pdflatex",
    .enabled(if: ExternalTool.pdflatex != nil, "skipped: pdflatex not found (install texlive-latex-base)"))
  func latexCompiles() throws {
    let f = try AuditFixture.get()
    let folder = try TemporaryFolder("reports-audit-tex")
    defer { folder.cleanup() }
    try FileManager.default.copyItem(at: f.folder.appendingPathComponent("audit.tex"), to: folder.file("audit.tex"))
    let r = try ExternalTool.run(
      ExternalTool.pdflatex ?? "pdflatex",
      ["-interaction=nonstopmode", "-halt-on-error", "audit.tex"], in: folder.url)
    let log = (try? String(contentsOf: folder.file("audit.log"), encoding: .utf8)) ?? r.output
    #expect(r.status == 0, "pdflatex failed:\n\(LaTeXCompileTests.errors(in: log))")
    #expect(try Data(contentsOf: folder.file("audit.pdf")).starts(with: Array("%PDF".utf8)))
    #expect(!log.contains("Missing character"))
    #expect(!log.contains("Overfull \\hbox"), "a table is wider than the page:\n\(String(log.suffix(3000)))")
    let tex = try String(contentsOf: f.folder.appendingPathComponent("audit.tex"), encoding: .utf8)
    #expect(tex.contains("\\label{tab:audit}") && tex.contains("\\label{tab:audit-seeds}") && tex.contains("\\toprule"))
  }

  @Test(
    "audit.ipynb validates with nbformat and its pandas cells reload the files",
    .enabled(if: ExternalTool.pythonWithNbformat != nil, "skipped: python3 with nbformat not found"))
  func notebookValidates() throws {
    let f = try AuditFixture.get()
    let url = f.folder.appendingPathComponent("audit.ipynb")
    let v = try NotebookTests.validate(url)
    #expect(v.status == 0, "nbformat rejected the notebook:\n\(v.output)")
    // Run every code cell that does not need IPython; compare its stdout with the stored stream output.
    let script = """
      import nbformat, io, contextlib
      nb = nbformat.read("audit.ipynb", as_version=4)
      ns, pngs, ran = {}, 0, 0
      for c in nb.cells:
          if c.cell_type != "code":
              continue
          pngs += sum(1 for o in c.outputs if "image/png" in o.get("data", {}))
          if "IPython" in c.source:
              continue
          buf = io.StringIO()
          with contextlib.redirect_stdout(buf):
              exec(c.source, ns)
          stored = "".join(o.text for o in c.outputs if o.output_type == "stream")
          assert stored == "" or buf.getvalue() == stored, (buf.getvalue(), stored)
          ran += 1
      assert len(ns["verdicts"]) == 2 and len(ns["annotations"]) > 0
      print("ok", ran, pngs)
      """
    let r = try ExternalTool.run(ExternalTool.pythonWithNbformat ?? "python3", ["-c", script], in: f.folder)
    #expect(r.status == 0 && r.output.hasPrefix("ok 6"), "\(r.output)")
    // Embedded: the truth's fraction map and σ-map, the first seed's maps and σ-maps and ROC, the two fraction
    // plots and the D figure.
    let firstSeedModels = f.result.models.filter {
      $0.seed == f.result.configuration.seeds[0] && (!$0.role.isControl || $0.unit == 1)
    }.count
    #expect(r.output.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix(" \(2 * (1 + firstSeedModels) + 4)"))
    let text = try String(contentsOf: url, encoding: .utf8)
    #expect(text.contains("(figures/roc_seed2.png)") && text.contains("(figures/map_control01-seed2-B.png)"))
  }

  @Test("figures decode as PNGs of the requested size; maps colour only pixels inside the ellipse")
  func pngsDecode() throws {
    let f = try AuditFixture.get()
    for url in f.written where url.pathExtension == "png" {
      let image = try RGBAImage(contentsOfPNG: url)
      if url.lastPathComponent.hasPrefix("map_") {
        #expect(image.width == Int(8 * AuditFixture.dpi) && image.height == Int(5 * AuditFixture.dpi))
        #expect(image.pixel(x: 1, y: 1) == [255, 255, 255, 255])  // outside the map: white background
      } else {
        #expect(image.width > 100 && image.height > 100)
      }
    }
  }

  @Test("audit.json → AuditReport.load → second rendering: byte-identical tables, reports and notebook")
  func rerenderIsIdentical() throws {
    let f = try AuditFixture.get()
    let out = try TemporaryFolder("reports-audit-again")
    defer { out.cleanup() }
    var report = try AuditReport.load(auditJSON: f.folder.appendingPathComponent("audit.json"), folder: out.url)
    report.dpi = AuditFixture.dpi
    let written = try report.write()
    #expect(written.count == f.written.count)
    for name in ["audit.md", "audit.csv", "audit_seeds.csv", "audit_dipoles.csv", "audit.tex", "figures/context_d.png"]
    {
      let a = try Data(contentsOf: f.folder.appendingPathComponent(name))
      let b = try Data(contentsOf: out.file(name))
      #expect(a == b, "\(name) differs after the round trip through audit.json")
    }
    // report.md links the annotations of the source folder from the new folder.
    let md = try String(contentsOf: out.file("report.md"), encoding: .utf8)
    #expect(
      md.contains(
        MarkdownReport.relativePath(of: f.folder.appendingPathComponent("test_annotations.csv"), from: out.url)))
  }

  @Test("--format subsets write only their files")
  func formatSubset() throws {
    let f = try AuditFixture.get()
    let out = try TemporaryFolder("reports-audit-subset")
    defer { out.cleanup() }
    let report = AuditReport(result: f.result, folder: out.url, sourceFolder: f.folder)
    let written = try report.write(formats: [.csv, .tex], caption: "My caption & more", label: "tab:mine")
    #expect(
      written.map(\.lastPathComponent) == [
        "audit.csv", "audit_seeds.csv", "audit_controls.csv", "audit_dipoles.csv", "audit.tex",
      ])
    let tex = try String(contentsOf: out.file("audit.tex"), encoding: .utf8)
    #expect(tex.contains("My caption \\& more") && tex.contains("\\label{tab:mine-dipoles}"))
    #expect(!FileManager.default.fileExists(atPath: out.file("figures").path))
  }
}
