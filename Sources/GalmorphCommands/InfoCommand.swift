// galmorph — GalmorphCommands

import ArgumentParser
import Foundation
import GalmorphSupport
import MorphologyClassifier

/// `galmorph info`: version, executable, and where the default model was found (with its SHA-256).
struct InfoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "info",
    abstract: "Show the version, the executable and where the default model is found, with its SHA-256.",
    discussion: """
      Without --model, train/evaluate/annotate use the shipped model \(DefaultModel.fileName), looked for in this \
      order: $\(DefaultModel.environmentVariable); PREFIX/\(DefaultModel.sharePath)/ when the executable is \
      PREFIX/bin/galmorph (`make install`); \(DefaultModel.checkoutPath) in the checkout, searching upward from the \
      executable's folder and then from the current folder.
      """
  )

  func run() throws {
    CommandOutput.line("galmorph \(ToolInfo.version) (commit \(ToolInfo.gitCommit))")
    CommandOutput.line("executable: \(DefaultModel.runningExecutable?.path ?? "unknown")")
    do {
      let found = try DefaultModel.locate()
      CommandOutput.line("default model: \(found.url.path)")
      CommandOutput.line("  found via: \(found.source.rawValue)")
      CommandOutput.line("  sha256: \(try Checksum.sha256(fileAt: found.url))")
      CommandOutput.line("  looked in: \(found.tried.joined(separator: "; "))")
    } catch {
      CommandOutput.line("default model: not found")
      CommandOutput.line("  \(Galmorph.message(for: error))")
    }
  }
}
