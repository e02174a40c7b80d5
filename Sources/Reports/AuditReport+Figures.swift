// galmorph — Reports
//
// The audit's figures: sky maps of the annotated spiral fraction, fraction versus RA and Dec, ROC curves, and the
// sky unit's statistic against the control units'.

import AnisotropyAudit
import Foundation
import GalmorphSupport
import MorphologyClassifier
import Plotting
import SkyGeometry
import SkyStatistics

extension AuditReport {
  /// The models shown in maps and fitted for dipoles: every sky model and control unit 1's (as
  /// `AuditAnalysis.featuredOutcomes`), in audit order.
  var featuredModels: [ModelSummary] { result.models.filter { $0.role.isFeatured(unit: $0.unit) } }

  /// The featured models of the first seed (the ones shown in the fraction and ROC overviews), in audit order.
  var firstSeedModels: [ModelSummary] {
    guard let seed = result.configuration.seeds.first else { return [] }
    return featuredModels.filter { $0.seed == seed }
  }

  /// The class threshold of `model` (stored in audit.json). Calls are `p ≥ threshold`, as in the audit.
  func threshold(of model: ModelSummary) -> Double { model.threshold.isFinite ? model.threshold : 0.5 }

  func calls(_ model: ModelSummary, _ test: AuditTestTable) -> [Int] {
    let t = threshold(of: model)
    return (test.probabilities[model.name] ?? []).map { $0 >= t ? 1 : 0 }
  }

  /// Renders every figure into `staging/figures/` and returns them in report order (maps and ROC curves of later
  /// seeds are not `inline`):
  /// `map_truth.png`, `map_<model>.png` (every featured model), `sigma_truth.png`, `sigma_<model>.png` (every
  /// featured model; when the audit ran relabellings), `fraction_ra.png`, `fraction_dec.png`, `roc_seed<k>.png`
  /// (every seed) and `context_d.png`.
  func renderFigures(test: AuditTestTable, into staging: URL) throws -> [ReportFigure] {
    var out: [ReportFigure] = []
    let firstSeed = result.configuration.seeds.first
    func save(_ figure: Figure, _ name: String, _ caption: String, seed: UInt64? = nil) throws {
      let path = Self.figuresFolder + "/" + name
      try figure.writePNG(to: staging.appendingPathComponent(path))
      out.append(ReportFigure(path: path, caption: caption, inline: seed == nil || seed == firstSeed))
    }
    let nside = mapNside ?? SkyBinning.automaticNside(count: test.count)
    try save(
      try map(title: "True spiral fraction (test set)", calls: test.labels, test: test, nside: nside),
      "map_truth.png", "True spiral fraction of the test galaxies per HEALPix pixel (NSIDE \(nside)).")
    for m in featuredModels {
      try save(
        try map(title: "Spiral fraction called by \(m.name)", calls: calls(m, test), test: test, nside: nside),
        "map_\(ModelJob.fileStem(m.name)).png",
        "Spiral fraction called by \(m.name) (\(m.role.rawValue)) on the test set per HEALPix pixel (NSIDE \(nside)).",
        seed: m.seed)
    }
    if result.configuration.dipolePermutations >= 2 {
      let maps = try storedSigmaMaps()
      let grid = "HEALPix NSIDE \(AuditSigmaMaps.nside) axes, \(maps.relabellings) random relabellings"
      try save(
        sigmaFigure(title: "σ-map of the true labels", maps: maps, set: "truth"),
        "sigma_truth.png",
        "Shamir's σ-map of the true test labels: significance of the cos-fit dipole about "
          + "each axis against random labels (\(grid)).")
      for m in featuredModels {
        try save(
          sigmaFigure(title: "σ-map of \(m.name)", maps: maps, set: m.name),
          "sigma_\(ModelJob.fileStem(m.name)).png",
          "σ-map of the calls of \(m.name) (\(m.role.rawValue)) on the test set (\(grid)).", seed: m.seed)
      }
    }
    let seedNote = result.configuration.seeds.first.map { " (models of seed \($0))" } ?? ""
    try save(
      try fractionFigure(test: test, coordinate: test.ra, range: 0...360, bins: 12, xLabel: "RA [deg]"),
      "fraction_ra.png", "Spiral fraction versus RA with 95% Wilson intervals: true labels and each model\(seedNote).")
    try save(
      try fractionFigure(test: test, coordinate: test.dec, range: -90...90, bins: 12, xLabel: "Dec [deg]"),
      "fraction_dec.png", "Spiral fraction versus Dec with 95% Wilson intervals: true labels and each model\(seedNote)."
    )
    for seed in result.configuration.seeds {
      let curves = featuredModels.filter { $0.seed == seed }.map { m -> ROCCurve in
        let roc = BinaryMetrics.rocCurve(scores: test.probabilities[m.name] ?? [], labels: test.labels)
        return ROCCurve(
          label: m.name, falsePositiveRate: roc.map(\.fpr), truePositiveRate: roc.map(\.tpr),
          auc: m.testAUC.isFinite ? m.testAUC : nil)
      }
      try save(
        Figure(
          width: 6.4, height: 5.2, dpi: dpi, axes: Axes.rocCurve(curves, title: "ROC on the test set, seed \(seed)")),
        "roc_seed\(seed).png", "ROC curves of the models of seed \(seed) on the common test set.", seed: seed)
    }
    try save(
      contextFigure(), "context_d.png",
      "Per split: mean |D| (the side-dependent lean) against mean |S| (the training side's shift) of the "
        + "\(result.configuration.controls) control units (grey) and of the sky unit (red star), with the rank-test p of T, the "
        + "larger of the two in units of their root mean square; the verdict asks whether the sky unit stands out in either direction."
    )
    return out
  }

