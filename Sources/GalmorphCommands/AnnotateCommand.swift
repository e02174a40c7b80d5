// galmorph — GalmorphCommands

import ArgumentParser
import Foundation
import GalmorphSupport
import MorphologyClassifier

/// `galmorph annotate`: add class probabilities to every row of a catalog of cutouts.
struct AnnotateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "annotate",
    abstract: "Annotate a catalog with p_spiral, p_elliptical, predicted_class, p_spiral_std, n_tta and status.",
    discussion: """
      Every input column is copied; rows whose image is missing or unreadable are kept and flagged in 'status'. \
      The catalog may be CSV/TSV(.gz), a FITS binary table or HDF5 with an image-path column, or an HDF5 image \
      stack (--image-stack, from `galmorph stack`). Output goes to OUTPUT.partial and is renamed at the end; \
      --resume continues a killed run; Ctrl-C or SIGTERM stops after the current batch with it saved. A second \
      process writing the same OUTPUT is refused (lock file .OUTPUT.lock), and a run that cannot fit on the \
      output's disk stops before it starts, naming the space needed. An OUTPUT ending in .fits is a FITS binary table with provenance header \
      cards (GM*); otherwise CSV with a provenance sidecar OUTPUT.meta.json (model hash, catalog checksum). \
      --shard K/N annotates only part K (0-based) of N — rows ⌊K·T/N⌋ to ⌊(K+1)·T/N⌋ of the T rows, or with \
      --shard-by healpix:NSIDE a patch of sky: consecutive NESTED HEALPix pixels holding about T/N rows, from the \
      rows' RA/Dec — and leaves OUTPUT.shard.json for `galmorph merge`, which restores the input's order.
      """
  )

  @Option(help: "Catalog (CSV/TSV(.gz), FITS table or HDF5) with an image-path column, or an HDF5 image stack.")
  var catalog: String?

  @Option(
    name: .customLong("image-stack"),
    help: "HDF5 image stack ('images' [N,H,W,C], e.g. from `galmorph stack`) instead of --catalog.")
  var imageStack: String?

  @Option(name: .customLong("image-column"), help: "Column of image paths.")
  var imageColumn: String?

  @OptionGroup var modelOptions: ModelOptions

  @Option(help: "Output catalog: FITS binary table when it ends in .fits/.fit, else CSV.")
  var output: String

  @Option(help: "Dihedral test-time augmentation: 1 (none) or 8.")
  var tta: Int = 1

  @Option(name: .customLong("batch-size"), help: "Rows per batch (memory is bounded by this).")
  var batchSize: Int = 256

  @Flag(help: "Continue a killed run from OUTPUT.partial.")
  var resume = false

  @Option(
    help: ArgumentHelp(
      "Annotate only part K of N (0 ≤ K < N; cut as --shard-by says) and write OUTPUT.shard.json.",
      valueName: "K/N"))
  var shard: String?

  @Option(
    name: .customLong("shard-by"),
    help: ArgumentHelp(
      "How --shard cuts the catalog: rows (contiguous ranges) or healpix:NSIDE (sky patches of NESTED pixels).",
      valueName: "rows|healpix:NSIDE"))
  var shardBy: String = "rows"

  @Option(name: .customLong("ra-column"), help: "RA column (degrees) for --shard-by healpix (default: ra, RAJ2000, …).")
  var raColumn: String?

  @Option(
    name: .customLong("dec-column"), help: "Dec column (degrees) for --shard-by healpix (default: dec, DEJ2000, …).")
  var decColumn: String?

  func run() throws {
    guard tta == 1 || tta == 8 else { throw ValidationError("--tta must be 1 or 8") }
    guard batchSize > 0 else { throw ValidationError("--batch-size must be positive") }
    guard let input = imageStack ?? catalog, (catalog == nil) != (imageStack == nil) else {
      throw ValidationError("give exactly one of --catalog FILE or --image-stack FILE")
    }
    let part = try shard.map { try AnnotationShard(parsing: $0) }
    let scheme = try ShardScheme(parsing: shardBy)
    if part == nil, scheme != .rows { throw ValidationError("--shard-by needs --shard K/N") }
    try OutputLocation.prepareParent(ofPath: output)
    let lock = try OutputLock.file(URL(fileURLWithPath: output))
    defer { lock.release() }
    Interruption.install()
    let (model, hash, _) = try modelOptions.load()
    let annotator = Annotator(
      model: model, modelSHA256: hash, imageColumn: imageColumn, batchSize: batchSize, tta: tta,
      commandLine: CommandLine.arguments.joined(separator: " "))
    annotator.raColumn = raColumn
    annotator.decColumn = decColumn
    let s = try annotator.annotate(
      catalog: URL(fileURLWithPath: input), output: URL(fileURLWithPath: output), resume: resume, shard: part,
      shardBy: scheme)
    let counts = s.statusCounts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    let what = counts.isEmpty ? "already finished" : counts
    CommandOutput.line("\(output): \(s.rows) rows (\(what))" + (part.map { ", shard \($0)" } ?? ""))
  }
}
