// galmorph — GalmorphCommands
//
// Options shared by the commands that stack a catalog (`stack`, `audit --catalog`).
import ArgumentParser
import CatalogIO

/// `--id-column`, `--ra-column`, `--dec-column`: the catalog columns a stack takes its identifiers and sky positions
/// from (shared by `galmorph stack` and `galmorph audit --catalog`).
struct StackColumnOptions: ParsableArguments {
  @Option(
    name: .customLong("id-column"),
    help:
      "Identifier column, copied verbatim into the stack's 'id' dataset (default: none; the catalog row identifies the galaxy)."
  )
  var idColumn: String?

  @Option(
    name: .customLong("ra-column"),
    help:
      "RA column, degrees or sexagesimal hours (default: the first of ra, ra_deg, raj2000, … present, case-insensitive; none present and no --dec-column: no positions)."
  )
  var raColumn: String?

  @Option(
    name: .customLong("dec-column"),
    help: "Dec column, degrees or sexagesimal (default: the first of dec, dec_deg, dej2000, … present).")
  var decColumn: String?

  /// The position columns as the catalog reader takes them.
  var positions: CatalogColumnSelection { CatalogColumnSelection(ra: raColumn, dec: decColumn) }

  /// The options given, by their flag (for commands that refuse them in some modes).
  var given: [String] {
    [("--id-column", idColumn), ("--ra-column", raColumn), ("--dec-column", decColumn)].compactMap {
      $0.1 == nil ? nil : $0.0
    }
  }

  /// Label values a stack left out, as `galmorph stack` and `galmorph audit --catalog` print them: `value=count`
  /// sorted by value, `(empty)` for the empty value, space-separated; empty when nothing was dropped.
  static func droppedText(_ dropped: [String: Int]) -> String {
    dropped.sorted { $0.key < $1.key }.map { "\($0.key.isEmpty ? "(empty)" : $0.key)=\($0.value)" }.joined(
      separator: " ")
  }
}
