// galmorph — Reports
//
// report.md and audit.ipynb: the verdicts in words, the tables, the figures and the provenance.

import AnisotropyAudit
import Foundation

extension AuditReport {
  /// The opening paragraphs shared by report.md and the notebook: the sample, the design and each split's verdict.
  var summaryParagraphs: [String] {
    let i = result.input, c = result.configuration
    let models = 2 * c.seeds.count * (c.splits.count + c.controls)
    var out = [
      "Input `\(i.path)` (SHA-256 `\(i.sha256)`): \(i.galaxies) galaxies, \(i.spirals) spirals. "
        + "Common test set: \(i.testGalaxies) galaxies (\(i.testSpirals) spirals), never trained on. Every model trains "
        + "on \(i.trainingSize) galaxies (\(i.trainingSpirals) spirals) with identical settings; training seeds "
        + c.seeds.map(String.init).joined(separator: ", ")
        + ". Units: one sky unit per split and \(c.controls) control "
        + "units shared by the splits, two models per unit and seed (\(models) models). " + Self.nullHypothesisText
    ]
    out += result.splits.map { "- **\($0.name)**: " + $0.verdict.statement }
    return out
  }

  /// The relative path from the report folder to a file of the audit folder.
  func relative(_ name: String) -> String {
    MarkdownReport.relativePath(of: sourceFolder.appendingPathComponent(name), from: folder)
  }

  /// report.md: summary, verdict statements, tables, figures (relative links) and provenance.
  func reportMarkdown(_ t: AuditTables, figures: [ReportFigure]) -> String {
    var r = MarkdownReport(title: "Anisotropy audit")
    let summary = summaryParagraphs
    r.paragraph(summary[0])
    r.heading("Verdicts")
    r.paragraph(summary.dropFirst().joined(separator: "\n"))
    r.table(t.verdicts)
    r.heading("Sky unit per seed")
    r.table(t.seeds)
    r.heading("Control units")
    r.table(t.controls)
    r.heading("Dipoles")
    r.table(t.dipoles)
    if let probe = t.probe {
      r.heading("Context probe")
      r.table(probe)
    }
    if !figures.isEmpty {
      r.heading("Figures")
      for f in figures where f.inline {
        r.image(at: folder.appendingPathComponent(f.path), alt: f.caption)
        r.paragraph("*" + f.caption + "*")
      }
      if let links = Self.otherFigures(figures) { r.paragraph(links) }
    }
    r.heading("Files")
    r.paragraph(
      "Tables as CSV: `\(Self.verdictsFile)`, `\(Self.seedsFile)`, `\(Self.controlsFile)`, `\(Self.dipolesFile)`"
        + (t.probe == nil ? "" : ", `\(Self.probeFile)`") + "; every number in "
        + "`\(relative("audit.json"))`; per-galaxy test annotations in `\(relative(result.annotationsFile))`. "
        + "Re-render with `galmorph report \(relative("audit.json"))`.")
    if !result.timings.isEmpty {
      r.paragraph(
        "Time per stage: "
          + result.timings.sorted { $0.key < $1.key }
          .map { "\($0.key) \(String(format: "%.1f", $0.value)) s" }.joined(separator: ", ") + ".")
    }
    r.provenance(result.provenance)
    return r.render(relativeTo: folder)
  }

  /// audit.ipynb: markdown, the tables reloaded from the CSVs with pandas (stored outputs: the tables), the verdicts
  /// from audit.json, the test annotations, and the figures (stored outputs: the PNGs from `staging`).
  func notebook(_ t: AuditTables, figures: [ReportFigure], staging: URL) throws -> Notebook {
    var nb = Notebook(provenance: result.provenance)
    nb.markdown(
      "# Anisotropy audit\n\n" + summaryParagraphs.joined(separator: "\n\n")
        + "\n\nThe code cells reload the audit's files with pandas; their stored outputs are what galmorph "
        + "rendered, so the notebook reads without running it.")
    let json = relative("audit.json")
    nb.code(
      """
      import json
      with open(\(Notebook.pythonString(json))) as f:
          audit = json.load(f)
      for s in audit["splits"]:
          print(s["verdict"]["statement"])
      """, outputs: [.stream(.stdout, result.splits.map { $0.verdict.statement + "\n" }.joined())])
    nb.table(t.verdicts, csvPath: Self.verdictsFile, variable: "verdicts")
    nb.table(t.seeds, csvPath: Self.seedsFile, variable: "seeds")
    nb.table(t.controls, csvPath: Self.controlsFile, variable: "controls")
    nb.table(t.dipoles, csvPath: Self.dipolesFile, variable: "dipoles")
    if let probe = t.probe { nb.table(probe, csvPath: Self.probeFile, variable: "probe") }
    nb.markdown(
      "## Test-set annotations\n\nOne row per test galaxy: position, true label (1 = spiral), side of "
        + "every split and p_spiral of every model.")
    nb.code(
      """
      import pandas as pd
      annotations = pd.read_csv(\(Notebook.pythonString(relative(result.annotationsFile))), dtype={"id": str})
      print(len(annotations), "test galaxies,", int(annotations["label"].sum()), "spirals")
      """,
      outputs: [.stream(.stdout, "\(result.input.testGalaxies) test galaxies, \(result.input.testSpirals) spirals\n")])
    if !figures.isEmpty { nb.markdown("## Figures") }
    for f in figures where f.inline {
      nb.markdown(f.caption)
      try nb.figure(pngAt: staging.appendingPathComponent(f.path), relativePath: f.path, description: f.caption)
    }
    if let links = Self.otherFigures(figures) { nb.markdown(links) }
    return nb
  }

  /// A Markdown list of the figures that are linked rather than shown, or nil when every figure is shown.
  static func otherFigures(_ figures: [ReportFigure]) -> String? {
    let rest = figures.filter { !$0.inline }
    guard !rest.isEmpty else { return nil }
    return "Figures of the other seeds:\n\n" + rest.map { "- [\($0.caption)](\($0.path))" }.joined(separator: "\n")
  }
}
