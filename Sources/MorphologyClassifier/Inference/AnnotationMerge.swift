// galmorph — MorphologyClassifier
//
// Joining the shard outputs of `galmorph annotate --shard K/N` into one catalog in the input's order.
import CatalogIO
import Foundation
import GalmorphSupport

/// Merges shard outputs into the catalog one unsharded `annotate` run would have written.
///
/// Before anything is written, every shard's ``ShardManifest`` is checked: all N parts present exactly once, all made
/// from the same catalog (SHA-256), model (SHA-256), options, `--shard-by` and tool version, their row runs together
/// covering every input row exactly once (a `rows` shard holding exactly ``AnnotationShard/rows(of:)``), and each
/// output file still the one its manifest describes (SHA-256, so a truncated or edited shard is caught). Any failure
/// throws an error naming the shard file and nothing is written.
///
/// Rows are put back in the input's order by the manifests' row runs: the runs of all shards sorted by their first
/// row, each copying its rows from its shard's output in turn (for `rows` shards, one run each: the shards in
/// order). CSV shards are joined byte for byte (header once, then each run's records, split at newlines outside
/// quotes), so the merge of CSV shards is identical to the unsharded CSV. FITS shards (or a FITS `output`) go through text: each shard's table is
/// read as verbatim strings and the merged text is converted as `annotate` converts its own (``AnnotationFITSExport``,
/// column types inferred over all rows). The output is written under a temporary name and renamed, with a provenance
/// sidecar (`OUTPUT.meta.json`) for CSV or GM* cards for FITS listing the shards and their checksums.
public enum AnnotationMerge {
  /// Summary of a merge.
  public struct Summary: Sendable, Equatable {
    public var rows: Int
    public var shards: Int
  }

  /// Checks the shard set and returns the manifests in shard order (throws, naming the file, on any defect).
  public static func validate(_ shardOutputs: [URL]) throws -> [(url: URL, manifest: ShardManifest)] {
    try checked(shardOutputs).shards
  }

  /// A checked shard set: the shards in shard order and their row runs in row order (``order(_:)``).
  typealias Checked = (shards: [(url: URL, manifest: ShardManifest)], runs: [(rows: Range<Int>, shard: Int)])

  /// ``validate(_:)``, keeping the row order it establishes for the join.
  static func checked(_ shardOutputs: [URL]) throws -> Checked {
    guard let first = shardOutputs.first else {
      throw ClassifierError.invalidInput(path: "merge", reason: "no shard outputs given")
    }
    let read = try shardOutputs.map { ($0, try ShardManifest.read(for: $0)) }
    let ref = read[0].1
    var byIndex: [Int: URL] = [:]
    for (url, m) in read {
      func differs(_ what: String, _ a: String, _ b: String) -> ClassifierError {
        .invalidInput(
          path: url.path, reason: "\(what) differs from \(first.lastPathComponent)'s (\(a) vs \(b)): not one shard set")
      }
      if m.shard.count != ref.shard.count {
        throw differs("shard count", "\(m.shard.count)", "\(ref.shard.count)")
      }
      if m.catalogSHA256 != ref.catalogSHA256 { throw differs("catalog", m.catalogSHA256, ref.catalogSHA256) }
      if m.totalRows != ref.totalRows { throw differs("catalog row count", "\(m.totalRows)", "\(ref.totalRows)") }
      if m.modelSHA256 != ref.modelSHA256 { throw differs("model", m.modelSHA256, ref.modelSHA256) }
      if m.options != ref.options {
        throw differs("options", describe(m.options), describe(ref.options))
      }
      if m.toolVersion != ref.toolVersion { throw differs("galmorph version", m.toolVersion, ref.toolVersion) }
      if m.shardBy != ref.shardBy { throw differs("--shard-by", "\(m.shardBy)", "\(ref.shardBy)") }
      if let other = byIndex[m.shard.index] {
        throw ClassifierError.invalidInput(
          path: url.path, reason: "shard \(m.shard) appears twice (also \(other.path))")
      }
      byIndex[m.shard.index] = url
      let expected = m.shard.rows(of: m.totalRows)
      if m.shardBy == .rows, m.runs != (expected.isEmpty ? [] : [expected]) {
        throw ClassifierError.invalidInput(
          path: url.path,
          reason: "shard \(m.shard) holds rows "
            + m.runs.map { "\($0.lowerBound)..<\($0.upperBound)" }
            .joined(separator: ", ") + ", expected \(expected.lowerBound)..<\(expected.upperBound) of \(m.totalRows)")
      }
      guard url.lastPathComponent == m.output else {
        throw ClassifierError.invalidInput(
          path: url.path, reason: "its manifest describes \(m.output), not this file (renamed after it finished?)")
      }
      let sha = try Checksum.sha256(fileAt: url)
      guard sha == m.outputSHA256 else {
        throw ClassifierError.invalidInput(
          path: url.path,
          reason:
            "contents differ from its manifest (SHA-256 \(sha.prefix(12))…, manifest \(m.outputSHA256.prefix(12))…):"
            + " truncated or changed after the shard finished; re-run shard \(m.shard)")
      }
    }
    let missing = (0..<ref.shard.count).filter { byIndex[$0] == nil }
    guard missing.isEmpty else {
      throw ClassifierError.invalidInput(
        path: first.deletingLastPathComponent().path,
        reason: "missing shard(s) " + missing.map { "\($0)/\(ref.shard.count)" }.joined(separator: ", ")
          + " of the set (\(read.count) of \(ref.shard.count) given)")
    }
    let shards = read.sorted { $0.1.shard.index < $1.1.shard.index }.map { (url: $0.0, manifest: $0.1) }
    return (shards, try order(shards))
  }

