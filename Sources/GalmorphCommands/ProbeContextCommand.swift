// galmorph — GalmorphCommands

import AnisotropyAudit
import ArgumentParser
import Attribution
import Foundation
import GalmorphSupport
import HDF5IO
import MorphologyClassifier
import NeuralNet
import Plotting
import SkyGeometry

/// `galmorph probe-context`: is the sky side, or the morphology, written in the background around the galaxies?
struct ProbeContextCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "probe-context",
    abstract:
      "Background-only probe: train on cutouts with the galaxy removed to predict the sky side and the morphology.",
    discussion: """
      Every galaxy's footprint (grown by --dilate pixels) is replaced by sky drawn from its own cutout's border \
      (Attribution.GalaxyMasking); a network is then trained on these background-only images to predict (a) the \
      side of each --split and (b) the morphology label, and scored on a held-out test part: ROC AUC with a 95 % \
      bootstrap interval and a permutation p (Attribution.ContextProbe). A side AUC far above 0.5 says the sky side \
      is written in the surroundings; a label AUC above 0.5 says morphology leaks through the context — the \
      mechanism behind context bias (Dhar & Shamir 2022). Writes OUT/probe.json and OUT/masked.png (examples).
      """
  )

  @Option(help: "HDF5 image stack with images, label, ra, dec (e.g. `galmorph simulate`'s cutouts.h5).")
  var images: String

  @Option(name: .customLong("split"), help: "A sky split whose side is probed (repeatable), e.g. dec:0 or ra:70,250.")
  var splits: [String] = []

  @Flag(name: .customLong("no-label"), help: "Skip the morphology-label probe.")
  var noLabel = false

  @Option(help: "Network: net-b or net-a.")
  var architecture: ReferenceNetworks.Name = .netB

  @Option(name: .customLong("crop-size"), help: "Centre crop of the stored stamps, stored pixels (default: all).")
  var cropSize: Int?

  @Option(name: .customLong("input-size"), help: "Network input size, pixels.")
  var inputSize: Int = 32

  @Option(help: "Epochs per probe model.")
  var epochs: Int = 6

  @Option(name: .customLong("test-fraction"), help: "Held-out test part, stratified by the target.")
  var testFraction: Double = 0.3

  @Option(help: "Pixels the footprint is grown by before it is filled.")
  var dilate: Int = 2

  @Option(help: "Label permutations of the test part for the p-value.")
  var permutations: Int = 2000

  @Option(help: "Random seed (split, training, masking).")
  var seed: UInt64 = 0

  @Option(help: "Output folder.")
  var out: String

  func validate() throws {
    guard !splits.isEmpty || !noLabel else {
      throw ValidationError("nothing to probe: give --split or drop --no-label")
    }
    guard (0.05...0.5).contains(testFraction), epochs >= 1, dilate >= 0, permutations >= 99, inputSize >= 8 else {
      throw ValidationError(
        "need --test-fraction in [0.05, 0.5], --epochs ≥ 1, --dilate ≥ 0, --permutations ≥ 99, --input-size ≥ 8")
    }
  }

  func run() throws {
    let named = try splits.map { text -> NamedSplit in
      do { return try NamedSplit(parsing: text) } catch { throw ValidationError("--split \(text): \(error)") }
    }
    let folder = URL(fileURLWithPath: out, isDirectory: true)
    try OutputLocation.prepareFolder(folder)
    let url = URL(fileURLWithPath: images)
    let stamp = try Self.stampSide(url)
    let recipe = PreprocessingRecipe(cropSize: cropSize ?? stamp, inputSize: inputSize)
    guard recipe.cropSize >= inputSize, recipe.cropSize <= stamp else {
      throw ValidationError("need --input-size ≤ --crop-size ≤ the stored stamp side (\(stamp) px)")
    }
    FileHandle.standardError.write(Data("loading and preprocessing \(images) …\n".utf8))
    // Sky positions are needed only for the side probes: a label-only probe reads stacks without ra/dec.
    let (data, directions): (LabelledDataset, [SkyDirection]) =
      named.isEmpty
      ? (try LabelledDataset.load(imageStack: url, recipe: recipe, frame: .storedPixels), [])
      : try {
        let s = try AuditSample.load(imageStack: url, recipe: recipe); return (s.data, s.directions)
      }()
    let masked = ContextProbe.backgroundOnly(data, dilate: dilate, seed: seed)
    var arch = architecture.architecture
    arch.inputShape = [inputSize, inputSize, recipe.channels]
    let config = TrainingConfiguration(
      architecture: arch, recipe: recipe, epochs: epochs, balancing: .weights, validationFraction: 0.2,
      testFraction: testFraction, stopMetric: .auc, patience: 3, augmentation: Augmentation(), seed: seed)
    var targets: [(String, [Int])] = named.map { s in
      ("side of \(s.name) (A = 1)", s.split.isSideA(directions).map { $0 ? 1 : 0 })
    }
    if !noLabel { targets.append(("morphology label", data.labels)) }
    var results: [ProbeResult] = []
    for (name, y) in targets {
      FileHandle.standardError.write(Data("probe: \(name) …\n".utf8))
      let r = try ContextProbe.run(masked, target: y, name: name, config: config, permutations: permutations)
      results.append(r)
      CommandOutput.line(
        String(
          format: "%@: ROC AUC %.3f [%.3f, %.3f] on %d background-only test cutouts; permutation p = %.4g",
          name, r.auc, r.aucLow, r.aucHigh, r.testCount, r.permutationP))
    }
    try writeOutputs(folder: folder, url: url, masked: masked, original: data, results: results)
  }

  static func stampSide(_ url: URL) throws -> Int {
    let file = try HDF5File(url: url)
    defer { file.close() }
    return try ImageStackFile(file: file).images.width
  }

  /// `probe.json` (results, settings, provenance) and `masked.png` (12 cutouts before and after masking).
  func writeOutputs(
    folder: URL, url: URL, masked: LabelledDataset, original: LabelledDataset, results: [ProbeResult]
  ) throws {
    struct Output: Encodable {
      var results: [ProbeResult], splits: [String], architecture: String, inputSize: Int, epochs: Int
      var testFraction: Double, dilate: Int, provenance: Provenance
    }
    let doc = Output(
      results: results, splits: splits, architecture: architecture.rawValue, inputSize: inputSize, epochs: epochs,
      testFraction: testFraction, dilate: dilate,
      provenance: Provenance(seed: seed, inputs: [url.path: original.sourceSHA256]))
    try AtomicFile.write(try JSONCoding.encoder().encode(doc), to: folder.appendingPathComponent("probe.json"))
    var tiles: [ContactSheet.Tile] = []
    for i in 0..<min(6, original.count) {
      for (d, caption) in [(original, "row \(original.rows[i])"), (masked, "background only")] {
        let img = d.image(i)
        tiles.append(.init(width: img.width, height: img.height, rgb: img.displayRGB(), caption: [caption]))
      }
    }
    try ContactSheet(
      tiles: tiles, columns: 6, magnification: max(1, 96 / inputSize),
      title: "Cutouts and their background-only versions"
    )
    .writePNG(to: folder.appendingPathComponent("masked.png"))
  }
}
