// galmorph — FITSIO
//
// The provenance record as FITS header cards, and back.

import GalmorphSupport

extension FITSCard {
  /// Header cards recording `provenance` (short keys, so any FITS reader shows them):
  ///
  /// | key | value |
  /// |---|---|
  /// | `GMTOOL`, `GMVERSN`, `GMCOMMIT` | tool name, version, git commit |
  /// | `GMCMD` | command line (long-string convention when longer than a card) |
  /// | `GMDATE` | creation time, ISO 8601 UTC |
  /// | `GMSEED` | seed (integer; a string when above Int64.max) |
  /// | `GMMODEL` | SHA-256 of the model file |
  /// | `GMNINPUT`, `GMIN001`…, `GMSHA001`… | input count, each input's path and SHA-256 (sorted by path) |
  /// | `HIERARCH GM EXTRA <KEY>` | each `extra` entry (key upper-cased, characters other than A–Z, 0–9, `-`, `_` → `_`) |
  ///
  /// At most 999 inputs are recorded. `Provenance(fitsHeader:)` reads the cards back.
  public static func provenance(_ p: Provenance) -> [FITSCard] {
    var cards: [FITSCard] = [
      .comment("Provenance written by \(p.tool) (GM* cards)"),
      FITSCard("GMTOOL", p.tool, comment: "software that wrote this file"),
      FITSCard("GMVERSN", p.toolVersion, comment: "software version"),
      FITSCard("GMCOMMIT", p.gitCommit, comment: "git commit of the software"),
      FITSCard("GMCMD", p.commandLine, comment: "command line"),
      FITSCard("GMDATE", p.createdUTC, comment: "creation time (UTC)"),
    ]
    if let seed = p.seed {
      cards.append(
        seed <= UInt64(Int64.max)
          ? FITSCard("GMSEED", .integer(Int64(seed)), comment: "random seed")
          : FITSCard("GMSEED", String(seed), comment: "random seed"))
    }
    if let model = p.modelSHA256 { cards.append(FITSCard("GMMODEL", model, comment: "SHA-256 of the model file")) }
    let inputs = p.inputs.sorted { $0.key < $1.key }.prefix(999)
    cards.append(FITSCard("GMNINPUT", inputs.count, comment: "number of input files"))
    for (i, (path, sha)) in inputs.enumerated() {
      let n = String(format: "%03d", i + 1)
      cards.append(FITSCard("GMIN\(n)", path, comment: "input file \(i + 1)"))
      cards.append(FITSCard("GMSHA\(n)", sha, comment: "SHA-256 of input \(i + 1)"))
    }
    for (key, value) in p.extra.sorted(by: { $0.key < $1.key }) {
      cards.append(FITSCard("HIERARCH GM EXTRA \(extraKey(key))", value))
    }
    return cards
  }

  static func extraKey(_ key: String) -> String {
    String(
      String.UnicodeScalarView(
        key.uppercased().unicodeScalars.map {
          ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" ? $0 : "_"
        }))
  }
}

extension Provenance {
  /// Reads the cards written by `FITSCard.provenance(_:)`; nil when the header has no `GMTOOL` card.
  /// `extra` keys come back in their upper-cased, sanitised form.
  public init?(fitsHeader header: FITSHeader) {
    guard let tool = header.string("GMTOOL") else { return nil }
    self.init(commandLine: header.string("GMCMD") ?? "")
    self.tool = tool
    toolVersion = header.string("GMVERSN") ?? ""
    gitCommit = header.string("GMCOMMIT") ?? ""
    createdUTC = header.string("GMDATE") ?? ""
    switch header["GMSEED"] {
    case let .integer(i)?: seed = UInt64(exactly: i)
    case let .string(s)?: seed = UInt64(s)
    default: seed = nil
    }
    modelSHA256 = header.string("GMMODEL")
    let count = header.int("GMNINPUT") ?? 0
    for i in 0..<max(0, min(count, 999)) {
      let n = String(format: "%03d", i + 1)
      if let path = header.string("GMIN\(n)") { inputs[path] = header.string("GMSHA\(n)") ?? "" }
    }
    for card in header.cards {
      let key = card.key.uppercased()
      for prefix in ["HIERARCH GM EXTRA ", "GM EXTRA "] where key.hasPrefix(prefix) {
        if let v = card.value?.stringValue { extra[String(key.dropFirst(prefix.count))] = v }
      }
    }
  }
}

import Foundation