  /// Every shard's row runs, sorted by first row, as (run, position of the shard in `shards`); throws, naming the
  /// shards, unless together they cover rows 0..<total exactly once.
  static func order(_ shards: [(url: URL, manifest: ShardManifest)]) throws -> [(rows: Range<Int>, shard: Int)] {
    var all: [(rows: Range<Int>, shard: Int)] = []
    for (i, s) in shards.enumerated() { all += s.manifest.runs.filter { !$0.isEmpty }.map { ($0, i) } }
    all.sort { $0.rows.lowerBound < $1.rows.lowerBound }
    var next = 0
    for (k, r) in all.enumerated() {
      let url = shards[r.shard].url
      if r.rows.lowerBound < next {
        let other = shards[all[k - 1].shard].manifest.shard
        throw ClassifierError.invalidInput(
          path: url.path,
          reason: "rows from \(r.rows.lowerBound) are in shard \(shards[r.shard].manifest.shard) and also in shard "
            + "\(other): not one shard set")
      }
      if r.rows.lowerBound > next {
        throw ClassifierError.invalidInput(
          path: url.path, reason: "rows \(next)..<\(r.rows.lowerBound) are in no shard of the set")
      }
      next = r.rows.upperBound
    }
    let total = shards[0].manifest.totalRows
    guard next == total else {
      throw ClassifierError.invalidInput(
        path: shards[0].url.deletingLastPathComponent().path,
        reason: "rows \(next)..<\(total) of the catalog's \(total) are in no shard of the set")
    }
    return all
  }

  /// Validates the shards, then writes the merged catalog to `output` (CSV, or FITS for `.fits`/`.fit`/`.fts`).
  @discardableResult
  public static func merge(_ shardOutputs: [URL], into output: URL, commandLine: String? = nil) throws -> Summary {
    let set = try checked(shardOutputs), shards = set.shards
    let ref = shards[0].manifest
    var prov = Provenance(
      modelSHA256: ref.modelSHA256, inputs: [ref.catalog: ref.catalogSHA256], commandLine: commandLine)
    prov.extra = ref.options
    prov.extra["rows"] = String(ref.totalRows)
    prov.extra["shards"] = String(ref.shard.count)
    for (url, m) in shards { prov.inputs[url.path] = m.outputSHA256 }
    let allCSV = shards.allSatisfy { !Annotator.isFITSOutput($0.url) }
    try OutputLocation.prepareParent(of: output)
    let text = AtomicFile.temporaryURL(for: output)
    defer { try? FileManager.default.removeItem(at: text) }
    let delimiter = allCSV ? try joinCSV(set, into: text) : try joinAsText(set, into: text)
    if Annotator.isFITSOutput(output) {
      try AnnotationFITSExport.convert(csv: text, delimiter: delimiter, to: output, provenance: prov)
    } else {
      try AtomicFile.commit(temporary: text, to: output)
      try AtomicFile.write(try prov.jsonData(), to: URL(fileURLWithPath: output.path + ".meta.json"))
    }
    return Summary(rows: ref.totalRows, shards: shards.count)
  }