  func map(title: String, calls: [Int], test: AuditTestTable, nside: Int) throws -> Figure {
    let binned = try SkyBinning.healpixFractions(ra: test.ra, dec: test.dec, calls: calls, nside: nside)
    let h = try HEALPix(nside: nside)
    let fractions = binned.fractions
    let map = MollweideMap(title: title, colorBarLabel: "Spiral fraction", colorLimits: .fixed(lower: 0, upper: 1)) {
      lon, lat in fractions[h.pixel(raDegrees: lon, decDegrees: lat)]
    }
    return Figure(width: 8, height: 5, dpi: dpi, map: map)
  }

  /// The URL of the audit's stored σ-maps (`result.sigmaMapsFile`, relative to `sourceFolder`).
  public var sigmaMapsURL: URL { sourceFolder.appendingPathComponent(result.sigmaMapsFile) }

  /// The σ-maps the audit's analysis computed with its dipoles (``AnisotropyAudit/AuditSigmaMaps``).
  /// - Throws: `ReportsError.invalidAuditResult` naming the file when it is missing or unreadable, or holds other
  ///   sets or another number of relabellings than audit.json says (a file of another audit).
  func storedSigmaMaps() throws -> AuditSigmaMaps {
    let url = sigmaMapsURL
    let maps: AuditSigmaMaps
    do { maps = try AuditSigmaMaps.read(from: url) } catch {
      throw ReportsError.invalidAuditResult(path: url.path, reason: "cannot read the audit's σ-maps: \(error)")
    }
    let names = result.dipoles.map(\.name)
    let k = AuditSigmaMaps.relabellings(dipolePermutations: result.configuration.dipolePermutations)
    guard maps.names == names, maps.relabellings == k else {
      throw ReportsError.invalidAuditResult(
        path: url.path,
        reason: "holds σ-maps of \(maps.names.joined(separator: ", ")) from \(maps.relabellings) relabellings, but "
          + "audit.json has dipoles of \(names.joined(separator: ", ")) from \(k): it belongs to another analysis "
          + "(run `galmorph audit` again with --resume on the folder to analyse again)")
    }
    return maps
  }

