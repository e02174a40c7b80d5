// galmorph — Reports
//
// The three tables of an audit: verdicts per split, context statistics per seed, dipoles.

import AnisotropyAudit
import Foundation

/// The tables of one audit report.
public struct AuditTables: Sendable, Equatable {
  /// One row per split: the verdict and the numbers it rests on.
  public var verdicts: SignificanceTable
  /// One row per split and seed: D of the sky pair and of the control pair, agreement, McNemar, side fractions.
  public var seeds: SignificanceTable
  /// One row per dipole fit: the true labels and every model's annotations.
  public var dipoles: SignificanceTable
}

extension AuditReport {
  /// The CSV column layout of the verdict table (keys, in order; each `TableColumn` may become two CSV columns).
  static let verdictColumns: [TableColumn] = [
    TableColumn(key: "split", header: "Split", kind: .text),
    TableColumn(key: "n_test_A", header: "N test A", kind: .integer),
    TableColumn(key: "n_test_B", header: "N test B", kind: .integer),
    TableColumn(key: "mean_D", header: "Mean D", kind: .measurement),
    TableColumn(key: "mean_D_ci", header: "95% CI of D", kind: .interval, format: .fixed(decimals: 4)),
    TableColumn(key: "control_D", header: "Control D (mean ± sd)", kind: .measurement),
    TableColumn(key: "p", header: "Permutation p", kind: .pValue),
    TableColumn(key: "p_adjusted", header: "Adjusted p", kind: .pValue),
    TableColumn(key: "welch_p", header: "Welch p", kind: .pValue),
    TableColumn(key: "sign", header: "D > 0", kind: .text, alignment: .right),
    TableColumn(key: "sign_p", header: "Sign-test p", kind: .pValue),
    TableColumn(key: "detected", header: "Verdict", kind: .verdict(ifTrue: "context bias", ifFalse: "none")),
    TableColumn(key: "direction", header: "Direction", kind: .text),
  ]

  static let seedColumns: [TableColumn] = [
    TableColumn(key: "split", header: "Split", kind: .text),
    TableColumn(key: "seed", header: "Seed", kind: .text, alignment: .right),
    TableColumn(key: "D_sky", header: "D sky", kind: .number, format: .fixed(decimals: 4)),
    TableColumn(key: "D_sky_ci", header: "95% CI", kind: .interval, format: .fixed(decimals: 4)),
    TableColumn(key: "D_control", header: "D control", kind: .number, format: .fixed(decimals: 4)),
    TableColumn(key: "D_control_ci", header: "95% CI", kind: .interval, format: .fixed(decimals: 4)),
    TableColumn(key: "agreement_sky", header: "Agreement sky", kind: .number, format: .fixed(decimals: 3)),
    TableColumn(key: "agreement_control", header: "Agreement control", kind: .number, format: .fixed(decimals: 3)),
    TableColumn(key: "mcnemar_sky", header: "McNemar p sky", kind: .pValue),
    TableColumn(key: "mcnemar_control", header: "McNemar p control", kind: .pValue),
    TableColumn(key: "f_A_A", header: "fA(A)", kind: .number, format: .fixed(decimals: 3), latexHeader: "$f_A(A)$"),
    TableColumn(key: "f_A_B", header: "fA(B)", kind: .number, format: .fixed(decimals: 3), latexHeader: "$f_A(B)$"),
    TableColumn(key: "f_B_A", header: "fB(A)", kind: .number, format: .fixed(decimals: 3), latexHeader: "$f_B(A)$"),
    TableColumn(key: "f_B_B", header: "fB(B)", kind: .number, format: .fixed(decimals: 3), latexHeader: "$f_B(B)$"),
  ]

  static let dipoleColumns: [TableColumn] = [
    TableColumn(key: "name", header: "Annotations", kind: .text),
    TableColumn(key: "role", header: "Role", kind: .text),
    TableColumn(key: "N", header: "N", kind: .integer),
    TableColumn(key: "amplitude", header: "Amplitude", kind: .measurement),
    TableColumn(key: "ra", header: "Axis RA", unit: "deg", kind: .number, format: .fixed(decimals: 1)),
    TableColumn(key: "dec", header: "Axis Dec", unit: "deg", kind: .number, format: .fixed(decimals: 1)),
    TableColumn(key: "sigma", header: "σ", kind: .number, format: .fixed(decimals: 2), latexHeader: "$\\sigma$"),
    TableColumn(key: "p", header: "p", kind: .pValue),
    TableColumn(key: "p_adjusted", header: "Adjusted p", kind: .pValue),
  ]

