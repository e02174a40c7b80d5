// galmorph — GalmorphCommands

import ArgumentParser
import CatalogIO
import Foundation
import GalmorphSupport
import SkyStatistics

/// `galmorph bias-metric`: the labeling-bias metric L of a catalog's labels or of a model's calls.
struct BiasMetricCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bias-metric",
    abstract: "Labeling-bias metric L (Cabrera-Vives et al. 2018): do class fractions move with an observable?",
    discussion: """
      Rows are cut into equal-count cells of the intrinsic properties (--intrinsic, nested in the order given, \
      --intrinsic-bins each), each cell into --observable-bins equal-count bins of the observable; L_c = (1/K) Σ_k \
      sqrt(mean_b (r_bk − r_ref,k)²) with r the class fractions and ref the lowest (or --reference highest) \
      observable bin, L = sqrt(mean_c L_c²), and a bootstrap error over rows. Works on any class column: true \
      labels, or an annotation's predicted_class, or probabilities cut at --threshold; repeat --label-column to \
      compare the true labels with several models' calls on the same rows. --columns-from FILE --join KEY takes the \
      intrinsic and observable columns from another catalog, matched by KEY (e.g. an audit's test_annotations.csv \
      joined with the simulated sky's catalog.csv on id:index). L is never exactly 0 for finite samples: compare \
      labels with models, or with --shuffle-observable (the observable permuted across rows: the noise floor).
      """
  )

  @Option(help: "Catalog (CSV/TSV(.gz), FITS table or HDF5).")
  var catalog: String

  @Option(
    name: .customLong("label-column"),
    help: "Class column (text or numbers); repeat for several (e.g. the true labels and each model's p column).")
  var labelColumns: [String]

  @Option(help: "Classes from numbers: a value ≥ this is class 1, below it class 0 (for probability columns).")
  var threshold: Double?

  @Option(
    name: .customLong("columns-from"),
    help: "Read the intrinsic and observable columns from this catalog instead, matched by --join.")
  var columnsFrom: String?

  @Option(help: "With --columns-from: KEY (same name in both) or KEY:KEY2 (KEY in --catalog, KEY2 in the other).")
  var join: String?

  @Option(help: "Intrinsic property columns, comma-separated (e.g. mag,r50).")
  var intrinsic: String

  @Option(
    name: .customLong("intrinsic-bins"), help: "Equal-count bins per intrinsic column, comma-separated or one for all.")
  var intrinsicBins: String = "3"

  @Option(help: "Observable column (e.g. psf_fwhm, dec, redshift).")
  var observable: String

  @Option(name: .customLong("observable-bins"), help: "Equal-count bins of the observable within each cell (≥ 2).")
  var observableBins: Int = 4

  @Option(help: "Reference (least biased) observable bin: lowest or highest.")
  var reference: String = "lowest"

  @Option(help: "Bootstrap resamples for the error of L (0: none).")
  var bootstrap: Int = 200

  @Option(help: "Seed of the bootstrap and of --shuffle-observable.")
  var seed: UInt64 = 1

  @Flag(
    name: .customLong("shuffle-observable"), help: "Permute the observable across rows first (the noise floor of L).")
  var shuffleObservable = false

  @Option(help: "Write bias_metric.json (result, settings, provenance) into this folder.")
  var out: String?

  func run() throws {
    guard reference == "lowest" || reference == "highest" else {
      throw ValidationError("--reference must be lowest or highest")
    }
    guard bootstrap >= 0 else { throw ValidationError("--bootstrap must be ≥ 0") }
    let url = URL(fileURLWithPath: catalog)
    let reader = try CatalogOpening.reader(for: url)
    let names = intrinsic.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
    var bins = try intrinsicBins.split(separator: ",").map { s -> Int in
      guard let b = Int(s.trimmingCharacters(in: .whitespaces)), b >= 1 else {
        throw ValidationError("--intrinsic-bins: \(s) is not a positive integer")
      }
      return b
    }
    if bins.count == 1 { bins = Array(repeating: bins[0], count: names.count) }
    guard !names.isEmpty, bins.count == names.count else {
      throw ValidationError("give one --intrinsic-bins value, or one per --intrinsic column (\(names.count))")
    }
    guard !labelColumns.isEmpty else { throw ValidationError("give at least one --label-column") }
    let labelNames = try labelColumns.map { try reader.resolveColumn($0, option: "--label-column") }
    let labelValues = try reader.readAll(labelNames)
    let labelSets = try zip(labelValues, labelNames).map { try classes($0, name: $1, url: url) }
    let (obs, props, observedValues, propertyValues) = try propertyColumns(
      reader: reader, url: url, rows: labelSets[0].count, names: names)
    var observed = observedValues
    if shuffleObservable {
      var g = SeededGenerator(seed: seed)
      observed.shuffle(using: &g)
    }
    let ref: Int? = reference == "lowest" ? 0 : nil
    var results: [Output.Result] = []
    for (labels, name) in zip(labelSets, labelNames) {
      let r = try LabelingBias.metric(
        labels: labels, intrinsic: propertyValues, intrinsicBins: bins, observable: observed,
        observableBins: observableBins, referenceBin: ref)
      let err =
        bootstrap > 0
        ? try LabelingBias.bootstrapError(
          labels: labels, intrinsic: propertyValues, intrinsicBins: bins, observable: observed,
          observableBins: observableBins, referenceBin: ref, resamples: bootstrap, seed: seed) : nil
      CommandOutput.line(
        (labelNames.count > 1 ? "\(name): " : "") + String(format: "L = %.4f", r.l)
          + (err.map { String(format: " ± %.4f", $0) } ?? "")
          + " (\(r.rows) rows, \(r.classes.count) classes, \(r.cells.count) cells × \(observableBins) \(obs) bins"
          + (shuffleObservable ? ", observable shuffled" : "") + ")")
      results.append(
        Output.Result(labelColumn: name, l: r.l, lError: err, cells: r.cells, classes: r.classes, rows: r.rows))
    }
    if let out {
      let folder = URL(fileURLWithPath: out)
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      var inputs = [url.path: try Checksum.sha256(fileAt: url)]
      if let columnsFrom { inputs[columnsFrom] = try Checksum.sha256(fileAt: URL(fileURLWithPath: columnsFrom)) }
      let prov = Provenance(seed: seed, inputs: inputs, commandLine: CommandLine.arguments.joined(separator: " "))
      let doc = Output(
        results: results, threshold: threshold, columnsFrom: columnsFrom, join: join, intrinsic: props,
        intrinsicBins: bins, observable: obs, observableBins: observableBins, reference: reference,
        bootstrap: bootstrap, shuffledObservable: shuffleObservable, provenance: prov)
      let enc = JSONEncoder()
      enc.outputFormatting = [.prettyPrinted, .sortedKeys]
      try AtomicFile.write(try enc.encode(doc), to: folder.appendingPathComponent("bias_metric.json"))
    }
  }

  /// The classes of one label column: its text, or with --threshold its numbers cut at the threshold ("0"/"1").
  func classes(_ column: CatalogColumn, name: String, url: URL) throws -> [String] {
    if let threshold {
      return try CatalogOpening.finiteNumbers(column, name: name, url: url).map { $0 >= threshold ? "1" : "0" }
    }
    return try column.stringValues.enumerated().map { i, v -> String in
      guard let v, !v.trimmingCharacters(in: .whitespaces).isEmpty else {
        throw CatalogIOError.invalidValue(path: url.path, row: i + 1, column: name, value: "", reason: "missing class")
      }
      return v.trimmingCharacters(in: .whitespaces)
    }
  }

  /// The observable and intrinsic columns for the `rows` rows of --catalog: from it, or from --columns-from
  /// matched by --join (``ColumnJoin``).
  func propertyColumns(reader: any CatalogReader, url: URL, rows: Int, names: [String]) throws -> (
    observable: String, intrinsic: [String], observed: [Double], properties: [[Double]]
  ) {
    let r = try ColumnJoin(columnsFrom: columnsFrom, join: join).numericColumns(
      [(observable, "--observable")] + names.map { ($0, "--intrinsic") }, reader: reader, url: url, rows: rows)
    return (r.names[0], Array(r.names.dropFirst()), r.values[0], Array(r.values.dropFirst()))
  }

  /// `bias_metric.json`.
  struct Output: Encodable {
    struct Result: Encodable {
      var labelColumn: String, l: Double, lError: Double?, cells: [Double], classes: [String], rows: Int
      enum CodingKeys: String, CodingKey {
        case labelColumn = "label_column", l = "L", lError = "L_error", cells = "L_cells", classes, rows
      }
    }
    var results: [Result], threshold: Double?, columnsFrom: String?, join: String?
    var intrinsic: [String], intrinsicBins: [Int], observable: String, observableBins: Int, reference: String
    var bootstrap: Int, shuffledObservable: Bool, provenance: Provenance
    enum CodingKeys: String, CodingKey {
      case results, threshold, columnsFrom = "columns_from", join, intrinsic
      case intrinsicBins = "intrinsic_bins", observable, observableBins = "observable_bins", reference, bootstrap
      case shuffledObservable = "shuffled_observable", provenance
    }
  }
}
