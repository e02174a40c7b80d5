// galmorph — GalmorphSupport
//
// Identity of this build of the tool, recorded in every output's provenance.

import Foundation

/// The tool's name and version, and the git commit of the source tree it was built from.
public enum ToolInfo {
  /// Semantic version of galmorph. Bumped by hand with CHANGELOG.md.
  public static let version = "0.1.0-dev"

  /// The git commit of the checkout this executable was built in, or `"unknown"`.
  ///
  /// Resolution order: the `GALMORPH_GIT_COMMIT` environment variable; then `git rev-parse HEAD` run in the
  /// nearest folder above the running executable that holds a `.git` entry (SwiftPM places the binary under
  /// `.build/` inside the checkout); then, for an installed executable `PREFIX/bin/galmorph`, the file
  /// `PREFIX/share/galmorph/commit` that `make install` writes; else `"unknown"`. A `-dirty` suffix marks
  /// uncommitted changes to tracked files.
  public static let gitCommit: String = resolveGitCommit()

  /// The running executable, symbolic links resolved: `/proc/self/exe` on Linux (argv[0] may be a bare name found
  /// on PATH), else Foundation's executable URL, else `argv[0]` when it is a path.
  public static var executableURL: URL? {
    #if os(Linux)
    let link = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    if link.path != "/proc/self/exe" { return link }
    #endif
    if let url = Bundle.main.executableURL { return url.resolvingSymlinksInPath() }
    guard let first = CommandLine.arguments.first, first.contains("/") else { return nil }
    return URL(fileURLWithPath: first).resolvingSymlinksInPath()
  }

  private static func resolveGitCommit() -> String {
    if let fromEnv = ProcessInfo.processInfo.environment["GALMORPH_GIT_COMMIT"], !fromEnv.isEmpty { return fromEnv }
    let exe = executableURL ?? URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
    var dir = exe.deletingLastPathComponent()
    let fm = FileManager.default
    for _ in 0..<12 {
      if fm.fileExists(atPath: dir.appendingPathComponent(".git").path) {
        guard let head = run(["git", "-C", dir.path, "rev-parse", "HEAD"]) else { return "unknown" }
        let dirty =
          run(["git", "-C", dir.path, "status", "--porcelain", "--untracked-files=no"]).map { !$0.isEmpty } ?? false
        return head + (dirty ? "-dirty" : "")
      }
      let parent = dir.deletingLastPathComponent()
      if parent.path == dir.path { break }
      dir = parent
    }
    let recorded = exe.deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("share/galmorph/commit")
    if let text = try? String(contentsOf: recorded, encoding: .utf8) {
      let commit = text.trimmingCharacters(in: .whitespacesAndNewlines)
      if !commit.isEmpty && commit != "unknown" { return commit }
    }
    return "unknown"
  }

  private static func run(_ args: [String]) -> String? {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = args
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    do { try p.run() } catch { return nil }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
