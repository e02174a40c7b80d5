// galmorph — Reports
//
// A Markdown report: headings, text, tables, figures and provenance.

import Foundation
import GalmorphSupport

/// A Markdown document assembled block by block and written atomically (e.g. `report/README.md`).
///
/// Images are given as file URLs and linked by a path relative to the folder the report is written to, so the
/// report folder can be moved or zipped whole. Tables render with `SignificanceTable.markdown()`. The provenance
/// section lists the tool version, git commit, command line, creation time, seed, model hash and the SHA-256 of
/// every input, so a reader can tell exactly what produced the numbers.
public struct MarkdownReport: Sendable {
  public enum Block: Sendable, Equatable {
    case heading(String, level: Int)
    case paragraph(String)
    case table(SignificanceTable)
    case image(URL, alt: String)
    case code(String, language: String)
    case provenance(Provenance)
  }

  /// The level-1 heading at the top.
  public var title: String
  public private(set) var blocks: [Block] = []

  public init(title: String) { self.title = title }

  /// A heading of `level` 2…6 (level 1 is the report title).
  public mutating func heading(_ text: String, level: Int = 2) {
    precondition((1...6).contains(level), "Markdown headings have levels 1…6")
    blocks.append(.heading(text, level: level))
  }
  /// A paragraph of Markdown text (inserted as is).
  public mutating func paragraph(_ text: String) { blocks.append(.paragraph(text)) }
  public mutating func table(_ table: SignificanceTable) { blocks.append(.table(table)) }
  /// An image linked relative to the report's folder (`![alt](figures/map.png)`).
  public mutating func image(at url: URL, alt: String) { blocks.append(.image(url, alt: alt)) }
  /// A fenced code block, e.g. the pandas snippet that reloads `audit.csv`.
  public mutating func code(_ source: String, language: String = "python") {
    blocks.append(.code(source, language: language))
  }
  /// A “Provenance” section (level-2 heading and a list).
  public mutating func provenance(_ record: Provenance) { blocks.append(.provenance(record)) }

  /// The Markdown text, with image paths made relative to `folder` (the folder the report will live in).
  public func render(relativeTo folder: URL) -> String {
    var parts = ["# " + MarkdownReport.oneLine(title)]
    for block in blocks {
      switch block {
      case let .heading(text, level):
        parts.append(String(repeating: "#", count: level) + " " + MarkdownReport.oneLine(text))
      case let .paragraph(text): parts.append(text)
      case let .table(t): parts.append(t.markdown().trimmingCharacters(in: .newlines))
      case let .image(url, alt):
        var path = MarkdownReport.relativePath(of: url, from: folder)
        if path.contains(where: { " ()<>".contains($0) }) { path = "<" + path + ">" }
        parts.append("![\(alt.replacingOccurrences(of: "]", with: "\\]"))](\(path))")
      case let .code(source, language):
        let fence = source.contains("```") ? "~~~~" : "```"
        parts.append(fence + language + "\n" + source.trimmingCharacters(in: .newlines) + "\n" + fence)
      case let .provenance(p): parts.append(MarkdownReport.provenanceSection(p))
      }
    }
    return parts.joined(separator: "\n\n") + "\n"
  }

  /// Writes the report to `url` atomically, images linked relative to `url`'s folder.
  public func write(to url: URL) throws {
    try AtomicFile.write(render(relativeTo: url.deletingLastPathComponent()), to: url)
  }

  static func oneLine(_ s: String) -> String {
    s.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
  }

  static func provenanceSection(_ p: Provenance) -> String {
    func code(_ s: String) -> String { s.contains("`") ? "`` \(s) ``" : "`\(s)`" }
    var lines = ["## Provenance", ""]
    lines.append("- Tool: \(p.tool) \(p.toolVersion)")
    lines.append("- Git commit: \(code(p.gitCommit))")
    lines.append("- Command line: \(code(oneLine(p.commandLine)))")
    lines.append("- Created (UTC): \(p.createdUTC)")
    if let seed = p.seed { lines.append("- Seed: \(seed)") }
    if let m = p.modelSHA256 { lines.append("- Model SHA-256: \(code(m))") }
    if !p.inputs.isEmpty {
      lines.append("- Inputs (SHA-256):")
      for (path, sha) in p.inputs.sorted(by: { $0.key < $1.key }) { lines.append("  - \(code(path)): \(code(sha))") }
    }
    for (k, v) in p.extra.sorted(by: { $0.key < $1.key }) { lines.append("- \(oneLine(k)): \(oneLine(v))") }
    return lines.joined(separator: "\n")
  }

  /// The path of `file` relative to `folder` (`../figures/a.png` style), both taken as absolute, standardised
  /// paths; symbolic links are not resolved.
  public static func relativePath(of file: URL, from folder: URL) -> String {
    let target = file.standardizedFileURL.pathComponents
    let base = folder.standardizedFileURL.pathComponents
    var common = 0
    while common < min(target.count, base.count) && target[common] == base[common] { common += 1 }
    let ups = Array(repeating: "..", count: base.count - common)
    return (ups + target[common...]).joined(separator: "/")
  }
}
