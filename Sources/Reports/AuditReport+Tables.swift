// galmorph — Reports
//
// The tables of an audit: verdicts per split, the sky unit per seed, the control units, dipoles.

import AnisotropyAudit
import Foundation

/// The tables of one audit report.
public struct AuditTables: Sendable, Equatable {
  /// One row per split: the verdict and the numbers it rests on.
  public var verdicts: SignificanceTable
  /// One row per split and seed: D of the sky pair (overall and per true class), agreement, McNemar, side fractions.
  public var seeds: SignificanceTable
  /// One row per split and control unit: its D's and its statistic T, the null the sky unit is ranked against.
  public var controls: SignificanceTable
  /// One row per dipole fit: the true labels and every model's annotations.
  public var dipoles: SignificanceTable
  /// One row per split: the context probe (`audit --probe`); nil without it.
  public var probe: SignificanceTable? = nil
}

extension AuditReport {
  /// The CSV column layout of the verdict table (keys, in order; each `TableColumn` may become two CSV columns).
  static let verdictColumns: [TableColumn] = [
    TableColumn(key: "split", header: "Split", kind: .text),
    TableColumn(key: "n_test_A", header: "N test A", kind: .integer),
    TableColumn(key: "n_test_B", header: "N test B", kind: .integer),
    TableColumn(key: "D", header: "D sky", kind: .number, format: .fixed(decimals: 4)),
    TableColumn(key: "D_ci", header: "95% CI of D", kind: .interval, format: .fixed(decimals: 4)),
    TableColumn(key: "D_spirals", header: "D spirals", kind: .number, format: .fixed(decimals: 4)),
    TableColumn(key: "D_ellipticals", header: "D ellipticals", kind: .number, format: .fixed(decimals: 4)),
    TableColumn(key: "S", header: "S sky", kind: .number, format: .fixed(decimals: 4)),
    TableColumn(key: "S_ci", header: "95% CI of S", kind: .interval, format: .fixed(decimals: 4)),
    TableColumn(key: "control_D", header: "Control D (mean ± sd)", kind: .measurement),
    TableColumn(key: "control_S", header: "Control S (mean ± sd)", kind: .measurement),
    TableColumn(
      key: "abs_D_sky", header: "Mean |D| sky", kind: .number, format: .fixed(decimals: 4),
      latexHeader: "Mean $|D|$ sky"),
    TableColumn(key: "p_D", header: "Rank p |D|", kind: .pValue, latexHeader: "Rank $p_{|D|}$"),
    TableColumn(
      key: "abs_S_sky", header: "Mean |S| sky", kind: .number, format: .fixed(decimals: 4),
      latexHeader: "Mean $|S|$ sky"),
    TableColumn(key: "p_S", header: "Rank p |S|", kind: .pValue, latexHeader: "Rank $p_{|S|}$"),
    TableColumn(key: "p", header: "Rank p", kind: .pValue),
    TableColumn(key: "p_adjusted", header: "Adjusted p", kind: .pValue),
    TableColumn(key: "detected", header: "Verdict", kind: .verdict(ifTrue: "context bias", ifFalse: "none")),
    TableColumn(key: "direction", header: "Direction", kind: .text),
  ]

