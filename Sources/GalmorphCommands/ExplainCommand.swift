// galmorph — GalmorphCommands

import ArgumentParser
import Attribution
import CatalogIO
import Foundation
import GalmorphSupport
import HDF5IO
import MorphologyClassifier
import Plotting

/// `galmorph explain`: attribution maps of p_spiral per galaxy and the share of attribution outside the galaxy.
struct ExplainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "What the network looks at: attribution maps of p_spiral and the share outside the galaxy.",
    discussion: """
      For each selected galaxy of a labelled catalog or image stack: occlusion sensitivity (a patch filled with the \
      image's background level slides over the input), the input gradient, SmoothGrad and Integrated Gradients \
      from a background baseline (Attribution module), on the model's network input. The galaxy's footprint is \
      the connected component at the centre of pixels 2σ above the border's background (GalaxyFootprint), or on a \
      stack written by `galmorph simulate` the simulator's noiseless galaxy above 2σ of the sky noise. Writes \
      OUT/attributions.h5 (input, footprint mask and one map per method, aligned, with row, label and p_spiral), \
      OUT/attribution.csv (per galaxy: p_spiral, footprint pixels, the share of |attribution| outside the \
      footprint per method), OUT/sheet-METHOD.png (cutout | map | footprint) and OUT/explain.json (galaxies/s per \
      method, mean outside shares per class, provenance).
      """
  )

  @OptionGroup var data: CatalogOptions
  @OptionGroup var modelOptions: ModelOptions

  @Option(help: "Output folder.")
  var out: String

  @Option(help: "Attribution method: occlusion, gradient, smoothgrad, integrated-gradients or all.")
  var method: String = "all"

  @Option(help: "Catalog rows to explain (comma-separated, 0-based data rows as the model records them).")
  var rows: String?

  @Option(name: .customLong("max-count"), help: "Without --rows or --per-class: explain the first N galaxies.")
  var maxCount: Int = 16

  @Option(name: .customLong("per-class"), help: "Explain the first N spirals and the first N ellipticals.")
  var perClass: Int?

  @Flag(
    name: .customLong("held-out"),
    help: "Choose only among the model's recorded test rows (galaxies it never trained on; see `evaluate --held-out`).")
  var heldOut = false

  @Option(help: "Occlusion patch side, input pixels.")
  var patch: Int = 8

  @Option(help: "Occlusion stride, input pixels.")
  var stride: Int = 4

  @Option(name: .customLong("smoothgrad-samples"), help: "SmoothGrad: noisy copies averaged.")
  var smoothGradSamples: Int = 25

  @Option(name: .customLong("ig-steps"), help: "Integrated Gradients: steps of the path integral.")
  var igSteps: Int = 32

  @Option(
    help:
      "Galaxy footprint: truth (the simulator's noiseless galaxy above 2σ of the sky noise), segmentation, or auto (truth for a `galmorph simulate` stack)."
  )
  var footprint: FootprintSource = .auto

  func validate() throws {
    _ = try methods()
    guard patch >= 1, stride >= 1, smoothGradSamples >= 1, igSteps >= 1, maxCount >= 1, (perClass ?? 1) >= 1 else {
      throw ValidationError(
        "--patch, --stride, --smoothgrad-samples, --ig-steps, --max-count and --per-class must be ≥ 1")
    }
  }

  func methods() throws -> [AttributionMethod] {
    if method == "all" { return AttributionMethod.allCases }
    return try method.split(separator: ",").map {
      guard let m = AttributionMethod(rawValue: String($0)) else {
        throw ValidationError(
          "unknown --method \($0); use occlusion, gradient, smoothgrad, integrated-gradients or all")
      }
      return m
    }
  }

  func run() throws {
    let folder = URL(fileURLWithPath: out, isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let (model, modelHash, modelURL) = try modelOptions.load()
    let methods = try methods()
    FileHandle.standardError.write(Data("loading and preprocessing \(data.catalogPath) …\n".utf8))
    var dataset = try data.loadDataset(recipe: model.recipe)
    if heldOut { dataset = try HeldOutRows.select(dataset, model: model, modelPath: modelURL.path) }
    let chosen = try selection(dataset)
    var settings = AttributionSettings()
    settings.occlusion = Occlusion(patch: patch, stride: stride)
    settings.smoothGradSamples = smoothGradSamples
    settings.integratedGradientSteps = igSteps
    settings.seed = data.seed
    let truth = try footprint.resolve(
      stack: data.imageStack.map { URL(fileURLWithPath: $0) }, recipe: model.recipe)
    let engine = SpiralGradient(model: model)
    let s = model.recipe.inputSize, c = model.recipe.channels
    var explanations: [Explanation] = []
    var seconds = [AttributionMethod: Double]()
    let progress = ProgressReporter(label: "explain", total: chosen.count, unit: "gal")
    for (k, i) in chosen.enumerated() {
      let image = InputImage(size: s, channels: c, values: dataset.image(i).pixels)
      let e = try engine.explain(
        image, methods: methods, settings: settings, index: k,
        footprint: try truth?.mask(position: dataset.rows[i]))
      for (m, t) in e.seconds { seconds[m, default: 0] += t }
      explanations.append(e)
      progress.advance(by: 1)
    }
    progress.finish()
    try writeOutputs(
      folder: folder, dataset: dataset, chosen: chosen, explanations: explanations, methods: methods,
      seconds: seconds, modelHash: modelHash, modelURL: modelURL, footprint: truth == nil ? .segmentation : .truth)
  }

  /// Dataset indices to explain: --rows, else --per-class, else the first --max-count.
  func selection(_ dataset: LabelledDataset) throws -> [Int] {
    if let rows {
      var index: [Int: Int] = [:]
      for i in 0..<dataset.count { index[dataset.rows[i]] = i }
      return try rows.split(separator: ",").map { text in
        guard let r = Int(text.trimmingCharacters(in: .whitespaces)), let i = index[r] else {
          throw ValidationError("--rows: no example of \(dataset.source) has row '\(text)'")
        }
        return i
      }
    }
    if let perClass {
      return (0...1).flatMap { c in Array(dataset.labels.indices.filter { dataset.labels[$0] == c }.prefix(perClass)) }
        .sorted()
    }
    return Array(0..<min(maxCount, dataset.count))
  }
}
