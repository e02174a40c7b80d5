// galmorph — GalmorphCommands

import ArgumentParser
import Foundation
import GalmorphSupport
import MorphologyClassifier

/// `galmorph stack`: export a labelled catalog of cutouts to one compact HDF5 image stack.
struct StackCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stack",
    abstract: "Export the labelled cutouts of a catalog to a compact HDF5 image stack (uint8, cropped and resized).",
    discussion: """
      Each cutout is centre-cropped to --crop-size and area-resized to --size (as the model's preprocessing does), \
      quantised to uint8 and stored as 'images' [N, size, size, 3] (gzip 9 + shuffle) with 'label' (int64, \
      1 = spiral, 0 = elliptical; other classes are left out and counted) and the same as text in 'labels', \
      'id' (--id-column, verbatim), 'row' (0-based catalog data row), 'ra' and 'dec' (float64 degrees, when the \
      catalog has positions: --ra-column/--dec-column, else the usual names such as ra/dec, raj2000/dej2000; \
      sexagesimal text is read with RA in hours), one dataset per --keep-column, and provenance attributes \
      (the image-stack layout: README, "Image stacks"). \
      train, evaluate and annotate read the stack with --image-stack FILE (or --catalog FILE); with positions it \
      also goes into `galmorph audit --images`. The file is written under a temporary name and renamed.
      """
  )

  @Option(help: "Catalog (CSV/TSV(.gz), FITS table or HDF5) with an image-path column.")
  var catalog: String

  @OptionGroup var labels: LabelColumnOptions

  @OptionGroup var columns: StackColumnOptions

  @Option(
    name: .customLong("keep-column"),
    help: ArgumentHelp(
      "A catalog column to copy into the stack as a dataset of that name (repeatable): int64, float64 or text.",
      valueName: "name"))
  var keepColumns: [String] = []

  @Option(name: .customLong("crop-size"), help: "Centre crop of the cutouts, pixels (the shipped model's: 224).")
  var cropSize: Int = 224

  @Option(help: "Side of the stored images, pixels (the network input: 64).")
  var size: Int = 64

  @Option(name: .customLong("max-count"), help: "Keep at most this many galaxies: a seeded, stratified subset.")
  var maxCount: Int?

  @Option(help: "Seed of the --max-count subset.")
  var seed: UInt64 = 0

  @Option(help: "Output HDF5 file.")
  var output: String

  func run() throws {
    guard size >= 8, cropSize >= size else { throw ValidationError("need --size ≥ 8 and --crop-size ≥ --size") }
    if let m = maxCount, m <= 0 { throw ValidationError("--max-count must be positive") }
    try OutputLocation.prepareParent(ofPath: output)
    let outURL = URL(fileURLWithPath: output)
    let lock = try OutputLock.file(outURL)
    defer { lock.release() }
    Interruption.install()
    let (rows, needed) = ImageStackExport.estimatedBytes(
      catalog: URL(fileURLWithPath: catalog), size: size, maxCount: maxCount)
    let s = try DiskSpace.reserving(
      needed, at: outURL.deletingLastPathComponent(), for: "an image stack of \(rows) rows"
    ) {
      try ImageStackExport.write(
        catalog: URL(fileURLWithPath: catalog), columns: labels.columns(),
        idColumn: columns.idColumn, positions: columns.positions,
        keepColumns: keepColumns, mapping: try labels.mapping(), cropSize: cropSize, size: size,
        maxCount: maxCount, seed: seed, output: outURL,
        commandLine: CommandLine.arguments.joined(separator: " "))
    }
    let dropped = StackColumnOptions.droppedText(s.droppedLabels)
    CommandOutput.line(
      "\(output): \(s.count) images \(size)×\(size)×3 uint8 (crop \(cropSize) px)"
        + (dropped.isEmpty ? "" : "; dropped labels: \(dropped)")
        + (s.raColumn.map { "; positions from \($0)/\(s.decColumn ?? "")" } ?? "; no positions")
        + (s.keptColumns.isEmpty ? "" : "; kept \(s.keptColumns.joined(separator: ", "))") + "; sha256 \(s.sha256)")
  }
}
