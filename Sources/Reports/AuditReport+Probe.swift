// galmorph — Reports
//
// The context probe's table (`galmorph audit --probe`): background-only AUCs and outside-galaxy attribution.

import AnisotropyAudit

extension AuditReport {
  /// The probe table's CSV file.
  public static let probeFile = "audit_probe.csv"

  static let probeColumns: [TableColumn] = [
    TableColumn(key: "split", header: "Split", kind: .text),
    TableColumn(key: "side_auc", header: "Side AUC", kind: .number, format: .fixed(decimals: 3)),
    TableColumn(key: "side_ci", header: "95% CI", kind: .interval, format: .fixed(decimals: 3)),
    TableColumn(key: "side_p", header: "Side p", kind: .pValue),
    TableColumn(key: "label_auc", header: "Label AUC", kind: .number, format: .fixed(decimals: 3)),
    TableColumn(key: "label_ci", header: "95% CI of label AUC", kind: .interval, format: .fixed(decimals: 3)),
    TableColumn(key: "label_p", header: "Label p", kind: .pValue),
    TableColumn(key: "out_A_A", header: "Out A(A)", kind: .measurement, latexHeader: "$o_A(A)$"),
    TableColumn(key: "out_A_B", header: "Out A(B)", kind: .measurement, latexHeader: "$o_A(B)$"),
    TableColumn(key: "out_B_A", header: "Out B(A)", kind: .measurement, latexHeader: "$o_B(A)$"),
    TableColumn(key: "out_B_B", header: "Out B(B)", kind: .measurement, latexHeader: "$o_B(B)$"),
    TableColumn(key: "out_C_A", header: "Out C(A)", kind: .measurement, latexHeader: "$o_C(A)$"),
    TableColumn(key: "out_C_B", header: "Out C(B)", kind: .measurement, latexHeader: "$o_C(B)$"),
  ]

  /// One row per split: the side probe, the (shared) label probe, and the outside shares o_M(S) of the side-A (A),
  /// side-B (B) and control (C) models on the test galaxies of side S. Nil without a probe.
  func probeTable(label: String) throws -> SignificanceTable? {
    guard let p = result.probe else { return nil }
    var table = try SignificanceTable(
      title: "Context probe",
      caption:
        "Background-only probe (galaxies removed: \(p.background == "truth" ? "the simulator renders each cutout again without its galaxy" : "segmentation footprint filled with the cutout's border sky")): "
        + "ROC AUC of a network trained on the background-only cutouts to predict the side of the split and the "
        + "morphology label, on its held-out part (95% bootstrap interval; p from label permutations). Side AUC ≫ 0.5: "
        + "the sky side is written in the surroundings; label AUC > 0.5: morphology leaks through the context. "
        + "Out M(S): mean share of |\(p.method)| attribution outside the galaxy footprint ("
        + (p.footprint == "truth" ? "the simulator's noiseless galaxy above 2σ of the sky noise" : "segmentation")
        + "; ± standard error) of model M "
        + "(A, B: the split's side models, first seed; C: control unit 1, reservoir A) on up to \(p.galaxiesPerSide) "
        + "test galaxies of side S.",
      label: label + "-probe", columns: Self.probeColumns)
    for s in p.splits {
      func out(_ role: ModelRole, _ onA: Bool) -> TableCell {
        guard let o = s.outsideShares.first(where: { $0.role == role }) else { return .missing }
        return onA ? .measurement(value: o.onA, error: o.errorA) : .measurement(value: o.onB, error: o.errorB)
      }
      try table.append([
        .text(s.name), .number(s.side.auc), Self.interval(s.side.interval95), .pValue(s.side.permutationP),
        .number(p.label.auc), Self.interval(p.label.interval95), .pValue(p.label.permutationP),
        out(.sideA, true), out(.sideA, false), out(.sideB, true), out(.sideB, false), out(.controlA, true),
        out(.controlA, false),
      ])
    }
    return table
  }
}
