// galmorph — Reports
//
// The paper outputs of an anisotropy audit: tables, figures, a Markdown report and a notebook, all from audit.json.

import AnisotropyAudit
import Foundation
import GalmorphSupport

/// Renders an `AuditResult` (audit.json) and its per-galaxy test table into the files that go into a paper.
///
/// Files written into `folder` (each selected by a `Format`):
/// - `.md`: `audit.md` (the null hypothesis and the four tables in GitHub Markdown) and `report.md` (verdict statements, tables, figures
///   linked by relative path when `.png` is also written, provenance);
/// - `.tex`: `audit.tex`, a complete `article` with the verdict (in two parts that fit a page), seed and dipole
///   booktabs tables (`LaTeXDocument`, compiles with a stock pdflatex);
/// - `.csv`: `audit.csv` (verdicts, one row per split), `audit_seeds.csv` (one row per split and seed),
///   `audit_controls.csv` (one row per split and control unit) and `audit_dipoles.csv` (one row per dipole fit), full precision, read back by `SignificanceTable.readCSV`;
/// - `.png`: `figures/*.png` (see `AuditReport+Figures.swift`), drawn from `test_annotations.csv`;
/// - `.ipynb`: `audit.ipynb` (nbformat 4.5) with the tables and figures embedded as outputs; its code cells show the
///   figures from `figures/`, so `.ipynb` writes the PNGs too (and needs `test_annotations.csv`).
///
/// Everything is rendered first into a hidden staging folder inside `folder` and renamed into place only when every
/// file is ready, so an error leaves no partial output (each rename is atomic). Rendering is deterministic: the
/// same `audit.json` gives byte-identical tables, reports and notebooks (no clocks; provenance is the audit's own).
public struct AuditReport: Sendable {
  /// An output family of the report (the values of `galmorph report --format`).
  public enum Format: String, Sendable, Hashable, CaseIterable, Codable {
    case md, tex, csv, ipynb, png
  }

  public static let verdictsFile = "audit.csv"
  public static let seedsFile = "audit_seeds.csv"
  public static let controlsFile = "audit_controls.csv"
  public static let dipolesFile = "audit_dipoles.csv"
  public static let figuresFolder = "figures"

  public let result: AuditResult
  /// Where the outputs go.
  public let folder: URL
  /// Extra preamble of audit.tex: a landscape A4 page and `\footnotesize` tabulars, so that the 13- and 14-column
  /// tables fit the text width (geometry ships with texlive-latex-base; `\AddToHook` needs LaTeX ≥ 2020-10). Papers
  /// paste the `table` floats and choose their own size (e.g. `table*` in two-column journals).
  public static let latexPreamble = [
    "\\usepackage[a4paper,landscape,margin=1.5cm]{geometry}",
    "\\AddToHook{env/tabular/begin}{\\footnotesize}",
  ]

  /// The folder of audit.json, against which `result.annotationsFile` is resolved (default: `folder`).
  public let sourceFolder: URL
  /// HEALPix NSIDE of the annotation maps; nil chooses 2, 4 or 8 so that pixels hold ≥ 10 test galaxies on average.
  public var mapNside: Int?
  /// Resolution of the PNG figures in dots per inch (default 100: 800 × 500 pixel maps).
  public var dpi: Double = 100

  public init(result: AuditResult, folder: URL, sourceFolder: URL? = nil) {
    self.result = result
    self.folder = folder
    self.sourceFolder = sourceFolder ?? folder
  }

