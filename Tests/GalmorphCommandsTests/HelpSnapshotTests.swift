// galmorph — GalmorphCommandsTests
//
// The command-line help of galmorph and every subcommand, snapshot-tested (Snapshots/help-<command>.txt), so that a
// change of an option's name, type, default or text shows up in review. Re-record with RECORD_SNAPSHOTS=1.

import ArgumentParser
import Testing
import _GalmorphTestSupport

@testable import GalmorphCommands

@Suite("galmorph help")
struct HelpSnapshotTests {
  /// `galmorph` ("") and every subcommand, by command name.
  static let names: [String] = [""] + Galmorph.configuration.subcommands.map { command in command._commandName }

  @Test("galmorph --help and every subcommand's help, at 100 columns", arguments: names)
  func help(_ name: String) throws {
    let command: any ParsableCommand.Type =
      Galmorph.configuration.subcommands.first { $0._commandName == name } ?? Galmorph.self
    let text = Galmorph.helpMessage(for: command, columns: 100)
    try expectSnapshot(text, "help-\(name.isEmpty ? "galmorph" : name).txt")
  }
}