  /// Shamir's σ-map of dipole set `set` ("truth" or a featured model's name) as the audit's analysis stored it
  /// (``AnisotropyAudit/AuditSigmaMaps``: HEALPix NSIDE 8 axes, σ against min(K, 2000) of the dipole's K random
  /// relabellings), in Mollweide projection with symmetric colour limits ±max(3, max|σ|). Shamir (2022), MNRAS 516,
  /// 2281.
  func sigmaFigure(title: String, maps: AuditSigmaMaps, set: String) -> Figure {
    let sigma = maps.sigma(of: set) ?? []
    let top = max(3, sigma.map(abs).max() ?? 3)
    let map = MollweideMap.sigmaMap(
      values: sigma, grid: AuditSigmaMaps.grid, title: title, colorBarLabel: "σ of the cos-fit dipole",
      colorLimits: .fixed(lower: -top, upper: top))
    return Figure(width: 8, height: 5, dpi: dpi, map: map)
  }

  func fractionFigure(
    test: AuditTestTable, coordinate: [Double], range: ClosedRange<Double>, bins: Int,
    xLabel: String
  ) throws -> Figure {
    var series: [FractionSeries] = []
    for (label, c) in [("true labels", test.labels)] + firstSeedModels.map({ ($0.name, calls($0, test)) }) {
      let b = try SkyBinning.binnedFractions(coordinate: coordinate, calls: c, range: range, bins: bins)
      series.append(FractionSeries(label: label, x: b.centres, fraction: b.fractions, lower: b.lower, upper: b.upper))
    }
    let all = Double(test.labels.reduce(0, +)) / Double(max(1, test.count))
    var ax = Axes.fractionVsCoordinate(
      series, xLabel: xLabel, yLabel: "Spiral fraction", title: nil, reference: all,
      referenceLabel: "true fraction, all test galaxies")
    ax.xLimits = range
    return Figure(width: 8, height: 5, dpi: dpi, axes: ax)
  }

  /// One panel per split: every unit in the plane of its two components, mean |D| against mean |S| — the control
  /// units as grey circles, the sky unit as a red star, the dashed corner where T equals the sky unit's T (units
  /// beyond it count against the sky unit) — with the verdict's rank-test p in the legend.
  func contextFigure() -> Figure {
    let splits = result.splits
    let columns = max(1, min(3, splits.count)), rows = max(1, (splits.count + columns - 1) / columns)
    var figure = Figure(
      width: 5.5 * Double(columns), height: 4.5 * Double(rows), rows: rows, columns: columns, dpi: dpi)
    for (k, s) in splits.enumerated() {
      let title =
        "\(s.name): \(s.verdict.detected ? "context bias" : (s.verdict.conclusive ? "no context bias" : "no verdict"))"
      var ax = Axes(title: title, xLabel: "Mean |D| of a unit (lean)", yLabel: "Mean |S| of a unit (shift)")
      let c = s.test.controlComponents
      ax.scatter(
        x: c.map(\.absD), y: c.map(\.absS), label: "control units (\(c.count))", color: .darkGrey, size: 6, alpha: 0.7)
      let p = String(format: s.test.pValue < 1e-3 ? "%.1e" : "%.3f", s.test.pValue)
      ax.scatter(
        x: [s.test.skyComponents.absD], y: [s.test.skyComponents.absS], label: "sky unit (rank p = \(p))",
        color: PlotColor.cycle(3), size: 12, shape: .star)
      let xs = (c.map(\.absD) + [s.test.skyComponents.absD]).filter(\.isFinite)
      let ys = (c.map(\.absS) + [s.test.skyComponents.absS]).filter(\.isFinite)
      var xMax = max(1e-3, (xs.max() ?? 0) * 1.15), yMax = max(1e-3, (ys.max() ?? 0) * 1.35)  // headroom for the legend
      // The sky unit's T as a boundary: units outside the dashed corner have a larger T.
      if s.test.sky.isFinite, s.test.scales.count == 2 {
        let bx = s.test.sky * s.test.scales[0], by = s.test.sky * s.test.scales[1]
        xMax = max(xMax, bx * 1.1)
        yMax = max(yMax, by * 1.35)
        ax.line(
          x: [bx, bx, 0], y: [0, by, by], label: "T = sky unit's T", color: PlotColor.cycle(3), width: 1, dash: .dashed)
      }
      ax.xLimits = 0...xMax
      ax.yLimits = 0...yMax
      figure[k / columns, k % columns] = .axes(ax)
    }
    return figure
  }
}