  static let seedColumns: [TableColumn] = [
    TableColumn(key: "split", header: "Split", kind: .text),
    TableColumn(key: "seed", header: "Seed", kind: .text, alignment: .right),
    TableColumn(key: "D_sky", header: "D sky", kind: .number, format: .fixed(decimals: 4)),
    TableColumn(key: "D_sky_ci", header: "95% CI", kind: .interval, format: .fixed(decimals: 4)),
    TableColumn(key: "D_spirals", header: "D spirals", kind: .number, format: .fixed(decimals: 4)),
    TableColumn(key: "D_ellipticals", header: "D ellipticals", kind: .number, format: .fixed(decimals: 4)),
    TableColumn(key: "S_sky", header: "S sky", kind: .number, format: .fixed(decimals: 4)),
    TableColumn(key: "S_sky_ci", header: "95% CI of S", kind: .interval, format: .fixed(decimals: 4)),
    TableColumn(key: "agreement_sky", header: "Agreement", kind: .number, format: .fixed(decimals: 3)),
    TableColumn(key: "mcnemar_sky", header: "McNemar p", kind: .pValue),
    TableColumn(key: "err_A_A", header: "errA(A)", kind: .number, format: .fixed(decimals: 3), latexHeader: "$e_A(A)$"),
    TableColumn(key: "err_A_B", header: "errA(B)", kind: .number, format: .fixed(decimals: 3), latexHeader: "$e_A(B)$"),
    TableColumn(key: "err_B_A", header: "errB(A)", kind: .number, format: .fixed(decimals: 3), latexHeader: "$e_B(A)$"),
    TableColumn(key: "err_B_B", header: "errB(B)", kind: .number, format: .fixed(decimals: 3), latexHeader: "$e_B(B)$"),
    TableColumn(key: "f_A_A", header: "fA(A)", kind: .number, format: .fixed(decimals: 3), latexHeader: "$f_A(A)$"),
    TableColumn(key: "f_A_B", header: "fA(B)", kind: .number, format: .fixed(decimals: 3), latexHeader: "$f_A(B)$"),
    TableColumn(key: "f_B_A", header: "fB(A)", kind: .number, format: .fixed(decimals: 3), latexHeader: "$f_B(A)$"),
    TableColumn(key: "f_B_B", header: "fB(B)", kind: .number, format: .fixed(decimals: 3), latexHeader: "$f_B(B)$"),
  ]

  static let controlColumns: [TableColumn] = [
    TableColumn(key: "split", header: "Split", kind: .text),
    TableColumn(key: "unit", header: "Control unit", kind: .integer),
    TableColumn(key: "D_mean", header: "Mean D", kind: .number, format: .fixed(decimals: 4)),
    TableColumn(key: "S_mean", header: "Mean S", kind: .number, format: .fixed(decimals: 4)),
    TableColumn(
      key: "abs_D", header: "Mean |D|", kind: .number, format: .fixed(decimals: 4), latexHeader: "Mean $|D|$"),
    TableColumn(
      key: "abs_S", header: "Mean |S|", kind: .number, format: .fixed(decimals: 4), latexHeader: "Mean $|S|$"),
    TableColumn(key: "T", header: "T", kind: .number, format: .fixed(decimals: 3)),
    TableColumn(key: "at_least_sky", header: "≥ sky", kind: .verdict(ifTrue: "yes", ifFalse: "no")),
  ]

  static let dipoleColumns: [TableColumn] = [
    TableColumn(key: "name", header: "Annotations", kind: .text),
    TableColumn(key: "role", header: "Role", kind: .text),
    DipoleColumns.n, DipoleColumns.amplitude, DipoleColumns.ra, DipoleColumns.dec, DipoleColumns.sigma, DipoleColumns.p,
    TableColumn(key: "p_adjusted", header: "Adjusted p", kind: .pValue),
  ]

  /// The default caption of the verdict table: the test, the design, α and the correction.
  public var defaultCaption: String {
    let c = result.configuration
    return "Sky-split context statistics of the sky unit (models trained on side A and side B, \(c.seeds.count) "
      + "seed\(c.seeds.count == 1 ? "" : "s")): D = (f_A(A) − f_A(B)) − (f_B(A) − f_B(B)), the side-dependent lean, and "
      + "S = ½[(f_A(A) − f_B(A)) + (f_A(B) − f_B(B))], the training side's shift; T, the larger of mean |D| and mean |S| "
      + "each divided by its root mean square over all units, ranked among \(c.controls) control units (random, sky-independent reservoir pairs handled "
      + "identically); α = \(c.alpha), \(c.adjustment.rawValue) correction over the splits."
  }

