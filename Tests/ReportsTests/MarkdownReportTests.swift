// galmorph — ReportsTests

import Foundation
import GalmorphSupport
import Testing
import _GalmorphTestSupport
import Reports

@Suite("Markdown reports")
struct MarkdownReportTests {
  @Test("relative image paths from the report folder")
  func relativePaths() {
    func rel(_ file: String, _ folder: String) -> String {
      MarkdownReport.relativePath(of: URL(fileURLWithPath: file), from: URL(fileURLWithPath: folder))
    }
    #expect(rel("/r/out/figures/map.png", "/r/out") == "figures/map.png")
    #expect(rel("/r/figs/map.png", "/r/out/report") == "../../figs/map.png")
    #expect(rel("/r/out/./a/../map.png", "/r/out/") == "map.png")
  }

  @Test("a written report holds title, headings, table, image link, code and provenance")
  func writes() throws {
    let folder = try TemporaryFolder("reports-md")
    defer { folder.cleanup() }
    var report = MarkdownReport(title: "Anisotropy audit")
    report.heading("Dipole")
    report.paragraph("The dipole is **not** significant after correction.")
    report.table(try Fixtures.auditTable())
    report.image(at: folder.file("figures/sky map.png"), alt: "Sky map")
    report.code("import pandas as pd\npd.read_csv(\"audit.csv\")")
    var p = Provenance(
      seed: 7, modelSHA256: "00ff", inputs: ["b.csv": "22", "a.csv": "11"], extra: ["split": "sky"],
      commandLine: "galmorph report --out report")
    p.createdUTC = "2026-11-23T12:00:00Z"
    p.gitCommit = "abc123"
    report.provenance(p)
    let url = folder.file("report/README.md")
    try report.write(to: url)
    let text = try String(contentsOf: url, encoding: .utf8)
    #expect(
      text.hasPrefix(
        "# Anisotropy audit\n\n## Dipole\n\nThe dipole is **not** significant after correction.\n\n"
          + "**Dipole fits of the spiral fraction.**"))
    #expect(text.contains("\n\n![Sky map](<../figures/sky map.png>)\n\n```python\nimport pandas as pd\n"))
    #expect(text.contains(try Fixtures.auditTable().markdown().trimmingCharacters(in: .newlines)))
    #expect(
      text.hasSuffix(
        """
        ## Provenance

        - Tool: galmorph \(ToolInfo.version)
        - Git commit: `abc123`
        - Command line: `galmorph report --out report`
        - Created (UTC): 2026-11-23T12:00:00Z
        - Seed: 7
        - Model SHA-256: `00ff`
        - Inputs (SHA-256):
          - `a.csv`: `11`
          - `b.csv`: `22`
        - split: sky

        """))
  }
}
