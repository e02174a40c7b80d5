// galmorph — benchmarks
//
// `swift run -c release GalmorphBench annotate [--count N] [--repeats R] [--epochs E] [--gz1 DIR] [--model FILE]`
// (run from the repository root). Issue 4's speed figures, end to end as a user meets them:
// - annotation: the first N galaxies (default 500) of the GZ1 JPEG catalog (`../shared/data/gz1_smallgz1_images`)
//   through `Annotator` with the shipped model — JPEG decode, 224-px centre crop, area resize to 64 px,
//   standardisation, every network of the ensemble, CSV output with its provenance sidecar — at `--tta 1` and
//   `--tta 8`; R timed runs (default 3) after one warm-up run, median and min–max galaxies/s;
// - training: E epochs (default 3) of Net B on the bundled 64-px GZ1 stack (`Catalogs/gz1_cutouts_64.h5`, the `train` defaults: 3,284
//   training galaxies at batch 32), median and min–max wall seconds per epoch from the trainer's log.
// One JSON line per measurement; the peers' Net B inference figures are in ../shared/bench/RESULTS.md and
// `GalmorphBench cnn` measures the network alone side by side with them.

import Foundation
import GalmorphSupport
import MorphologyClassifier
import TensorCore

enum AnnotateBench {
  static func run(_ args: [String]) throws {
    var count = 500, repeats = 3, epochs = 3
    var gz1 = "../shared/data/gz1_smallgz1_images", modelPath = "Catalogs/galmorph-gz1-netb.h5"
    var stackPath = "Catalogs/gz1_cutouts_64.h5"
    var i = 0
    while i < args.count {
      let value = i + 1 < args.count ? args[i + 1] : ""
      switch args[i] {
      case "--count": count = Int(value) ?? count; i += 1
      case "--repeats": repeats = max(1, Int(value) ?? repeats); i += 1
      case "--epochs": epochs = max(1, Int(value) ?? epochs); i += 1
      case "--gz1": gz1 = value; i += 1
      case "--model": modelPath = value; i += 1
      case "--stack": stackPath = value; i += 1
      default:
        throw SupportError.invalidValue(
          name: "argument", value: args[i],
          expected: "--count N, --repeats R, --epochs E, --gz1 DIR, --model FILE or --stack FILE")
      }
      i += 1
    }
    Parallel.configure(threads: 2)
    let work = FileManager.default.temporaryDirectory.appendingPathComponent("galmorph-bench-\(getpid())")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: work) }

    let labels = URL(fileURLWithPath: gz1).appendingPathComponent("labels.csv")
    if FileManager.default.fileExists(atPath: labels.path) {
      let catalog = try subsetCatalog(labels, rows: count, into: work)
      let modelURL = URL(fileURLWithPath: modelPath)
      let model = try ClassifierModel.load(from: modelURL)
      let sha = try Checksum.sha256(fileAt: modelURL)
      for tta in [1, 8] {
        let annotator = Annotator(model: model, modelSHA256: sha, tta: tta)
        let out = work.appendingPathComponent("annotated.csv")
        var rates: [Double] = []
        for r in 0...repeats {
          let t0 = Date()
          let summary = try annotator.annotate(catalog: catalog, output: out)
          let seconds = Date().timeIntervalSince(t0)
          if r > 0 { rates.append(Double(summary.rows) / seconds) }  // run 0 warms the page cache and BLAS
        }
        emit(
          [
            "what": "annotate_jpeg", "tta": tta, "galaxies": count, "networks": model.ensembleSize,
            "model_sha256": sha,
          ] + stats(rates, unit: "galaxies_per_s"))
      }
    } else {
      emit(["what": "annotate_jpeg", "skipped": "\(labels.path) not found (the GZ1 JPEG cutouts of ../shared/data)"])
    }

    let recipe = PreprocessingRecipe(cropSize: 224, inputSize: 64)
    let data = try LabelledDataset.load(imageStack: URL(fileURLWithPath: stackPath), scale: 1 / 255, recipe: recipe)
    // The `galmorph train` defaults the shipped model was trained with (MODEL_CARD.md), E epochs.
    let config = TrainingConfiguration(
      recipe: recipe, epochs: epochs, balancing: .none, validationFraction: 0.15,
      testFraction: 0.15, stopMetric: .auc, patience: epochs, seed: 1)
    let log = work.appendingPathComponent("train.log.jsonl")
    let result = try Trainer(config: config, logURL: log).train(data)
    emit(
      [
        "what": "train_epoch", "stack": stackPath, "train_galaxies": result.split.train.count,
        "batch": config.batchSize, "epochs": epochs,
      ] + stats(result.history.map(\.seconds), unit: "seconds"))
  }

  /// The header and the first `rows` data rows of `labels`, with the image paths made absolute.
  static func subsetCatalog(_ labels: URL, rows: Int, into folder: URL) throws -> URL {
    let lines = try String(contentsOf: labels, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true)
    guard let header = lines.first, let fileColumn = header.split(separator: ",").firstIndex(of: "file") else {
      throw SupportError.invalidValue(name: "catalog", value: labels.path, expected: "a CSV with a 'file' column")
    }
    let base = labels.deletingLastPathComponent()
    var text = String(header) + "\n"
    for line in lines.dropFirst().prefix(rows) {
      var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      fields[fileColumn] = base.appendingPathComponent(fields[fileColumn]).path
      text += fields.joined(separator: ",") + "\n"
    }
    let url = folder.appendingPathComponent("gz1-subset.csv")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url
  }

  /// Median and range of `values` with the machine's BLAS core and the commit.
  static func stats(_ values: [Double], unit: String) -> [String: Any] {
    let s = values.sorted()
    let r = { (x: Double) in (x * 100).rounded() / 100 }
    return [
      "\(unit)_median": r(s[s.count / 2]), "\(unit)_min": r(s[0]), "\(unit)_max": r(s[s.count - 1]),
      "repeats": s.count, "blas_core": BLASRuntime.coreName, "commit": ToolInfo.gitCommit,
      "version": ToolInfo.version, "round": Int(ProcessInfo.processInfo.environment["ROUND"] ?? "1") ?? 1,
    ]
  }

  static func emit(_ record: [String: Any]) {
    if let data = try? JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]) {
      print(String(decoding: data, as: UTF8.self))
      fflush(nil)
    }
  }
}

private func + (a: [String: Any], b: [String: Any]) -> [String: Any] { a.merging(b) { $1 } }
