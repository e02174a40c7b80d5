// galmorph — ReadmeExampleTests
//
// The README's "Use from Swift" example is this target's UseFromSwift.swift, and it runs.

import AnisotropyAudit
import Foundation
import Testing
import _GalmorphTestSupport

@Suite("README: Use from Swift")
struct ReadmeExampleTests {
  /// The package root, from this file's path (Tests/ReadmeExampleTests/…).
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The text between two marker lines (exclusive).
  static func between(_ text: String, _ begin: String, _ end: String) -> String? {
    guard let a = text.range(of: begin + "\n"), let b = text.range(of: end, range: a.upperBound..<text.endIndex) else {
      return nil
    }
    return String(text[a.upperBound..<b.lowerBound])
  }

  @Test("the README's code block is UseFromSwift.swift's example, character for character")
  func readmeShowsTheCompiledExample() throws {
    let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
    let source = try String(
      contentsOf: Self.root.appendingPathComponent("Tests/ReadmeExampleTests/UseFromSwift.swift"),
      encoding: .utf8)
    let section = try #require(
      Self.between(readme, "## Use from Swift", "\n## "), "README.md has no \"## Use from Swift\" section")
    let block = try #require(Self.between(section, "```swift", "```"), "the section has no ```swift block")
    let example = try #require(Self.between(source, "// BEGIN README EXAMPLE", "// END README EXAMPLE"))
    #expect(
      block == example, "README.md's \"Use from Swift\" block differs from Tests/ReadmeExampleTests/UseFromSwift.swift")
  }

  @Test("the example runs: a small context-dec sky, audited with 3 control units and 1-epoch models")
  func exampleRuns() throws {
    let tmp = try TemporaryFolder()
    defer { tmp.cleanup() }
    let result = try auditSimulatedSky(in: tmp.url, galaxies: 600, controls: 3, epochs: 1)
    #expect(result.splits.count == 1 && result.splits[0].name == "dec:0")
    #expect(result.models.count == 2 * (1 + 3))
    for file in ["audit.json", "audit.md", "audit.tex", "audit.csv", "audit.ipynb", "test_annotations.csv"] {
      #expect(
        FileManager.default.fileExists(atPath: tmp.url.appendingPathComponent("audit/\(file)").path), "missing \(file)")
    }
  }
}
