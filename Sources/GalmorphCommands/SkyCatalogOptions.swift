// galmorph — GalmorphCommands
//
// The options shared by the sky-statistics commands: which catalog, which position and label columns.

import ArgumentParser
import CatalogIO
import Foundation
import SkyStatistics

/// `--catalog FILE [--ra-column C --dec-column C] --label-column COL [--positive VALUE]`.
///
/// The label column is either a class column (`--positive spiral`: rows equal to it, case-insensitively and ignoring
/// surrounding blanks, are 1, other non-empty rows 0) or, without `--positive`, a numeric column of 0/1 labels or
/// probabilities in [0, 1]. Rows with an empty label are dropped and counted (`LabelledSample.dropped`).
struct SkyCatalogOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("The catalog: CSV/TSV, optionally .gz.", valueName: "file"))
  var catalog: String

  @Option(
    name: .long,
    help: ArgumentHelp(
      "RA column (default: the first of ra, ra_deg, raj2000, ... present; "
        + "case-insensitive; degrees or sexagesimal hours).", valueName: "name"))
  var raColumn: String?

  @Option(
    name: .long, help: ArgumentHelp("Dec column (default: dec, dec_deg, dej2000, ... present).", valueName: "name"))
  var decColumn: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The label column: a class column (with --positive) or 0/1 labels or "
        + "probabilities in [0, 1].", valueName: "name"))
  var labelColumn: String

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The class value counted as 1 (case-insensitive), e.g. spiral; other "
        + "non-empty values are 0.", valueName: "value"))
  var positive: String?

  func validate() throws {
    if catalog.isEmpty { throw ValidationError("--catalog needs a file path") }
    if let positive, positive.trimmingCharacters(in: .whitespaces).isEmpty {
      throw ValidationError("--positive needs a non-empty class value, e.g. --positive spiral")
    }
  }

  /// The catalog file as a URL.
  var catalogURL: URL { URL(fileURLWithPath: catalog) }

  /// Positions and labels from the catalog (see `LabelledSample.load`).
  func loadSample() throws -> LabelledSample {
    let reader = try CatalogOpening.reader(for: catalogURL)
    return try LabelledSample.load(
      from: reader, positions: CatalogColumnSelection(ra: raColumn, dec: decColumn),
      labelColumn: labelColumn, positive: positive)
  }
}
