// galmorph — ReportsTests

import Foundation
import GalmorphSupport
import Plotting
import Testing
import _GalmorphTestSupport
import Reports

@Suite("Jupyter notebooks (nbformat 4.5)")
struct NotebookTests {
  /// A notebook like `galmorph report` writes: text, pandas code, a table result, a stream and a Plotting figure.
  static func sampleNotebook(figure: URL) throws -> Notebook {
    var nb = Notebook(
      provenance: Provenance(
        seed: 42, inputs: ["catalog.csv": String(repeating: "ab", count: 32)],
        commandLine: "galmorph report audit.json"))
    nb.markdown("# Anisotropy audit\n\nTables and figures of `audit.json`; re-run the cells to reload them.")
    let table = try Fixtures.auditTable()
    nb.table(table, csvPath: "audit.csv")
    nb.code("print(len(df), \"rows\")", outputs: [.stream(.stdout, "4 rows\n"), .stream(.stderr, "warning: demo\n")])
    try nb.figure(pngAt: figure, relativePath: "fraction.png", description: "<spiral fraction vs latitude>")
    nb.code("")
    return nb
  }

  static func smallFigure(at url: URL) throws {
    var ax = Axes(title: "Spiral fraction", xLabel: "b [deg]", yLabel: "f")
    ax.line(x: [-60, -30, 0, 30, 60], y: [0.55, 0.57, 0.56, 0.58, 0.57], label: "CNN")
    try Figure(width: 3, height: 2, dpi: 50, axes: ax).writePNG(to: url)
  }

  static func validate(_ url: URL) throws -> (status: Int32, output: String) {
    let script =
      "import sys, nbformat\nnb = nbformat.read(sys.argv[1], as_version=4)\nnbformat.validate(nb)\n"
      + "assert (nb.nbformat, nb.nbformat_minor) == (4, 5)\nprint('valid', len(nb.cells))"
    return try ExternalTool.run(ExternalTool.pythonWithNbformat ?? "python3", ["-c", script, url.path])
  }

  @Test(
    "the notebook with an embedded Plotting PNG validates with nbformat",
    .enabled(if: ExternalTool.pythonWithNbformat != nil, "skipped: python3 with nbformat not found"))
  func validatesWithNbformat() throws {
    let folder = try TemporaryFolder("reports-nb")
    defer { folder.cleanup() }
    try NotebookTests.smallFigure(at: folder.file("fraction.png"))
    let url = folder.file("audit.ipynb")
    try NotebookTests.sampleNotebook(figure: folder.file("fraction.png")).write(to: url)
    let r = try NotebookTests.validate(url)
    #expect(r.status == 0, "nbformat rejected the notebook:\n\(r.output)")
    #expect(r.output.contains("valid 6"))
    // The pandas cells run as written next to the CSV and reload the same numbers.
    try Fixtures.auditTable().writeCSV(to: folder.file("audit.csv"))
    let script = """
      import nbformat
      nb = nbformat.read("audit.ipynb", as_version=4)
      ns = {}
      for c in nb.cells:
          if c.cell_type == "code" and c.source.startswith("import pandas"):
              exec(c.source, ns)
      assert ns["df"]["p"][0] == 3.2e-05 and len(ns["df"]) == 4
      print("reloaded")
      """
    let run = try ExternalTool.run(ExternalTool.pythonWithNbformat ?? "python3", ["-c", script], in: folder.url)
    #expect(run.status == 0 && run.output.contains("reloaded"), "pandas cell failed:\n\(run.output)")
  }

  @Test(
    "the validator run is able to fail: a notebook without cell ids is rejected",
    .enabled(if: ExternalTool.pythonWithNbformat != nil, "skipped: python3 with nbformat not found"))
  func validatorRejectsBrokenNotebook() throws {
    let folder = try TemporaryFolder("reports-nb-bad")
    defer { folder.cleanup() }
    let bad = """
      {"cells": [{"cell_type": "code", "metadata": {}, "source": [], "outputs": [{"output_type": "bogus"}],
        "execution_count": 1, "id": "x y"}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
      """
    try Data(bad.utf8).write(to: folder.file("bad.ipynb"))
    #expect(try NotebookTests.validate(folder.file("bad.ipynb")).status != 0)
  }

  @Test("cells have unique ids, numbered execution counts and the PNG bytes base64-encoded")
  func structure() throws {
    let folder = try TemporaryFolder("reports-nb-json")
    defer { folder.cleanup() }
    try NotebookTests.smallFigure(at: folder.file("fraction.png"))
    let data = try NotebookTests.sampleNotebook(figure: folder.file("fraction.png")).jsonData()
    let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(root["nbformat"] as? Int == 4 && root["nbformat_minor"] as? Int == 5)
    let metadata = try #require(root["metadata"] as? [String: Any])
    #expect((metadata["kernelspec"] as? [String: Any])?["name"] as? String == "python3")
    #expect((metadata["galmorph"] as? [String: Any])?["seed"] as? Int == 42)
    let cells = try #require(root["cells"] as? [[String: Any]])
    let ids = cells.compactMap { $0["id"] as? String }
    #expect(ids.count == cells.count && Set(ids).count == ids.count)
    let counts = cells.filter { $0["cell_type"] as? String == "code" }.compactMap { $0["execution_count"] as? Int }
    #expect(counts == [1, 2, 3, 4])
    #expect(cells[1]["cell_type"] as? String == "markdown")
    let result = try #require((cells[2]["outputs"] as? [[String: Any]])?.first)
    #expect(result["output_type"] as? String == "execute_result" && result["execution_count"] as? Int == 1)
    let bundle = try #require(result["data"] as? [String: Any])
    let html = ((bundle["text/html"] as? [String]) ?? []).joined()
    #expect(html == (try Fixtures.auditTable().html()))
    let source = ((cells[2]["source"] as? [String]) ?? [])
    #expect(source == ["import pandas as pd\n", "df = pd.read_csv(\"audit.csv\")\n", "df"])
    let image = try #require((cells[4]["outputs"] as? [[String: Any]])?.first?["data"] as? [String: Any])
    let base64 = try #require(image["image/png"] as? String)
    let png = try #require(Data(base64Encoded: base64))
    #expect(png == (try Data(contentsOf: folder.file("fraction.png"))))
  }

  @Test("embedding a file that is not a PNG fails naming the file")
  func notPNG() throws {
    let folder = try TemporaryFolder("reports-nb-notpng")
    defer { folder.cleanup() }
    try NotebookTests.smallFigure(at: folder.file("fig.png"))
    var bytes = try Data(contentsOf: folder.file("fig.png"))
    bytes[1] = 0x00  // corrupt the signature
    try bytes.write(to: folder.file("broken.png"))
    #expect(throws: ReportsError.notPNG(path: folder.file("broken.png").path)) {
      try MimeBundle.image(pngAt: folder.file("broken.png"))
    }
    do { _ = try MimeBundle.image(pngAt: folder.file("absent.png")); Issue.record("no error") } catch {
      #expect(String(describing: error).contains("absent.png"))
    }
  }
}
