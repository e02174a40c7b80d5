// galmorph — GalmorphCommands
//
// The root command. Subcommands live one per file (`InspectCommand.swift`, ...).

import ArgumentParser
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
      InspectCommand.self, TrainCommand.self, EvaluateCommand.self, AnnotateCommand.self, StackCommand.self,
      SimulateCommand.self, AuditCommand.self, ReportCommand.self,
      DipoleCommand.self, HemispheresCommand.self,
    ]
  )

  public init() {}

  /// Process start-up before any command runs: makes sure OpenBLAS uses the vectorised kernel for this CPU
  /// (Debian's OpenBLAS 0.3.21 falls back to a generic kernel on CPUs newer than it knows; see
  /// `BLASRuntime.ensureOptimalKernel()`, which may re-execute the process once with `OPENBLAS_CORETYPE` set).
  public static func prepareRuntime() { BLASRuntime.ensureOptimalKernel() }
}
