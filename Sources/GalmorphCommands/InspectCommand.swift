// galmorph — GalmorphCommands

import ArgumentParser
import Foundation

/// `galmorph inspect FILE [--json]`: what is inside a FITS, HDF5, JPEG/PNG or CSV/TSV file.
struct InspectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "inspect",
    abstract: "Describe a FITS, HDF5, JPEG/PNG or CSV/TSV(.gz) file: HDUs, datasets, columns, sizes."
  )

  @Argument(help: "The file to describe.")
  var file: String

  @Flag(help: "Print a JSON object instead of text.")
  var json = false

  func run() throws {
    throw ValidationError("inspect: not implemented yet for \(file)")
  }
}
