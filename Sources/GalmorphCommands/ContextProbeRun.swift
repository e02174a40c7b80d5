// galmorph — GalmorphCommands
//
// The background-only probe on an image stack, shared by `galmorph probe-context` and `galmorph audit --probe`.

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
import SkySimulator

/// How the galaxies are taken out of the cutouts.
enum ProbeBackground: String, ExpressibleByArgument, CaseIterable, Codable {
  /// `truth` for a stack written by `galmorph simulate`, else `segmentation`.
  case auto
  /// The simulator renders every stamp again without its galaxy (``SimulatedStack``): exact.
  case truth
  /// The segmentation footprint, grown by `dilate`, filled with Gaussian sky of the cutout's border
  /// (``GalaxyMasking``): the galaxy's light below the detection threshold stays.
  case segmentation
}

extension NamedSplit {
  /// The `--split` options of a command, each parsed (`dec:0`, `ra:70,250`, …), a bad one named in the error.
  static func parsingOptions(_ texts: [String]) throws -> [NamedSplit] {
    try texts.map { text in
      do { return try NamedSplit(parsing: text) } catch { throw ValidationError("--split \(text): \(error)") }
    }
  }
}

/// One run of the context probe (``ContextProbe``) on an image stack: the galaxies removed from the stored stamps,
/// which are cropped and resized by the recipe and scaled by one μ, σ for the whole sample
/// (``ContextProbe/standardizedGlobally(_:)``, not per image), then one Net B (or A) per target — the side of each
/// split, and the morphology label.
struct ContextProbeRun {
  var stack: URL
  var splits: [NamedSplit]
  var label = true
  /// Which stack labels are spirals and ellipticals (the audit's `--spiral-labels`, …).
  var mapping = LabelMapping()
  var architecture: ReferenceNetworks.Name = .netB
  var cropSize: Int?
  var inputSize = 32
  var epochs = 6
  var testFraction = 0.3
  var dilate = 2
  var permutations = 2000
  var seed: UInt64 = 0
  var background: ProbeBackground = .auto

  struct Outcome {
    var results: [ProbeResult]
    /// `truth` or `segmentation`: what was used.
    var background: ProbeBackground
    var recipe: PreprocessingRecipe
    /// The stack's SHA-256 (read while loading it) and the transform that removed the galaxies (for the sheet).
    var sourceSHA256: String
    var transform: StampTransform
  }

  /// The stamp transform of `background` for the open `stack` and the mode it resolved to.
  func transform(_ file: ImageStackFile) throws -> (StampTransform, ProbeBackground) {
    let simulated = background == .segmentation ? nil : try SimulatedStack(stack: file, path: stack.path)
    if let simulated {
      let (h, w, c) = simulated.simulator.imageShape
      guard file.pixels.scale == 1 else {
        throw HDF5IOError.layout(
          file: stack.path, path: "/images", reason: "a simulated stack must hold physical (float) pixels")
      }
      return (
        { p, _ in
          ImageBuffer(width: w, height: h, channels: c, pixels: try simulated.backgroundStamp(position: p))
        }, .truth
      )
    }
    guard background != .truth else {
      throw ValidationError(
        "--background truth needs a stack written by `galmorph simulate` (its 'simulation' attribute); \(stack.path) has none"
      )
    }
    return (GalaxyMasking.transform(dilate: dilate, seed: seed), .segmentation)
  }

  func run(log: (String) -> Void) throws -> Outcome {
    let stamp: Int, channels: Int
    let (transform, used): (StampTransform, ProbeBackground)
    do {
      let file = try HDF5File(url: stack)
      defer { file.close() }
      let stackFile = try ImageStackFile(file: file)
      stamp = stackFile.images.width
      channels = stackFile.images.channels
      (transform, used) = try self.transform(stackFile)
    }
    let recipe = PreprocessingRecipe(cropSize: cropSize ?? stamp, inputSize: inputSize, channels: channels)
    guard recipe.cropSize >= inputSize, recipe.cropSize <= stamp else {
      throw ValidationError("need --input-size ≤ --crop-size ≤ the stored stamp side (\(stamp) px)")
    }
    log("loading \(stack.path), galaxies removed (\(used.rawValue)) …")
    // Sky positions are needed only for the side probes: a label-only probe reads stacks without ra/dec.
    let (raw, directions): (LabelledDataset, [SkyDirection]) =
      splits.isEmpty
      ? (
        try LabelledDataset.loadStack(
          stack, mapping: mapping, recipe: recipe, frame: .storedPixels, transform: transform, standardize: false
        ).data, []
      )
      : try {
        let s = try AuditSample.load(
          imageStack: stack, recipe: recipe, mapping: mapping, transform: transform, standardize: false)
        return (s.data, s.directions)
      }()
    let data = ContextProbe.standardizedGlobally(raw)
    var arch = architecture.architecture
    arch.inputShape = [inputSize, inputSize, recipe.channels]
    let config = TrainingConfiguration(
      architecture: arch, recipe: recipe, epochs: epochs, balancing: .weights, validationFraction: 0.2,
      testFraction: testFraction, stopMetric: .auc, patience: 3, augmentation: Augmentation(), seed: seed)
    var targets: [(String, [Int])] = splits.map { s in
      ("side of \(s.name) (A = 1)", s.split.isSideA(directions).map { $0 ? 1 : 0 })
    }
    if label { targets.append(("morphology label", data.labels)) }
    var results: [ProbeResult] = []
    for (name, y) in targets {
      log("probe: \(name) …")
      results.append(try ContextProbe.run(data, target: y, name: name, config: config, permutations: permutations))
    }
    return Outcome(
      results: results, background: used, recipe: recipe, sourceSHA256: raw.sourceSHA256, transform: transform)
  }

  /// `masked.png`: the first `count` stored stamps beside their background-only versions (each stretched to its own
  /// 0.5–99.5 percentiles).
  func writeSheet(to url: URL, transform: StampTransform, count: Int = 6) throws {
    let file = try HDF5File(url: stack)
    defer { file.close() }
    let stackFile = try ImageStackFile(file: file)
    let n = min(count, stackFile.count)
    let h = stackFile.images.height, w = stackFile.images.width, c = stackFile.images.channels
    let values = try stackFile.images.batch(rows: 0..<n, scale: stackFile.pixels.scale)
    var tiles: [ContactSheet.Tile] = []
    for i in 0..<n {
      let img = ImageBuffer(
        width: w, height: h, channels: c, pixels: Array(values[(i * h * w * c)..<((i + 1) * h * w * c)]))
      for (b, caption) in [(img, "row \(i)"), (try transform(i, img), "background only")] {
        tiles.append(.init(width: w, height: h, rgb: b.displayRGB(), caption: [caption]))
      }
    }
    try ContactSheet(
      tiles: tiles, columns: 6, magnification: max(1, 96 / w), title: "Stored stamps and their background-only versions"
    )
    .writePNG(to: url)
  }
}

extension AttributionMethod: ExpressibleByArgument {}
