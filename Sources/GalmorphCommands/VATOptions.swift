// galmorph — GalmorphCommands
//
// `galmorph train`'s options for label noise: virtual adversarial training, removed labels, injected flips.

import ArgumentParser
import CatalogIO
import Foundation
import GalmorphSupport
import MorphologyClassifier

/// `--vat` (with `--vat-epsilon`, `--vat-xi`, `--vat-iterations`, `--vat-weight`), `--unlabelled`,
/// `--unlabel-suspects` and `--inject-flips`: training against label noise (``VirtualAdversarialTraining``; the
/// Tomo-e Gozen real/bogus classifier's recipe, Miyato et al. 2019).
struct VATOptions: ParsableArguments {
  @Flag(help: "Virtual adversarial training: add the local distributional smoothness LDS to the loss.")
  var vat = false

  @Option(
    name: .customLong("vat-epsilon"),
    help:
      "With --vat: ε, the perturbation's L2 norm per example in standardised input units (a 64×64×3 input has norm ≈ 111); several comma-separated values train one model each (OUTPUT-stem.vat-eps<ε>.h5) and keep the best validation ROC AUC."
  )
  var vatEpsilon: String = "0.5,1,2"

  @Option(name: .customLong("vat-xi"), help: "With --vat: ξ, the power iteration's finite-difference step.")
  var vatXi: Double = VirtualAdversarialTraining(epsilon: 1).xi

  @Option(name: .customLong("vat-iterations"), help: "With --vat: power iterations.")
  var vatIterations: Int = VirtualAdversarialTraining(epsilon: 1).iterations

  @Option(name: .customLong("vat-weight"), help: "With --vat: α, the weight of LDS in the loss.")
  var vatWeight: Double = VirtualAdversarialTraining(epsilon: 1).weight

  @Option(
    help:
      "With --vat: an HDF5 image stack of extra unlabelled images for the smoothness term (never in the test or validation part)."
  )
  var unlabelled: String?

  @Option(
    name: .customLong("unlabel-suspects"),
    help:
      "CSV from `galmorph clean`: remove the labels of its suspects (suspect_label = 1). Without --vat they leave training (clean + retrain); with --vat they feed only the smoothness term."
  )
  var unlabelSuspects: String?

  @Option(
    name: .customLong("inject-flips"),
    help:
      "Flip this seeded fraction of the labels before training (the examples `clean --inject-flips` flips); the test part is scored on the catalog's labels by `galmorph evaluate --held-out`."
  )
  var injectFlips: Double = 0

  @Option(name: .customLong("inject-seed"), help: "Seed of the injected flips.")
  var injectSeed: UInt64 = 19

  /// The ε candidates of `--vat-epsilon`, sorted.
  var epsilons: [Double] {
    get throws {
      let parts = vatEpsilon.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      let values = parts.compactMap(Double.init)
      guard !parts.isEmpty, values.count == parts.count, values.allSatisfy({ $0 > 0 && $0.isFinite }),
        Set(values).count == values.count
      else {
        throw ValidationError(
          "--vat-epsilon takes distinct positive numbers separated by commas, e.g. 0.5,1,2 (got '\(vatEpsilon)')")
      }
      return values.sorted()
    }
  }

  func validate() throws {
    _ = try epsilons
    guard vatXi > 0, vatXi < 1, (1...10).contains(vatIterations), vatWeight > 0 else {
      throw ValidationError("need --vat-xi in (0, 1), --vat-iterations in 1…10 and --vat-weight > 0")
    }
    guard (0..<0.5).contains(injectFlips) else { throw ValidationError("--inject-flips must lie in [0, 0.5)") }
    if unlabelled != nil && !vat {
      throw ValidationError("--unlabelled images only enter the VAT smoothness term; add --vat")
    }
  }

  /// The VAT settings with ε = `epsilon` (nil without --vat).
  func spec(epsilon: Double) -> VirtualAdversarialTraining? {
    vat ? VirtualAdversarialTraining(epsilon: epsilon, xi: vatXi, iterations: vatIterations, weight: vatWeight) : nil
  }

  /// Applies --inject-flips, --unlabel-suspects and --unlabelled to `data` (in that order) and returns what the
  /// model's training summary and provenance should record.
  func prepare(_ data: inout LabelledDataset, recipe: PreprocessingRecipe) throws -> (
    summary: [String: String], inputs: [String: String]
  ) {
    var summary: [String: String] = [:], inputs: [String: String] = [:]
    if injectFlips > 0 {
      let flipped = LabelNoise.inject(into: &data, fraction: injectFlips, seed: injectSeed)
      summary["injected_flips"] =
        "\(flipped.count) of \(data.count) labels (fraction \(injectFlips), seed \(injectSeed))"
    }
    if let path = unlabelSuspects {
      let url = URL(fileURLWithPath: path)
      let indices = try SuspectList.indices(in: url, dataset: data)
      data.removeLabels(at: indices)
      summary["unlabelled_suspects"] = "\(indices.count) (\(path))"
      inputs[path] = try Checksum.sha256(fileAt: url)
    }
    if let path = unlabelled {
      let url = URL(fileURLWithPath: path)
      FileHandle.standardError.write(Data("loading and preprocessing unlabelled \(path) …\n".utf8))
      let extra = try LabelledDataset.loadUnlabelled(imageStack: url, recipe: recipe)
      data = try data.appendingUnlabelled(extra)
      summary["unlabelled_images"] = "\(extra.count) (\(path))"
      inputs[path] = extra.sourceSHA256
    }
    return (summary, inputs)
  }
}

/// The suspects of a `galmorph clean` CSV (`row`, `label`, `suspect_label`), as indices of a dataset.
enum SuspectList {
  /// Indices into `data` (its own examples) of the rows with `suspect_label` 1. Every suspect's `row` must be an
  /// example of `data` and its `label` the example's label (after any injected flips): a file made from another
  /// catalog or other labels is refused, naming the file, its 1-based data row and the column.
  static func indices(in url: URL, dataset data: LabelledDataset) throws -> [Int] {
    let reader = try CatalogOpening.reader(for: url)
    let names = try ["row", "label", "suspect_label"].map { try reader.resolveColumn($0, option: "--unlabel-suspects") }
    let columns = try reader.readAll(names)
    let rows = try CatalogOpening.finiteNumbers(columns[0], name: names[0], url: url)
    let labels = try CatalogOpening.finiteNumbers(columns[1], name: names[1], url: url)
    let suspect = try CatalogOpening.finiteNumbers(columns[2], name: names[2], url: url)
    var index: [Int: Int] = [:]
    for i in 0..<data.primaryCount { index[data.rows[i]] = i }
    var out: [Int] = []
    for k in rows.indices where suspect[k] == 1 {
      guard let i = index[Int(rows[k])] else {
        throw CatalogIOError.invalidValue(
          path: url.path, row: k + 1, column: names[0], value: String(Int(rows[k])),
          reason: "no example of \(data.source) has this row; the suspects come from another catalog")
      }
      guard Int(labels[k]) == data.labels[i] else {
        throw CatalogIOError.invalidValue(
          path: url.path, row: k + 1, column: names[1], value: String(Int(labels[k])),
          reason:
            "the example's label here is \(data.labels[i]); the suspects were found on other labels (use the same --inject-flips and --inject-seed as `clean`)"
        )
      }
      out.append(i)
    }
    return out
  }
}