  /// The verdict, seed, control and dipole tables. `caption` and `label` go to the verdict table (defaults
  /// `defaultCaption`, `tab:audit`); the others get `<label>-seeds`, `<label>-controls` and `<label>-dipoles`.
  public func tables(caption: String? = nil, label: String? = nil) throws -> AuditTables {
    let label = label ?? "tab:audit"
    let c = result.configuration
    let ciNote =
      c.seeds.count == 1
      ? "95% CI of D and S: paired bootstrap over test galaxies (one seed): test-set noise only, not the test."
      : "D and S sky: means over seeds; 95% CI: Student t over the \(c.seeds.count) seeds (the seed-to-seed spread of one fixed sky division)."
    var verdicts = try SignificanceTable(
      title: "Anisotropy audit verdicts", caption: caption ?? defaultCaption, label: label,
      columns: Self.verdictColumns,
      footnotes: [
        ciNote + " D spirals, D ellipticals: the same statistic among true spirals (TPR) and true ellipticals (FPR), "
          + "which a true difference of spiral fractions between the sides cannot produce. Control D, S: mean ± sd over "
          + "the control units of their mean D and mean S.",
        "Rank p |D|, |S|: the sky unit's rank among all M + 1 units by each component (descriptive). Rank p = (1 + "
          + "controls with T ≥ the sky unit's) / (M + 1), M = \(c.controls), T = max(mean |D| / rms, mean |S| / rms) of each "
          + "unit, rms over all M + 1 units: exact under the null that "
          + "a training galaxy's side carries no information about its image given its class (the sky unit and the "
          + "control units are then exchangeable). Adjusted p: \(c.adjustment.rawValue) over \(result.splits.count) "
          + "split(s). Smallest adjusted p this design can reach: k/(M + 1) for k splits = "
          + String(format: "%.4f", c.smallestAdjustedP)
          + (c.smallestAdjustedP >= c.alpha ? " ≥ α: no verdict is possible." : "."),
        "Direction, of the component that gives the sky unit its T: own-side, each model calls more spirals on its "
          + "own training side (D > 0), other-side (D < 0); side-A-more-spiral, the model trained on side A calls more "
          + "spirals on both sides (S > 0), side-B-more-spiral (S < 0).",
      ])
    for s in result.splits {
      let ci = c.seeds.count == 1 ? (s.seeds.first?.sky.interval95 ?? []) : s.sky.interval95
      let ciS = c.seeds.count == 1 ? (s.seeds.first?.sky.shiftInterval95 ?? []) : s.shift.interval95
      try verdicts.append([
        .text(s.name), .integer(s.trueFraction.first?.n ?? 0), .integer(s.trueFraction.last?.n ?? 0),
        .number(s.meanD), Self.interval(ci), .number(s.meanDSpirals), .number(s.meanDEllipticals),
        .number(s.shift.mean), Self.interval(ciS),
        .measurement(value: s.controlMeanD, error: s.controlSDD),
        .measurement(value: s.controlMeanS, error: s.controlSDS),
        .number(s.test.skyComponents.absD), .pValue(s.test.componentP[0]),
        .number(s.test.skyComponents.absS), .pValue(s.test.componentP[1]),
        .pValue(s.test.pValue), .pValue(s.pAdjusted), .verdict(s.verdict.detected),
        .text(s.verdict.conclusive ? s.verdict.direction : "no verdict"),
      ])
    }
    var seeds = try SignificanceTable(
      title: "Sky unit per seed",
      caption:
        "D and S of the sky-split pair (models trained on side A and side B) with paired bootstrap 95% intervals over "
        + "test galaxies (\(c.bootstrap) resamples; test-set noise only), D per true class; agreement and exact McNemar p describe how much "
        + "the two models differ. err_M(S): error rate of model M on test side S; f_M(S): fraction called spiral.",
      label: label + "-seeds", columns: Self.seedColumns)
    for s in result.splits {
      for a in s.seeds {
        let f = a.sky.fractions
        func frac(_ m: Int, _ side: Int) -> TableCell {
          m < f.count && side < f[m].count ? .number(f[m][side]) : .missing
        }
        func err(_ m: Int, _ side: Int) -> TableCell {
          m < a.models.count && side < a.models[m].errorRate.count
            ? .number(a.models[m].errorRate[side].value) : .missing
        }
        try seeds.append([
          .text(s.name), .text(String(a.seed)), .number(a.sky.d), Self.interval(a.sky.interval95),
          a.sky.dSpirals.map { .number($0) } ?? .missing, a.sky.dEllipticals.map { .number($0) } ?? .missing,
          .number(a.sky.shift), Self.interval(a.sky.shiftInterval95),
          .number(a.sky.agreement), .pValue(a.mcNemar), err(0, 0), err(0, 1), err(1, 0), err(1, 1),
          frac(0, 0), frac(0, 1), frac(1, 0), frac(1, 1),
        ])
      }
    }
    var controls = try SignificanceTable(
      title: "Control units",
      caption: "Each control unit's D and S on the split's test sides (means over seeds), its components mean |D| and "
        + "mean |S|, and its statistic T (the larger of the two, each divided by its root mean square over all units), "
        + "against which the sky unit's T is ranked.",
      label: label + "-controls", columns: Self.controlColumns)
    for s in result.splits {
      for u in s.controls {
        try controls.append([
          .text(s.name), .integer(u.unit), .number(u.d.reduce(0, +) / Double(max(1, u.d.count))),
          .number(u.shift.reduce(0, +) / Double(max(1, u.shift.count))),
          .number(s.test.controlComponents[u.unit - 1].absD), .number(s.test.controlComponents[u.unit - 1].absS),
          .number(u.statistic),
          .verdict(UnitRankTest.counts(u.statistic, against: s.test.sky)),
        ])
      }
    }
    var dipoles = try SignificanceTable(
      title: "Dipoles of labels and annotations",
      caption:
        "Cos-fit dipole of the test set's true labels and of the calls of every sky model and control unit 1, best axis in closed form; "
        + "p from \(c.dipolePermutations) label permutations (look-elsewhere corrected), adjusted by "
        + "\(c.adjustment.rawValue) over all \(result.dipoles.count) fits.",
      label: label + "-dipoles", columns: Self.dipoleColumns)
    for d in result.dipoles {
      try dipoles.append([
        .text(d.name), .text(d.role.description), .integer(d.n),
        .measurement(value: d.amplitude, error: d.amplitudeErr),
        .number(d.axis.ra), .number(d.axis.dec), .number(d.sigma), .pValue(d.pValue), .pValue(d.pAdjusted),
      ])
    }
    return AuditTables(
      verdicts: verdicts, seeds: seeds, controls: controls, dipoles: dipoles, probe: try probeTable(label: label))
  }

