// galmorph — GalmorphCommands

import ArgumentParser
import CatalogIO
import Foundation
import GalmorphSupport
import Plotting
import SkyStatistics

/// `galmorph systematics`: which observing conditions move an annotated catalog's spiral fraction.
struct SystematicsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "systematics",
    abstract:
      "Which observing conditions move the annotations: binned fractions, a flatness χ² and a trend per column.",
    discussion: """
      For each --column (seeing, depth, E(B−V), stellar density, airmass …): the annotation's mean (spiral fraction \
      of --annotation predicted_class, or mean p_spiral) in equal-count bins of the column, tested against flat \
      (χ² with the pooled variance, bins disjoint) and for a linear trend (weighted least squares); per column the \
      smaller p doubled (Bonferroni over the two tests), then Holm-adjusted over the columns (the look-elsewhere effect of trying several conditions); with --truth-column, \
      the same for annotation − truth, which tells a classifier systematic from a real trend of the population \
      (SkyStatistics.ConditionTrend). The audit's D cancels a shift shared by every model by design; this test sees \
      it. --columns-from FILE --join KEY[:KEY2] reads the columns from another catalog (e.g. an audit's \
      test_annotations.csv joined with the simulated sky's catalog.csv on id:index).
      """
  )

  @Option(help: "Annotated catalog (CSV/TSV(.gz), FITS table or HDF5), e.g. from `galmorph annotate`.")
  var catalog: String

  @Option(name: .customLong("column"), help: "An observing-condition column (repeatable, or comma-separated).")
  var columns: [String] = []

  @Option(
    help:
      "Annotation column: p_spiral (its mean per bin), predicted_class (spiral/elliptical: the spiral fraction) or any numeric column."
  )
  var annotation: String = "p_spiral"

  @Option(help: "Cut a numeric --annotation at this value: ≥ is spiral (the fraction of calls instead of mean p).")
  var threshold: Double?

  @Option(name: .customLong("truth-column"), help: "True labels (1/0 or spiral/elliptical) for the residual test.")
  var truthColumn: String?

  @Option(help: "Equal-count bins per column (a column with at most this many values: one bin per value).")
  var bins: Int = 8

  @Option(name: .customLong("columns-from"), help: "Read the condition columns from this catalog, matched by --join.")
  var columnsFrom: String?

  @Option(help: "With --columns-from: KEY (same name in both) or KEY:KEY2 (KEY in --catalog, KEY2 in the other).")
  var join: String?

  @Option(help: "Write systematics.json, systematics.csv and a PNG per column into this folder.")
  var out: String?

  func validate() throws {
    guard !columns.isEmpty else { throw ValidationError("give at least one --column") }
    guard bins >= 2 else { throw ValidationError("--bins must be ≥ 2") }
  }

  var columnNames: [String] {
    columns.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
  }

  func run() throws {
    let url = URL(fileURLWithPath: catalog)
    let reader = try CatalogOpening.reader(for: url)
    let yName = try reader.resolveColumn(annotation, option: "--annotation")
    let tName = try truthColumn.map { try reader.resolveColumn($0, option: "--truth-column") }
    let read = try reader.readAll([yName] + (tName.map { [$0] } ?? []))
    var y = try Self.binaryOrNumber(read[0], name: yName, url: url)
    if let threshold { y = y.map { $0 >= threshold ? 1 : 0 } }
    let t = try tName.map { name in
      let v = try Self.binaryOrNumber(read[1], name: name, url: url)
      if let bad = v.firstIndex(where: { $0 != 0 && $0 != 1 }) {
        throw CatalogIOError.invalidValue(
          path: url.path, row: bad + 1, column: name, value: "\(v[bad])", reason: "a true label must be 0 or 1")
      }
      return v
    }
    let (names, values) = try ColumnJoin(columnsFrom: columnsFrom, join: join).numericColumns(
      columnNames.map { ($0, "--column") }, reader: reader, url: url, rows: y.count)
    let trends = values.map { ConditionTrend.fit(condition: $0, annotation: y, truth: t, bins: bins) }
    let adjusted = Self.holm(trends.map { Self.columnP($0.annotation) })
    let adjustedResidual = t == nil ? nil : Self.holm(trends.map { Self.columnP($0.residual!) })
    for (k, (name, tr)) in zip(names, trends).enumerated() {
      guard tr.bins.count >= 2 else {
        CommandOutput.line("\(name): one value in every row; not tested")
        continue
      }
      let a = tr.annotation
      var line = String(
        format:
          "%@: %d bins; %@ χ² = %.2f (%d dof, p = %.3g), slope %+.4g ± %.2g per unit (p = %.3g); Holm-adjusted p = %.3g",
        name, tr.bins.count, yName, a.chiSquare, a.dof, a.pValue, a.slope, a.slopeError, a.slopePValue, adjusted[k])
      if let r = tr.residual, let adj = adjustedResidual {
        line += String(
          format: "\n  %@ − %@: χ² = %.2f (p = %.3g), slope %+.4g ± %.2g (p = %.3g); Holm-adjusted p = %.3g", yName,
          tName!, r.chiSquare, r.pValue, r.slope, r.slopeError, r.slopePValue, adj[k])
      }
      CommandOutput.line(line)
    }
    if let out {
      try write(
        folder: URL(fileURLWithPath: out, isDirectory: true), names: names, trends: trends, adjusted: adjusted,
        adjustedResidual: adjustedResidual, yName: yName, tName: tName, url: url)
    }
  }

  /// A column's p for the look-elsewhere correction: its flatness and trend tests Bonferroni-combined,
  /// min(1, 2·min(p_flat, p_trend)).
  static func columnP(_ t: ConditionTrend.Test) -> Double {
    t.pValue.isNaN ? .nan : min(1, 2 * min(t.pValue, t.slopePValue))
  }

  /// Holm-adjusted p-values over the tested columns (a column of one value has p NaN and stays NaN).
  static func holm(_ p: [Double]) -> [Double] {
    let tested = p.indices.filter { !p[$0].isNaN }
    let adjusted = PValueAdjustment.holm.adjust(tested.map { p[$0] })
    var out = [Double](repeating: .nan, count: p.count)
    for (k, i) in tested.enumerated() { out[i] = adjusted[k] }
    return out
  }

  /// Numbers of a column, or 1/0 for the text classes spiral/elliptical (case-insensitive; also 1/0 as text).
  static func binaryOrNumber(_ column: CatalogColumn, name: String, url: URL) throws -> [Double] {
    if column.doubleValues != nil { return try CatalogOpening.finiteNumbers(column, name: name, url: url) }
    return try column.stringValues.enumerated().map { i, v in
      switch v?.trimmingCharacters(in: .whitespaces).lowercased() {
      case "spiral", "s", "1": return 1
      case "elliptical", "e", "0": return 0
      default:
        throw CatalogIOError.invalidValue(
          path: url.path, row: i + 1, column: name, value: v ?? "", reason: "expected a number, spiral or elliptical")
      }
    }
  }
}