  /// Loads audit.json; the report goes to `folder` (default: the folder of audit.json).
  /// - Throws: `ReportsError.invalidAuditResult` naming the file when it is missing, not JSON, of another format
  ///   version or lacks a field (the coding path is given).
  public static func load(auditJSON url: URL, folder: URL? = nil) throws -> AuditReport {
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw ReportsError.invalidAuditResult(path: url.path, reason: "cannot read it: \(error.localizedDescription)")
    }
    let result: AuditResult
    do { result = try JSONCoding.decoder().decode(AuditResult.self, from: data) } catch let error as DecodingError {
      // A file of another version lacks or renames fields: its version says more than the first missing key.
      struct Version: Decodable {
        var formatVersion: Int?
        enum CodingKeys: String, CodingKey { case formatVersion = "format_version" }
      }
      if let version = (try? JSONCoding.decoder().decode(Version.self, from: data))?.formatVersion,
        version != AuditResult.currentFormatVersion
      {
        throw versionError(version, path: url.path)
      }
      throw ReportsError.invalidAuditResult(path: url.path, reason: describe(error))
    } catch {
      throw ReportsError.invalidAuditResult(path: url.path, reason: "\(error)")
    }
    guard result.formatVersion == AuditResult.currentFormatVersion else {
      throw versionError(result.formatVersion, path: url.path)
    }
    try checkShapes(result, path: url.path)
    let source = url.deletingLastPathComponent()
    return AuditReport(result: result, folder: folder ?? source, sourceFolder: source)
  }

  /// Refuses an audit.json whose arrays do not fit together (hand-edited or corrupt: found by `make fuzz`'s
  /// audit-json target, where a control unit number past `control_components` stopped `galmorph report` with an
  /// index out of range): every split's rank test has two scales and two component p's, and each control unit's
  /// number is within its split's components.
  static func checkShapes(_ result: AuditResult, path: String) throws {
    func refuse(_ reason: String) -> ReportsError { .invalidAuditResult(path: path, reason: reason) }
    for (i, s) in result.splits.enumerated() {
      let test = s.test
      guard test.scales.count == 2, test.componentP.count == 2 else {
        throw refuse(
          "splits[\(i)].test has \(test.scales.count) scales and \(test.componentP.count) component_p values; 2 each "
            + "are needed")
      }
      for (k, u) in s.controls.enumerated()
      where !(1...max(1, test.controlComponents.count)).contains(u.unit)
        || test.controlComponents.isEmpty
      {
        throw refuse(
          "splits[\(i)].controls[\(k)].unit is \(u.unit), but splits[\(i)].test.control_components has "
            + "\(test.controlComponents.count) entries")
      }
    }
  }

  /// The error for an audit.json of format `version` ≠ `AuditResult.currentFormatVersion`; an older one says how to
  /// re-analyse its finished models.
  static func versionError(_ version: Int, path: String) -> ReportsError {
    .invalidAuditResult(
      path: path,
      reason: "format_version \(version); this galmorph reads version \(AuditResult.currentFormatVersion)"
        + (version < AuditResult.currentFormatVersion
          ? " (run `galmorph audit` again with the same options and --resume on its folder: it reuses the finished "
            + "models and writes the current format)" : ""))
  }

  /// A one-line account of a decoding error with its coding path (`splits[0].seeds[1].sky.D: …`).
  static func describe(_ error: DecodingError) -> String {
    func path(_ keys: [any CodingKey]) -> String {
      let p = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
      return p.hasPrefix(".") ? String(p.dropFirst()) : (p.isEmpty ? "top level" : p)
    }
    switch error {
    case let .dataCorrupted(c):
      return c.codingPath.isEmpty
        ? "not valid JSON: \(c.debugDescription)" : "\(path(c.codingPath)): \(c.debugDescription)"
    case let .keyNotFound(key, c): return "\(path(c.codingPath + [key])) is missing"
    case let .typeMismatch(_, c), let .valueNotFound(_, c): return "\(path(c.codingPath)): \(c.debugDescription)"
    @unknown default: return "\(error)"
    }
  }

  /// The per-galaxy test table (`result.annotationsFile`, relative to `sourceFolder`).
  public var annotationsURL: URL { sourceFolder.appendingPathComponent(result.annotationsFile) }

  /// Renders the selected outputs and moves them into `folder` together.
  ///
  /// - Parameters:
  ///   - caption: caption text of the verdict table (default: a sentence naming the test and α).
  ///   - label: LaTeX label of the verdict table (default `tab:audit`); the seed and dipole tables get
  ///     `<label>-seeds` and `<label>-dipoles`.
  /// - Returns: the files written, in a fixed order.
  /// - Throws: `ReportsError` for unreadable annotations (when figures are needed), `PlottingError` for figures, and
  ///   I/O errors naming the path; nothing is written then.
  @discardableResult
  public func write(
    formats: Set<Format> = Set(Format.allCases), caption: String? = nil,
    label: String? = nil
  ) throws -> [URL] {
    let tables = try self.tables(caption: caption, label: label)
    let staging = folder.appendingPathComponent(".galmorph-report-\(UUID().uuidString)", isDirectory: true)
    let fm = FileManager.default
    do { try fm.createDirectory(at: staging, withIntermediateDirectories: true) } catch {
      throw SupportError.io(path: folder.path, reason: "cannot create the output folder: \(error.localizedDescription)")
    }
    defer { try? fm.removeItem(at: staging) }

    var names: [String] = []
    func put(_ text: String, _ name: String) throws {
      try AtomicFile.write(text, to: staging.appendingPathComponent(name))
      names.append(name)
    }
    var figures: [ReportFigure] = []
    if formats.contains(.png) || formats.contains(.ipynb) {
      let test = try AuditTestTable.read(from: annotationsURL, result: result)
      try fm.createDirectory(at: staging.appendingPathComponent(Self.figuresFolder), withIntermediateDirectories: true)
      figures = try renderFigures(test: test, into: staging)
      names += figures.map(\.path)
    }
    if formats.contains(.csv) {
      try put(tables.verdicts.csv(), Self.verdictsFile)
      try put(tables.seeds.csv(), Self.seedsFile)
      try put(tables.controls.csv(), Self.controlsFile)
      try put(tables.dipoles.csv(), Self.dipolesFile)
      if let probe = tables.probe { try put(probe.csv(), Self.probeFile) }
    }
    if formats.contains(.md) {
      try put(tablesMarkdown(tables), "audit.md")
      try put(reportMarkdown(tables, figures: figures), "report.md")
    }
    if formats.contains(.tex) {
      try put(
        LaTeXDocument(
          title: "Anisotropy audit", tables: try latexTables(tables),
          preamble: Self.latexPreamble
        ).render(), "audit.tex")
    }
    if formats.contains(.ipynb) {
      let data = try notebook(tables, figures: figures, staging: staging).jsonData()
      try AtomicFile.write(data, to: staging.appendingPathComponent("audit.ipynb"))
      names.append("audit.ipynb")
    }
    if names.contains(where: { $0.hasPrefix(Self.figuresFolder + "/") }) {
      try fm.createDirectory(at: folder.appendingPathComponent(Self.figuresFolder), withIntermediateDirectories: true)
    }
    for name in names {
      try AtomicFile.commit(temporary: staging.appendingPathComponent(name), to: folder.appendingPathComponent(name))
    }
    return names.map { folder.appendingPathComponent($0) }
  }
}

/// A rendered figure: its path relative to the report folder and its caption. `inline` figures are shown in report.md
/// and embedded in the notebook; the others (maps and ROC curves of seeds after the first) are linked, which keeps
/// the notebook small when an audit has many seeds.
struct ReportFigure: Sendable, Equatable {
  var path: String
  var caption: String
  var inline: Bool = true
}
