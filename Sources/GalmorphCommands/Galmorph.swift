// galmorph — GalmorphCommands
//
// The root command. Subcommands live one per file (`InspectCommand.swift`, ...).

import ArgumentParser
import Foundation
import GalmorphSupport
import TensorCore

/// `galmorph`: annotate survey catalogs with a galaxy-morphology CNN and audit the annotations for sky-context bias.
public struct Galmorph: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "galmorph",
    abstract: "Galaxy morphology (elliptical/spiral) classification and sky-anisotropy audits.",
    discussion: """
      Angles are in degrees at every interface (RA/Dec ICRS J2000, Galactic l/b); see README.md, "Conventions".
      Every output records its provenance: tool version, git commit, model hash, seed and input checksums.
      """,
    version: "galmorph \(ToolInfo.version) (commit \(ToolInfo.gitCommit))",
    subcommands: [
      InspectCommand.self, TrainCommand.self, EvaluateCommand.self, AnnotateCommand.self, MergeCommand.self,
      StackCommand.self,
      SimulateCommand.self, AuditCommand.self, ReportCommand.self,
      DipoleCommand.self, HemispheresCommand.self, BiasMetricCommand.self, CleanCommand.self, ExplainCommand.self,
      ProbeContextCommand.self, SystematicsCommand.self,
      SlurmCommand.self,
      InfoCommand.self,
    ]
  )

  public init() {}

  /// Parses the command line, runs the command and exits; the one place where errors reach the user. Errors are
  /// shown through ``userFacing(_:)``, so Foundation's file errors read as `PATH: reason`, never as
  /// `Error Domain=NSCocoaErrorDomain …`.
  ///
  /// As the process's own command line, long commands stop at a safe point on Ctrl-C or SIGTERM
  /// (`Interruption.enable()`; `main(_:)` with explicit arguments and `run()` in-process leave signals alone).
  public static func main() {
    Interruption.enable()
    main(nil)
  }

  /// ``main()`` with explicit arguments (nil: the process's).
  public static func main(_ arguments: [String]?) {
    do {
      var command = try parseAsRoot(arguments)
      try command.run()
    } catch let SupportError.interrupted(signal, resume) {
      // Stopped at a safe point after SIGINT/SIGTERM: the message, then the status a shell expects (128 + signal).
      let text = "Error: " + SupportError.interrupted(signal: signal, resume: resume).description + "\n"
      FileHandle.standardError.write(Data(text.utf8))
      Foundation.exit(128 + signal)
    } catch {
      // A signal ended the command through an error another layer wrapped (e.g. the HDF5 walk of a model file,
      // killed on Ctrl-C): the message as it is, the status of an interrupted run.
      if let signal = Interruption.received {
        FileHandle.standardError.write(Data("Error: \(message(for: error))\n".utf8))
        Foundation.exit(128 + signal)
      }
      exit(withError: userFacing(error))
    }
  }

  /// `error` as the user sees it: Foundation and POSIX errors become `SupportError.io` naming the file and the
  /// system's reason (``FileErrorText``); every other error is galmorph's own and passes through.
  public static func userFacing(_ error: any Error) -> any Error { FileErrorText.userFacing(error) }

  /// The message printed for `error` (after ``userFacing(_:)``), as `main()` prints it.
  public static func message(for error: any Error) -> String { defaultMessage(Galmorph.self, userFacing(error)) }

  /// The exit code for `error` (after ``userFacing(_:)``).
  public static func exitCode(for error: any Error) -> ExitCode { defaultExitCode(Galmorph.self, userFacing(error)) }

  /// Process start-up before any command runs: makes sure OpenBLAS uses the vectorised kernel for this CPU
  /// (Debian's OpenBLAS 0.3.21 falls back to a generic kernel on CPUs newer than it knows; see
  /// `BLASRuntime.ensureOptimalKernel()`, which may re-execute the process once with `OPENBLAS_CORETYPE` set),
  /// then configures the engine: `Parallel.workers` worker slices (default 2; fixed, so results do not depend on the
  /// machine's core count), each calling OpenBLAS single-threaded. Without the second step OpenBLAS starts its own
  /// threads (one per core) inside every worker and the two oversubscribe the cores: a default audit of 42 small
  /// models took 31 s instead of 10 s on a 2-core machine, with identical results.
  ///
  /// `GALMORPH_THREADS=N` sets the number of workers (a batch job sets it to its CPUs, as `galmorph slurm`'s scripts
  /// do from `SLURM_CPUS_PER_TASK`); the engine's results do not depend on it (fixed image slices).
  public static func prepareRuntime() {
    BLASRuntime.ensureOptimalKernel()
    IsolatedHDF5Inspection.installOpenCheck()
    let env = ProcessInfo.processInfo.environment["GALMORPH_THREADS"].flatMap { Int($0) }
    Parallel.configure(threads: env.map { max(1, $0) } ?? Parallel.workers)
  }
}

/// ArgumentParser's own message and exit code (its protocol extension), which ``Galmorph`` wraps.
private func defaultMessage<C: ParsableCommand>(_ command: C.Type, _ error: any Error) -> String {
  C.message(for: error)
}
private func defaultExitCode<C: ParsableCommand>(_ command: C.Type, _ error: any Error) -> ExitCode {
  C.exitCode(for: error)
}