  /// The default caption of the verdict table: the test, the number of seeds, α and the correction.
  public var defaultCaption: String {
    let c = result.configuration
    return "Sky-split context statistic D = (f_A(A) − f_A(B)) − (f_B(A) − f_B(B)) over \(c.seeds.count) seed"
      + "\(c.seeds.count == 1 ? "" : "s"), judged against control pairs trained on random halves by a one-sided "
      + "permutation test of mean |D| over seeds; α = \(c.alpha), \(c.adjustment.rawValue) correction over the splits."
  }

  /// The verdict, seed and dipole tables. `caption` and `label` go to the verdict table (defaults
  /// `defaultCaption`, `tab:audit`); the other two get `<label>-seeds` and `<label>-dipoles`.
  public func tables(caption: String? = nil, label: String? = nil) throws -> AuditTables {
    let label = label ?? "tab:audit"
    let c = result.configuration
    var verdicts = try SignificanceTable(
      title: "Anisotropy audit verdicts", caption: caption ?? defaultCaption, label: label,
      columns: Self.verdictColumns,
      footnotes: [
        "Mean D ± its standard error over seeds; 95% CI = mean ± 1.96 SE. Control D: mean ± sd of the control pairs' D.",
        "Permutation p: one-sided two-sample permutation test of mean |D|, sky pairs against control pairs (|D| because "
          + "the sign of D can change with the seed); adjusted p: \(c.adjustment.rawValue) over \(result.splits.count) split(s). "
          + "Welch p: Welch's t-test of the signed D's.",
        "D > 0: seeds with positive D, with a two-sided binomial sign test. Own-side: each model calls more spirals on "
          + "its own training side.",
      ])
    for s in result.splits {
      try verdicts.append([
        .text(s.name), .integer(s.trueFraction.first?.n ?? 0), .integer(s.trueFraction.last?.n ?? 0),
        .measurement(value: s.meanD, error: s.standardErrorD),
        .interval(lower: s.meanD - 1.96 * s.standardErrorD, upper: s.meanD + 1.96 * s.standardErrorD),
        .measurement(value: s.controlMeanD, error: s.controlSDD), .pValue(s.comparison.pValue), .pValue(s.pAdjusted),
        .pValue(s.welch.pValue), .text("\(s.signPositive)/\(s.seeds.count)"), .pValue(s.signPValue),
        .verdict(s.verdict.detected), .text(s.verdict.direction),
      ])
    }
    var seeds = try SignificanceTable(
      title: "Context statistic per seed",
      caption: "D of the sky-split pair (models trained on side A and side B) and of the control pair (random halves), "
        + "with paired bootstrap 95% intervals over test galaxies (\(c.bootstrap) resamples); agreement and exact "
        + "McNemar p describe how much the two models of a pair differ. f_M(S): fraction of test galaxies on side S "
        + "that model M calls spiral (sky pair).",
      label: label + "-seeds", columns: Self.seedColumns)
    for s in result.splits {
      for a in s.seeds {
        let f = a.sky.fractions
        func frac(_ m: Int, _ side: Int) -> TableCell {
          m < f.count && side < f[m].count ? .number(f[m][side]) : .missing
        }
        try seeds.append([
          .text(s.name), .text(String(a.seed)), .number(a.sky.d), Self.interval(a.sky.interval95), .number(a.control.d),
          Self.interval(a.control.interval95), .number(a.sky.agreement), .number(a.control.agreement),
          .pValue(a.mcNemarSky), .pValue(a.mcNemarControl), frac(0, 0), frac(0, 1), frac(1, 0), frac(1, 1),
        ])
      }
    }
    var dipoles = try SignificanceTable(
      title: "Dipoles of labels and annotations",
      caption: "Cos-fit dipole of the test set's true labels and of every model's calls, best axis in closed form; "
        + "p from \(c.dipolePermutations) label permutations (look-elsewhere corrected), adjusted by "
        + "\(c.adjustment.rawValue) over all \(result.dipoles.count) fits.",
      label: label + "-dipoles", columns: Self.dipoleColumns)
    for d in result.dipoles {
      try dipoles.append([
        .text(d.name), .text(d.role), .integer(d.n), .measurement(value: d.amplitude, error: d.amplitudeErr),
        .number(d.axis.ra), .number(d.axis.dec), .number(d.sigma), .pValue(d.pValue), .pValue(d.pAdjusted),
      ])
    }
    return AuditTables(verdicts: verdicts, seeds: seeds, dipoles: dipoles)
  }

  static func interval(_ v: [Double]) -> TableCell {
    v.count == 2 ? .interval(lower: v[0], upper: v[1]) : .missing
  }

  /// audit.md: the three tables.
  func tablesMarkdown(_ t: AuditTables) -> String {
    "# Anisotropy audit: tables\n\n" + [t.verdicts, t.seeds, t.dipoles].map { $0.markdown() }.joined(separator: "\n")
  }
}