  static func describe(_ options: [String: String]) -> String {
    options.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
  }

  /// CSV shards: the first shard's header line, then the records of every run in row order, copied byte for byte.
  /// Headers must agree byte for byte; each shard must hold exactly its manifest's number of records.
  static func joinCSV(_ set: Checked, into text: URL) throws -> CSVDelimiter {
    let shards = set.shards
    guard FileManager.default.createFile(atPath: text.path, contents: nil),
      let out = FileHandle(forWritingAtPath: text.path)
    else { throw SupportError.io(path: text.path, reason: "cannot create the merged file") }
    defer { try? out.close() }
    var records: [CSVRecords] = []
    for (url, m) in shards {
      let r = try CSVRecords(url: url)
      if let first = records.first, first.header != r.header {
        throw ClassifierError.invalidInput(
          path: url.path, reason: "header differs from shard 0's (shard \(m.shard)): not one shard set")
      }
      records.append(r)
    }
    try out.write(contentsOf: records[0].header)
    for run in set.runs {
      let bytes = try records[run.shard].take(run.rows.count, path: shards[run.shard].url.path)
      try out.write(contentsOf: bytes)
    }
    for (r, s) in zip(records, shards) where !r.atEnd {
      throw ClassifierError.invalidInput(
        path: s.url.path, reason: "holds more rows than its manifest's \(s.manifest.rowCount)")
    }
    return try CSVReader(url: shards[0].url).delimiter
  }

  /// Shards of any format read as verbatim strings (FITS tables through `CatalogFile`), written as comma-separated
  /// text with `CSVWriter`, run by run in row order. Column names must agree.
  static func joinAsText(_ set: Checked, into text: URL) throws -> CSVDelimiter {
    let shards = set.shards
    guard FileManager.default.createFile(atPath: text.path, contents: nil),
      let out = FileHandle(forWritingAtPath: text.path)
    else { throw SupportError.io(path: text.path, reason: "cannot create the merged file") }
    defer { try? out.close() }
    var readers: [any CatalogReader] = []
    for (url, m) in shards {
      let reader = try CatalogFile.open(url)
      if let first = readers.first, first.columnNames != reader.columnNames {
        throw ClassifierError.invalidInput(
          path: url.path, reason: "columns differ from shard 0's (shard \(m.shard)): not one shard set")
      }
      let n = reader.rowCount ?? -1
      guard n == m.rowCount else {
        throw ClassifierError.invalidInput(path: url.path, reason: "holds \(n) rows, its manifest says \(m.rowCount)")
      }
      readers.append(reader)
    }
    let cols = readers[0].columnNames
    try out.write(contentsOf: Data(CSVWriter.line(cols, delimiter: .comma).utf8))
    var position = [Int](repeating: 0, count: shards.count)
    for run in set.runs {
      let reader = readers[run.shard]
      var r = position[run.shard]
      let end = r + run.rows.count
      while r < end {
        let range = r..<min(end, r + 4096)
        let columns = try cols.map { try reader.readVerbatimStrings($0, rows: range) }
        var chunk = ""
        for k in 0..<range.count {
          chunk += CSVWriter.line(columns.map { $0[k] }, delimiter: .comma)
        }
        try out.write(contentsOf: Data(chunk.utf8))
        r = range.upperBound
      }
      position[run.shard] = end
    }
    return .comma
  }
}
