// galmorph — test support
//
// Running the external programs that tests cross-check against (python3 with astropy/pandas/nbformat/healpy,
// pdflatex), and finding out whether they are installed so that a test can skip with a message when not.

import Foundation

/// Runs external programs (python3, pdflatex) for cross-checks.
public enum ExternalTool {
  /// The absolute path of `name` on PATH, or nil.
  public static func find(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for dir in path.split(separator: ":") {
      let candidate = "\(dir)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// Runs `executable` with `arguments` in `directory`; returns the exit status and the combined output.
  public static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws -> (
    status: Int32, output: String
  ) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    if let directory { p.currentDirectoryURL = directory }
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = pipe
    p.standardInput = FileHandle.nullDevice
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  /// The path of python3 on PATH when `python3 -c "import <module>"` succeeds with it, else nil.
  public static func python(importing module: String) -> String? {
    guard let py = find("python3"), let r = try? run(py, ["-c", "import \(module)"]), r.status == 0 else { return nil }
    return py
  }
}
