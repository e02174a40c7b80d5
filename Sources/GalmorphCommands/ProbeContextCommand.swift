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
      Every galaxy is removed from its stored stamp before the per-image standardisation: on a stack written by \
      `galmorph simulate` the simulator renders the stamp again without the galaxy (same sky, stars, seeing and \
      noise level; SkySimulator.SimulatedStack), elsewhere the galaxy's footprint (grown by --dilate pixels) is \
      filled with Gaussian sky of the cutout's border (Attribution.GalaxyMasking), which leaves the galaxy's light \
      below the detection threshold. A network is then trained on these background-only images to predict (a) the \
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

  @Option(
    help:
      "How the galaxies are removed: truth (the simulator renders each stamp again without its galaxy), segmentation (footprint filled with the border's sky), or auto (truth for a `galmorph simulate` stack)."
  )
  var background: ProbeBackground = .auto

  @Option(help: "With segmentation: pixels the footprint is grown by before it is filled.")
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
    let folder = URL(fileURLWithPath: out, isDirectory: true)
    try OutputLocation.prepareFolder(folder)
    let url = URL(fileURLWithPath: images)
    let probe = ContextProbeRun(
      stack: url, splits: try NamedSplit.parsingOptions(splits), label: !noLabel, architecture: architecture,
      cropSize: cropSize, inputSize: inputSize, epochs: epochs, testFraction: testFraction, dilate: dilate,
      permutations: permutations, seed: seed, background: background)
    let outcome = try probe.run { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
    for r in outcome.results {
      CommandOutput.line(
        String(
          format: "%@: ROC AUC %.3f [%.3f, %.3f] on %d background-only test cutouts; permutation p = %.4g",
          r.target, r.auc, r.aucLow, r.aucHigh, r.testCount, r.permutationP))
    }
    struct Output: Encodable {
      var results: [ProbeResult], splits: [String], background: ProbeBackground, architecture: String
      var inputSize: Int, epochs: Int, testFraction: Double, dilate: Int, provenance: Provenance
    }
    let doc = Output(
      results: outcome.results, splits: splits, background: outcome.background, architecture: architecture.rawValue,
      inputSize: inputSize, epochs: epochs, testFraction: testFraction, dilate: dilate,
      provenance: Provenance(seed: seed, inputs: [url.path: outcome.sourceSHA256]))
    try AtomicFile.write(try JSONCoding.encoder().encode(doc), to: folder.appendingPathComponent("probe.json"))
    try probe.writeSheet(to: folder.appendingPathComponent("masked.png"), transform: outcome.transform)
  }
}
