// galmorph — GalmorphCommands
//
// Where commands print: standard output, or a collector installed by a test (task-local, so parallel tests
// running commands in-process do not see each other's text).

import Foundation

/// The text sink of the commands. `write` goes to standard output unless a task-local `sink` is set.
public enum CommandOutput {
  /// A collector for the current task (tests); nil = standard output.
  @TaskLocal public static var sink: (@Sendable (String) -> Void)?

  /// Writes `text` followed by a newline.
  public static func line(_ text: String = "") { write(text + "\n") }

  /// Writes `text` as it is.
  public static func write(_ text: String) {
    if let sink { sink(text) } else { FileHandle.standardOutput.write(Data(text.utf8)) }
  }
}
