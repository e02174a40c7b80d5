// galmorph — GalmorphCommands

import ArgumentParser
import Foundation
import MorphologyClassifier

/// `galmorph merge`: join the shard outputs of `annotate --shard K/N` into one catalog.
struct MergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Merge the shard outputs of `galmorph annotate --shard K/N` into one catalog in the input's order.",
    discussion: """
      Each shard output must have its OUTPUT.shard.json (written when the shard finished). The merge refuses — with \
      an error naming the file and nothing written — when a shard is missing, given twice, truncated or changed \
      since it finished, or made from another catalog, model, options or galmorph version. CSV shards are joined \
      byte for byte; an OUTPUT ending in .fits is a FITS binary table, as `annotate` writes.
      """
  )

  @Option(help: "Merged catalog: FITS binary table when it ends in .fits/.fit, else CSV.")
  var output: String

  @Argument(help: "The shard outputs (any order).")
  var shards: [String]

  func run() throws {
    guard !shards.isEmpty else { throw ValidationError("give the shard outputs to merge") }
    let s = try AnnotationMerge.merge(
      shards.map { URL(fileURLWithPath: $0) }, into: URL(fileURLWithPath: output),
      commandLine: CommandLine.arguments.joined(separator: " "))
    CommandOutput.line("\(output): \(s.rows) rows from \(s.shards) shards")
  }
}
