// galmorph — GalmorphCommands
//
// HDF5 inspection in a child process, so that a crash inside libhdf5 on a corrupt file becomes an error message.

import Foundation
import GalmorphSupport
import HDF5IO

/// Runs `HDF5Inspection.inspect` in a child `galmorph` process when this process is the `galmorph` executable.
///
/// Why: Debian's libhdf5 1.10.8 can segfault on some corrupted attribute data (upstream issues HDFGroup/hdf5 #2662
/// and #1368, fixed in 1.14), which no Swift code can catch. The child prints the inspection as JSON; if it dies from
/// a signal, the parent reports the file as corrupt instead of crashing. In-process callers (tests, libraries) and
/// the child itself (`GALMORPH_INSPECT_CHILD=1`) inspect directly.
enum IsolatedHDF5Inspection {
  static let childMarker = "GALMORPH_INSPECT_CHILD"

  static func inspect(_ url: URL) throws -> HDF5Inspection {
    let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    guard ProcessInfo.processInfo.environment[childMarker] == nil, exe.lastPathComponent == "galmorph" else {
      return try HDF5Inspection.inspect(url: url)
    }
    var env = ProcessInfo.processInfo.environment
    env[childMarker] = "1"
    return try runChild(exe, arguments: ["inspect", url.path, "--json"], environment: env, file: url)
  }

  /// Runs the child and turns its outcome into an inspection or an error naming `file`: a child killed by a signal
  /// means libhdf5 crashed on the file.
  static func runChild(_ exe: URL, arguments: [String], environment: [String: String], file url: URL) throws
    -> HDF5Inspection
  {
    let child = Process()
    child.executableURL = exe
    child.arguments = arguments
    child.environment = environment
    let out = Pipe(), err = Pipe()
    child.standardOutput = out
    child.standardError = err
    try child.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let errText = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    child.waitUntilExit()
    if child.terminationReason == .uncaughtSignal {
      throw CommandError.input(
        path: url.path,
        reason:
          "libhdf5 crashed (signal \(child.terminationStatus)) while reading this file: it is corrupt; h5dump or h5check may locate the damage"
      )
    }
    guard child.terminationStatus == 0 else {
      var message = errText.trimmingCharacters(in: .whitespacesAndNewlines)
      if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
      throw CommandError.message(
        message.isEmpty ? "\(url.path): inspection failed (exit \(child.terminationStatus))" : message)
    }
    do { return try JSONCoding.decoder().decode(HDF5Inspection.self, from: data) } catch {
      throw CommandError.input(path: url.path, reason: "could not read the inspection of the child process: \(error)")
    }
  }
}
