// galmorph — GalmorphCommands
//
// Where commands print: standard output, or a collector installed for the current thread by `capturing` (tests run
// commands in-process and in parallel; a command's `run()` writes from the thread that called it).

import Foundation

/// The text sink of the commands: standard output unless `capturing` is collecting on this thread.
public enum CommandOutput {
  /// Thread-confined text buffer.
  final class Collector { var text = "" }
  private static let key = "galmorph.CommandOutput.collector"

  /// Runs `body` and returns what commands wrote through `CommandOutput` on this thread meanwhile (nothing of it
  /// reaches standard output).
  public static func capturing(_ body: () throws -> Void) rethrows -> String {
    let collector = Collector()
    let dictionary = Thread.current.threadDictionary
    let previous = dictionary[key]
    dictionary[key] = collector
    defer { dictionary[key] = previous }
    try body()
    return collector.text
  }

  /// Writes `text` followed by a newline.
  public static func line(_ text: String = "") { write(text + "\n") }

  /// Writes `text` as it is.
  public static func write(_ text: String) {
    if let collector = Thread.current.threadDictionary[key] as? Collector {
      collector.text += text
    } else {
      FileHandle.standardOutput.write(Data(text.utf8))
    }
  }
}
