// galmorph — GalmorphCommands
//
// The root command. Subcommands live one per file (`InspectCommand.swift`, ...).

import ArgumentParser
import GalmorphSupport

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
      InspectCommand.self, TrainCommand.self, EvaluateCommand.self, AnnotateCommand.self, StackCommand.self, SimulateCommand.self,
      DipoleCommand.self, HemispheresCommand.self,
    ]
  )

  public init() {}
}
