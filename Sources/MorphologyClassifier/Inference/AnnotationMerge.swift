// galmorph — MorphologyClassifier
//
// Joining the shard outputs of `galmorph annotate --shard K/N` into one catalog in the input's order.
import CatalogIO
import Foundation
import GalmorphSupport

/// Merges shard outputs into the catalog one unsharded `annotate` run would have written.
///
/// Before anything is written, every shard's ``ShardManifest`` is checked: all N parts present exactly once, all made
/// from the same catalog (SHA-256), model (SHA-256), options and tool version, each holding exactly its rows
/// (``AnnotationShard/rows(of:)``), and each output file still the one its manifest describes (SHA-256, so a
/// truncated or edited shard is caught). Any failure throws an error naming the shard file and nothing is written.
///
/// CSV shards are joined byte for byte (header once, then each shard's rows in shard order), so the merge of CSV
/// shards is identical to the unsharded CSV. FITS shards (or a FITS `output`) go through text: each shard's table is
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
      if let other = byIndex[m.shard.index] {
        throw ClassifierError.invalidInput(
          path: url.path, reason: "shard \(m.shard) appears twice (also \(other.path))")
      }
      byIndex[m.shard.index] = url
      let expected = m.shard.rows(of: m.totalRows)
      guard m.rows == expected else {
        throw ClassifierError.invalidInput(
          path: url.path,
          reason: "shard \(m.shard) holds rows \(m.rowStart)..<\(m.rowEnd), expected \(expected.lowerBound)..<"
            + "\(expected.upperBound) of \(m.totalRows)")
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
    return read.sorted { $0.1.shard.index < $1.1.shard.index }.map { (url: $0.0, manifest: $0.1) }
  }

  /// Validates the shards, then writes the merged catalog to `output` (CSV, or FITS for `.fits`/`.fit`/`.fts`).
  @discardableResult
  public static func merge(_ shardOutputs: [URL], into output: URL, commandLine: String? = nil) throws -> Summary {
    let shards = try validate(shardOutputs)
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
    let delimiter = allCSV ? try joinCSV(shards, into: text) : try joinAsText(shards, into: text)
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

  /// CSV shards: the first shard's header line, then every shard's bytes after its header line, in shard order.
  /// Headers must agree byte for byte.
  static func joinCSV(_ shards: [(url: URL, manifest: ShardManifest)], into text: URL) throws -> CSVDelimiter {
    guard FileManager.default.createFile(atPath: text.path, contents: nil),
      let out = FileHandle(forWritingAtPath: text.path)
    else { throw SupportError.io(path: text.path, reason: "cannot create the merged file") }
    defer { try? out.close() }
    var firstHeader: Data?
    for (url, m) in shards {
      let data = try Data(contentsOf: url, options: .alwaysMapped)
      guard let nl = data.firstIndex(of: UInt8(ascii: "\n")) else {
        throw ClassifierError.invalidInput(path: url.path, reason: "no header line")
      }
      let header = data[data.startIndex...nl]
      if let firstHeader, firstHeader != header {
        throw ClassifierError.invalidInput(
          path: url.path, reason: "header differs from shard 0's (shard \(m.shard)): not one shard set")
      }
      if firstHeader == nil { firstHeader = Data(header); try out.write(contentsOf: header) }
      try out.write(contentsOf: data[(nl + 1)...])
    }
    return try CSVReader(url: shards[0].url).delimiter
  }

  /// Shards of any format read as verbatim strings (FITS tables through `CatalogFile`), written as comma-separated
  /// text with `CSVWriter`. Column names must agree.
  static func joinAsText(_ shards: [(url: URL, manifest: ShardManifest)], into text: URL) throws -> CSVDelimiter {
    guard FileManager.default.createFile(atPath: text.path, contents: nil),
      let out = FileHandle(forWritingAtPath: text.path)
    else { throw SupportError.io(path: text.path, reason: "cannot create the merged file") }
    defer { try? out.close() }
    var names: [String]?
    for (url, m) in shards {
      let reader = try CatalogFile.open(url)
      let cols = reader.columnNames
      if let names, names != cols {
        throw ClassifierError.invalidInput(
          path: url.path, reason: "columns differ from shard 0's (shard \(m.shard)): not one shard set")
      }
      if names == nil { names = cols; try out.write(contentsOf: Data(CSVWriter.line(cols, delimiter: .comma).utf8)) }
      let n = reader.rowCount ?? -1
      guard n == m.rows.count else {
        throw ClassifierError.invalidInput(
          path: url.path, reason: "holds \(n) rows, its manifest says \(m.rows.count)")
      }
      var r = 0
      while r < n {
        let range = r..<min(n, r + 4096)
        let columns = try cols.map { try reader.readVerbatimStrings($0, rows: range) }
        var chunk = ""
        for k in 0..<range.count {
          chunk += CSVWriter.line(columns.map { $0[k] }, delimiter: .comma)
        }
        try out.write(contentsOf: Data(chunk.utf8))
        r = range.upperBound
      }
    }
    return .comma
  }
}
