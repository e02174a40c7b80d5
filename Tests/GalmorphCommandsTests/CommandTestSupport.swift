// galmorph — GalmorphCommandsTests
//
// Running commands in-process and capturing what they print.

import ArgumentParser
import Foundation
import GalmorphCommands
import _GalmorphTestSupport

/// Parses `arguments` as `galmorph …` and runs the command in-process, returning what it printed.
@discardableResult
func runGalmorph(_ arguments: [String]) throws -> String {
  var command = try Galmorph.parseAsRoot(arguments)
  return try CommandOutput.capturing { try command.run() }
}

/// The bundled real catalog (GZ1 flags and positions; see Catalogs/README.md).
let bundledCatalog = SharedData.packageRoot.appendingPathComponent("Catalogs/gz1_flags_positions.csv.gz")

/// The bundled catalog's text lines (header first), decompressed by the system `gzip` so that the test does not
/// depend on the reader under test.
func bundledCatalogLines() throws -> [String] {
  let p = Process()
  p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  p.arguments = ["gzip", "-dc", bundledCatalog.path]
  let output = Pipe()
  p.standardOutput = output
  try p.run()
  let data = output.fileHandleForReading.readDataToEndOfFile()
  p.waitUntilExit()
  return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
}

/// Whether python3 on PATH can import healpy / astropy (the references some command tests compare with).
let pythonHasHealpy = ExternalTool.python(importing: "healpy") != nil
let pythonHasAstropy = ExternalTool.python(importing: "astropy") != nil

/// Runs python3 with `code` and returns its standard output.
func runPython(_ code: String) throws -> String {
  let p = Process()
  p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  p.arguments = ["python3", "-c", code]
  let out = Pipe()
  p.standardOutput = out
  p.standardError = FileHandle.nullDevice
  try p.run()
  let data = out.fileHandleForReading.readDataToEndOfFile()
  p.waitUntilExit()
  return String(decoding: data, as: UTF8.self)
}
