// galmorph — ReportsTests
//
// Shared fixtures: a table with every cell kind, external tools, snapshot comparison.

import Foundation
import Testing
import _GalmorphTestSupport
import Reports

enum Fixtures {
  /// A fixed audit-like table holding every cell kind, LaTeX/Markdown special characters and edge values.
  static func auditTable() throws -> SignificanceTable {
    let columns = [
      TableColumn(key: "model", header: "Model", kind: .text),
      TableColumn(key: "N", header: "N", kind: .integer),
      TableColumn(key: "D", header: "Dipole amplitude", kind: .measurement),
      TableColumn(key: "l", header: "Longitude", unit: "deg", kind: .number, format: .fixed(decimals: 1)),
      TableColumn(key: "ci", header: "95% CI", kind: .interval, format: .significant(digits: 2)),
      TableColumn(key: "p", header: "p", kind: .pValue),
      TableColumn(
        key: "significant", header: "Significant", kind: .verdict(ifTrue: "yes", ifFalse: "no"),
        alignment: .center),
      TableColumn(key: "method", header: "Method", kind: .text),
    ]
    return try SignificanceTable(
      title: "Dipole fits of the spiral fraction", caption: "Amplitudes are 1σ; 50% of the sky held out.",
      label: "tab:dipole", columns: columns,
      rows: [
        [
          .text("CNN & sky_split #1 {x} ~ ^ \\ $5 | 100%"), .integer(10_000),
          .measurement(value: 0.031234, error: 0.012345), .number(264.0213), .interval(lower: 0.0081, upper: 0.0549),
          .pValue(3.2e-5), .verdict(true), .text("dipole LSQ, σ from covariance"),
        ],
        [
          .text("random split"), .integer(9_876), .measurement(value: -0.0004, error: 0.0112), .number(-0.04),
          .missing, .pValue(0.43), .verdict(false), .text("Wilson 95%"),
        ],
        [
          .text("hemisphere"), .integer(123), .measurement(value: 0.0995, error: 0.0995), .missing,
          .interval(lower: -0.01, upper: 0.02), .pValue(0.000999), .verdict(true), .text("χ² test, Holm"),
        ],
        [
          .text(""), .missing, .measurement(value: 1234.5, error: 321.9), .number(.nan), .interval(lower: 0, upper: 1),
          .pValue(1), .missing, .missing,
        ],
      ],
      footnotes: [
        "p-values are two-sided, from 10^4 isotropic Monte Carlo draws.",
        "Holm–Bonferroni correction over 3 tests (α = 0.05).",
      ])
  }
}

/// The reference tools the report tests use (`ExternalTool` is in _GalmorphTestSupport).
extension ExternalTool {
  /// python3 with the nbformat package importable.
  static let pythonWithNbformat: String? = python(importing: "nbformat")

  static let pdflatex: String? = find("pdflatex")
}
