// galmorph — GalmorphCommands

import ArgumentParser
import Foundation
import GalmorphSupport
import Reports

/// `galmorph report AUDIT_JSON`: re-renders the tables, figures, Markdown report and notebook of an audit from its
/// audit.json (and test_annotations.csv beside it), without retraining. See `AuditReport` for the files.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Re-render an audit's tables, figures, report and notebook from its audit.json (no retraining).",
    discussion: """
      Formats: md (audit.md, report.md), tex (audit.tex, booktabs, compiles with pdflatex), csv (audit.csv,
      audit_seeds.csv, audit_dipoles.csv), png (figures/*.png, from test_annotations.csv), ipynb (audit.ipynb,
      nbformat 4.5, with the figures). All files appear together or not at all; the same audit.json always gives
      byte-identical tables.
      """
  )

  @Argument(help: ArgumentHelp("The audit.json written by `galmorph audit`.", valueName: "audit-json"))
  var auditJSON: String

  @Option(help: ArgumentHelp("Comma-separated formats: md, tex, csv, ipynb, png (default: all).", valueName: "list"))
  var format: String?

  @Option(help: "Caption of the verdict table (default: the test, the number of seeds and α).")
  var caption: String?

  @Option(help: "LaTeX label of the verdict table (default tab:audit; the others get -seeds and -dipoles).")
  var label: String?

  @Option(help: ArgumentHelp("Output folder (default: the folder of audit.json).", valueName: "dir"))
  var out: String?

  /// The formats named by `--format` (all when absent).
  static func formats(_ text: String?) throws -> Set<AuditReport.Format> {
    guard let text else { return Set(AuditReport.Format.allCases) }
    var out = Set<AuditReport.Format>()
    for part in text.split(separator: ",") {
      let name = part.trimmingCharacters(in: .whitespaces).lowercased()
      guard let f = AuditReport.Format(rawValue: name == "markdown" ? "md" : name) else {
        throw ValidationError(
          "--format: unknown format '\(name)'; choose from "
            + AuditReport.Format.allCases.map(\.rawValue).joined(separator: ", "))
      }
      out.insert(f)
    }
    if out.isEmpty { throw ValidationError("--format: give at least one of md, tex, csv, ipynb, png") }
    return out
  }

  func validate() throws { _ = try Self.formats(format) }

  func run() throws {
    let url = URL(fileURLWithPath: auditJSON)
    // The output folder is created by `write` (after audit.json has been read), so a bad input leaves nothing behind.
    let folder = out.map { URL(fileURLWithPath: $0, isDirectory: true) }
    let report = try AuditReport.load(auditJSON: url, folder: folder)
    try OutputLocation.prepareFolder(report.folder)
    let written = try report.write(formats: try Self.formats(format), caption: caption, label: label)
    for s in report.result.splits { CommandOutput.line(s.verdict.statement) }
    CommandOutput.line("Wrote \(written.count) files to \(report.folder.path):")
    for u in written { CommandOutput.line("  " + MarkdownReport.relativePath(of: u, from: report.folder)) }
  }
}
