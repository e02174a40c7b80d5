// galmorph — GalmorphCommands

import ArgumentParser
import Foundation
import GalmorphSupport
import MorphologyClassifier
import TensorCore

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

  @Flag(
    help: ArgumentHelp(
      "Print only the OpenBLAS core galmorph runs on this CPU (e.g. SkylakeX), for OPENBLAS_CORETYPE.",
      discussion:
        "Debian's OpenBLAS 0.3.21 falls back to its generic Prescott kernel on CPUs newer than it knows; galmorph "
        + "re-executes itself with OPENBLAS_CORETYPE set. Another process linking galmorph's libraries (a test "
        + "runner, your own program) gets the same kernel, and the same roundings, with "
        + "`OPENBLAS_CORETYPE=$(galmorph info --blas-core)`."))
  var blasCore = false

  func run() throws {
    if blasCore {
      CommandOutput.line(BLASRuntime.coreName)
      return
    }
    CommandOutput.line("galmorph \(ToolInfo.version) (commit \(ToolInfo.gitCommit))")
    CommandOutput.line("executable: \(DefaultModel.runningExecutable?.path ?? "unknown")")
    CommandOutput.line("OpenBLAS core: \(BLASRuntime.coreName)")
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
