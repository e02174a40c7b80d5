// galmorph — GalmorphCommands

import ArgumentParser
import CatalogIO
import Foundation
import GalmorphSupport
import MorphologyClassifier
import Plotting

/// `galmorph clean`: flag likely mislabels of a labelled catalog or stack by k-fold out-of-fold predictions and
/// confident learning.
struct CleanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "clean",
    abstract: "Flag likely mislabels: k-fold out-of-fold predictions and confident learning.",
    discussion: """
      Trains one model per fold (stratified, seeded) on the other folds with the training options of `galmorph \
      train`, predicts the held-out fold, and applies confident learning (Northcutt et al. 2021; ConfidentLearning) \
      to the out-of-fold p(spiral): an example confidently of the class it is not labelled as is a suspect. Writes \
      OUTPUT (CSV: row, label, fold, oof_p_spiral, suspect_label, suspect_score), OUTPUT-stem.summary.json \
      (suspect rate per class, thresholds, confident joint, the fold models' SHA-256, provenance) and the fold \
      models in OUTPUT-stem.folds/ (a killed run reuses the finished folds). --inject-flips F flips a seeded \
      fraction F of the labels first and scores how well the suspects find them (ROC AUC of suspect_score, \
      precision and recall of suspect_label), the way the Tomo-e Gozen real/bogus work tested its cleaning.
      """
  )

  @OptionGroup var data: CatalogOptions

  @Option(help: "Output CSV: one line per example.")
  var output: String

  @Option(help: "Number of folds.")
  var folds: Int = 5

  @OptionGroup var training: TrainingOptions<CleanCommand>

  @Option(name: .customLong("crop-size"), help: "Centre crop of the cutouts, pixels.")
  var cropSize: Int = 224

  @Option(name: .customLong("input-size"), help: "Network input size, pixels.")
  var inputSize: Int = 64

  @Flag(inversion: .prefixedNo, help: "Calibrate each fold model's temperature on its validation part.")
  var calibrate = true

  @Option(
    name: .customLong("inject-flips"),
    help: "Flip this seeded fraction of the labels first and score how well the suspects find the flips (0 = none).")
  var injectFlips: Double = 0

  @Option(name: .customLong("inject-seed"), help: "Seed of the injected flips.")
  var injectSeed: UInt64 = 19

  @Option(
    name: .customLong("contact-sheet"),
    help: "PNG contact sheet of the most suspect examples (network input, given label, out-of-fold p).")
  var contactSheet: String?

  @Option(name: .customLong("sheet-count"), help: "Examples on the contact sheet.")
  var sheetCount: Int = 24

  func validate() throws {
    guard folds >= 2, folds <= 20 else { throw ValidationError("--folds must lie in 2…20") }
    guard (0..<0.5).contains(injectFlips) else { throw ValidationError("--inject-flips must lie in [0, 0.5)") }
    guard cropSize >= inputSize, inputSize >= 16 else {
      throw ValidationError("need --input-size ≥ 16 and --crop-size ≥ --input-size")
    }
    guard sheetCount >= 1 else { throw ValidationError("--sheet-count must be ≥ 1") }
  }

  var stem: URL { URL(fileURLWithPath: output).deletingPathExtension() }

  func run() throws {
    let outputs = [output, stem.path + ".summary.json"] + (contactSheet.map { [$0] } ?? [])
    for path in outputs { try OutputLocation.prepareParent(ofPath: path) }
    let recipe = PreprocessingRecipe(cropSize: cropSize, inputSize: inputSize)
    FileHandle.standardError.write(Data("loading and preprocessing \(data.catalogPath) …\n".utf8))
    var dataset = try data.loadDataset(recipe: recipe)
    let original = dataset.labels
    let flipped = LabelNoise.inject(into: &dataset, fraction: injectFlips, seed: injectSeed)
    let config = TrainingConfiguration(
      recipe: recipe, epochs: training.epochs, batchSize: training.batchSize, learningRate: training.learningRate,
      schedule: .cosine, balancing: .none, validationFraction: 0.15, testFraction: 0, stopMetric: .auc,
      patience: training.patience, augmentation: Augmentation(), seed: data.seed)
    let foldsFolder = URL(fileURLWithPath: stem.path + ".folds", isDirectory: true)
    try FileManager.default.createDirectory(at: foldsFolder, withIntermediateDirectories: true)
    let oof = try CrossValidation.outOfFold(
      dataset, folds: folds, config: config, modelURL: { foldsFolder.appendingPathComponent("fold\($0).h5") },
      calibrate: calibrate, commandLine: CommandLine.arguments.joined(separator: " "),
      log: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) })
    let cl = ConfidentLearning(pSpiral: oof.pSpiral, labels: dataset.labels)
    let isFlipped = Set(flipped)

    var rows: [[String?]] = []
    for i in 0..<dataset.count {
      var r: [String?] = [
        String(dataset.rows[i]), String(dataset.labels[i]), String(oof.fold[i]),
        String(format: "%.6f", oof.pSpiral[i]), cl.suspect[i] ? "1" : "0", String(format: "%.6f", cl.score[i]),
      ]
      if injectFlips > 0 { r += [isFlipped.contains(i) ? "1" : "0", String(original[i])] }
      rows.append(r)
    }
    let header =
      ["row", "label", "fold", "oof_p_spiral", "suspect_label", "suspect_score"]
      + (injectFlips > 0 ? ["injected_flip", "original_label"] : [])
    try CSVWriter.write(header: header, rows: rows, to: URL(fileURLWithPath: output))

    let counts = cl.suspectCounts(labels: dataset.labels)
    let perClass = (0..<2).map { c in dataset.labels.filter { $0 == c }.count }
    var injection: Summary.Injection?
    if injectFlips > 0 {
      let truth = (0..<dataset.count).map { isFlipped.contains($0) ? 1 : 0 }
      let hits = (0..<dataset.count).filter { cl.suspect[$0] && isFlipped.contains($0) }.count
      let flagged = cl.suspect.filter { $0 }.count
      injection = Summary.Injection(
        fraction: injectFlips, seed: injectSeed, flipped: flipped.count,
        rocAUC: BinaryMetrics.rocAUC(scores: cl.score, labels: truth),
        precision: flagged > 0 ? Double(hits) / Double(flagged) : .nan,
        recall: flipped.isEmpty ? .nan : Double(hits) / Double(flipped.count))
    }
    let summary = Summary(
      examples: dataset.count, folds: folds, examplesPerClass: perClass, suspectsPerClass: counts,
      suspectRatePerClass: (0..<2).map { perClass[$0] > 0 ? Double(counts[$0]) / Double(perClass[$0]) : .nan },
      suspectRate: Double(counts.reduce(0, +)) / Double(max(1, dataset.count)), thresholds: cl.thresholds,
      confidentJoint: cl.confidentJoint,
      outOfFoldAUC: BinaryMetrics.rocAUC(scores: oof.pSpiral, labels: dataset.labels), models: oof.models,
      injection: injection,
      provenance: Provenance(
        seed: data.seed, inputs: [dataset.source: dataset.sourceSHA256],
        commandLine: CommandLine.arguments.joined(separator: " ")))
    let enc = JSONEncoder()
    enc.outputFormatting = [.prettyPrinted, .sortedKeys]
    enc.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    try AtomicFile.write(try enc.encode(summary), to: URL(fileURLWithPath: stem.path + ".summary.json"))

    if let contactSheet {
      let order = (0..<dataset.count).filter { cl.suspect[$0] }.sorted { cl.score[$0] > cl.score[$1] }
      let tiles = order.prefix(sheetCount).map { i -> ContactSheet.Tile in
        let img = dataset.image(i)
        return ContactSheet.Tile(
          width: img.width, height: img.height, rgb: img.displayRGB(),
          caption: [
            "row \(dataset.rows[i])", "label \(dataset.labels[i] == 1 ? "spiral" : "elliptical")",
            String(format: "oof p = %.3f", oof.pSpiral[i]),
          ] + (isFlipped.contains(i) ? ["(injected flip)"] : []))
      }
      try ContactSheet(
        tiles: tiles, columns: 6, magnification: 2,
        title: "Suspected mislabels (\(tiles.count) of \(order.count), most suspect first)"
      ).writePNG(to: URL(fileURLWithPath: contactSheet))
    }
    CommandOutput.line(
      String(
        format:
          "%d examples, %d folds: out-of-fold ROC AUC %.4f; suspects %d of %d ellipticals (%.2f%%), %d of %d spirals (%.2f%%)",
        dataset.count, folds, summary.outOfFoldAUC, counts[0], perClass[0], 100 * summary.suspectRatePerClass[0],
        counts[1], perClass[1], 100 * summary.suspectRatePerClass[1]))
    if let injection {
      CommandOutput.line(
        String(
          format: "injected %d flips (%.1f%%): suspect-score ROC AUC %.4f; suspects' precision %.3f, recall %.3f",
          injection.flipped, 100 * injectFlips, injection.rocAUC, injection.precision, injection.recall))
    }
    CommandOutput.line("wrote \(output) and \(stem.path).summary.json")
  }

  /// `OUTPUT-stem.summary.json`.
  struct Summary: Encodable {
    struct Injection: Encodable {
      var fraction: Double, seed: UInt64, flipped: Int, rocAUC: Double, precision: Double, recall: Double
      enum CodingKeys: String, CodingKey {
        case fraction, seed, flipped, rocAUC = "suspect_score_roc_auc", precision, recall
      }
    }
    var examples: Int, folds: Int, examplesPerClass: [Int], suspectsPerClass: [Int], suspectRatePerClass: [Double]
    var suspectRate: Double, thresholds: [Double], confidentJoint: [[Int]], outOfFoldAUC: Double
    var models: [FoldModel], injection: Injection?, provenance: Provenance
    enum CodingKeys: String, CodingKey {
      case examples, folds, examplesPerClass = "examples_per_class", suspectsPerClass = "suspects_per_class"
      case suspectRatePerClass = "suspect_rate_per_class", suspectRate = "suspect_rate"
      case thresholds = "confident_thresholds", confidentJoint = "confident_joint", outOfFoldAUC = "out_of_fold_roc_auc"
      case models = "fold_models", injection = "injected_flips", provenance
    }
  }
}

/// 12 epochs, patience 4: out-of-fold probabilities only have to rank the examples.
extension CleanCommand: TrainingDefaults {
  static let epochs = 12
  static let patience = 4
}
