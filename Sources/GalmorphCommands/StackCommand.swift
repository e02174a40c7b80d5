// galmorph — GalmorphCommands

import ArgumentParser
import Foundation
import MorphologyClassifier

/// `galmorph stack`: export a labelled catalog of cutouts to one compact HDF5 image stack.
struct StackCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stack",
    abstract: "Export the labelled cutouts of a catalog to a compact HDF5 image stack (uint8, cropped and resized).",
    discussion: """
      Each cutout is centre-cropped to --crop-size and area-resized to --size (as the model's preprocessing does), \
      quantised to uint8 and stored as 'images' [N, size, size, 3] (gzip 9 + shuffle) with 'labels' \
      (spiral/elliptical; other classes are left out and counted), 'id' (--id-column, verbatim), 'row' (0-based \
      catalog data row) and provenance attributes. train, evaluate and annotate read the stack with \
      --image-stack FILE (or --catalog FILE). The file is written under a temporary name and renamed.
      """
  )

  @Option(help: "Catalog (CSV/TSV(.gz), FITS table or HDF5) with an image-path column.")
  var catalog: String

  @OptionGroup var labels: LabelColumnOptions

  @Option(name: .customLong("id-column"), help: "Identifier column copied verbatim into the stack's 'id' dataset.")
  var idColumn: String?

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
    let s = try ImageStackExport.write(catalog: URL(fileURLWithPath: catalog), columns: labels.columns(),
                                       idColumn: idColumn, mapping: try labels.mapping(), cropSize: cropSize, size: size,
                                       maxCount: maxCount, seed: seed, output: URL(fileURLWithPath: output),
                                       commandLine: CommandLine.arguments.joined(separator: " "))
    let dropped = s.droppedLabels.sorted { $0.key < $1.key }.map { "\($0.key.isEmpty ? "(empty)" : $0.key)=\($0.value)" }
    CommandOutput.line("\(output): \(s.count) images \(size)×\(size)×3 uint8 (crop \(cropSize) px)"
          + (dropped.isEmpty ? "" : "; dropped labels: \(dropped.joined(separator: " "))") + "; sha256 \(s.sha256)")
  }
}