  /// The tables of audit.tex: the verdict table in two parts that each fit a landscape page (the test, then the sky
  /// unit's intervals, per-class D's and the control units' spread), the seed table without its per-seed bootstrap
  /// intervals, and the dipoles. Every column stays in the CSV and Markdown tables.
  func latexTables(_ t: AuditTables) throws -> [SignificanceTable] {
    let v = t.verdicts
    let test = try v.selecting(
      [
        "split", "n_test_A", "n_test_B", "D", "S", "abs_D_sky", "p_D", "abs_S_sky", "p_S", "p",
        "p_adjusted", "detected", "direction",
      ], footnotes: Array(v.footnotes.dropFirst()))
    let detail = try v.selecting(
      ["split", "D_ci", "D_spirals", "D_ellipticals", "S_ci", "control_D", "control_S"],
      title: "Sky unit and control units",
      caption: "The sky unit's D and S with their intervals, D per true class, and the control units' D and S.",
      label: (v.label ?? "tab:audit") + "-detail", footnotes: Array(v.footnotes.prefix(1)))
    let seeds = try t.seeds.selecting(
      Self.seedColumns.map(\.key).filter { !$0.hasSuffix("_ci") },
      caption: (t.seeds.caption ?? "") + " The intervals are in audit_seeds.csv.")
    return [test, detail, seeds, t.dipoles] + (t.probe.map { [$0] } ?? [])
  }

  static func interval(_ v: [Double]) -> TableCell {
    v.count == 2 ? .interval(lower: v[0], upper: v[1]) : .missing
  }

  /// audit.md: the null hypothesis and the tables.
  func tablesMarkdown(_ t: AuditTables) -> String {
    "# Anisotropy audit: tables\n\n" + Self.nullHypothesisText + "\n\n"
      + ([t.verdicts, t.seeds, t.controls, t.dipoles] + (t.probe.map { [$0] } ?? [])).map { $0.markdown() }
      .joined(separator: "\n")
  }

  /// The null hypothesis and why the test is exact, for audit.md and report.md.
  static let nullHypothesisText =
    "**Null hypothesis.** Given its class, where a training galaxy sits on the sky carries "
    + "no information about its image: the division of the training pool into side A and side B is then a random "
    + "class-stratified division. **Why the test is exact.** The sky unit draws two class-matched reservoirs, one from "
    + "each side; each control unit draws two of the same sizes from the whole pool, ignoring position. Under the null "
    + "both are uniformly random disjoint pairs, and every unit then goes through the same seeded subsampling, the same "
    + "training seeds and the same test set, so the sky unit's (mean |D|, mean |S|) is exchangeable with the control "
    + "units'. The statistic T of a unit (the larger of its two components, each divided by its root mean square over all "
    + "units) treats every unit alike, so the T's are exchangeable too and the sky unit's rank among them gives an exact p-value, "
    + "whatever the training data, seeds and test set the models share."
}
