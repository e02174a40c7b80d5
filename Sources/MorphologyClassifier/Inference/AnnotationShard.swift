// galmorph — MorphologyClassifier
//
// Deterministic parts of a catalog for annotation on many machines, and the manifest each finished part leaves.
import Foundation
import GalmorphSupport

/// Part `index` of `count` of a catalog of T rows: rows `⌊index·T/count⌋ ..< ⌊(index+1)·T/count⌋` — contiguous,
/// in input order, sizes differing by at most one, and together every row exactly once. `K/N` on the command line
/// (0-based, as `SLURM_ARRAY_TASK_ID`/`SLURM_ARRAY_TASK_COUNT`).
public struct AnnotationShard: Codable, Sendable, Equatable, CustomStringConvertible {
  public let index: Int
  public let count: Int

  public init(index: Int, count: Int) throws {
    guard count >= 1, (0..<count).contains(index) else {
      throw ClassifierError.invalidInput(path: "--shard \(index)/\(count)", reason: "need 0 ≤ K < N and N ≥ 1")
    }
    self.index = index; self.count = count
  }

  /// Parses `K/N`.
  public init(parsing text: String) throws {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let k = Int(parts[0].trimmingCharacters(in: .whitespaces)),
      let n = Int(parts[1].trimmingCharacters(in: .whitespaces))
    else { throw ClassifierError.invalidInput(path: "--shard \(text)", reason: "expected K/N, e.g. 0/4") }
    try self.init(index: k, count: n)
  }

  /// The rows of this part of a catalog of `total` rows.
  public func rows(of total: Int) -> Range<Int> {
    let t = total
    return (index * t / count)..<((index + 1) * t / count)
  }

  public var description: String { "\(index)/\(count)" }
}

/// What a finished shard of `galmorph annotate --shard K/N` leaves beside its output, as `OUTPUT.shard.json`:
/// enough for `galmorph merge` to prove that a set of shards is whole and consistent — the part and its rows, the
/// checksum of the finished output, and everything that must agree between parts (the model, the catalog, the
/// options that change the numbers, the tool version). Written atomically after the output is in place, so a
/// shard without a manifest is unfinished.
public struct ShardManifest: Codable, Sendable, Equatable {
  public static let formatVersion = 1
  public var formatVersion = ShardManifest.formatVersion
  public var shard: AnnotationShard
  /// First and one-past-last input row (0-based).
  public var rowStart: Int
  public var rowEnd: Int
  /// Rows in the whole input catalog.
  public var totalRows: Int
  /// The output's file name (in the manifest's folder) and SHA-256.
  public var output: String
  public var outputSHA256: String
  public var catalog: String
  public var catalogSHA256: String
  public var modelSHA256: String
  /// Options that change the output: `tta`, `image_column`, `threshold`, `temperature`.
  public var options: [String: String]
  public var toolVersion: String
  public var gitCommit: String

  enum CodingKeys: String, CodingKey {
    case formatVersion = "format_version", shard, rowStart = "row_start", rowEnd = "row_end"
    case totalRows = "total_rows", output, outputSHA256 = "output_sha256", catalog
    case catalogSHA256 = "catalog_sha256", modelSHA256 = "model_sha256", options
    case toolVersion = "tool_version", gitCommit = "git_commit"
  }

  public var rows: Range<Int> { rowStart..<rowEnd }

  /// `OUTPUT.shard.json`.
  public static func url(for output: URL) -> URL { URL(fileURLWithPath: output.path + ".shard.json") }

  /// Reads the manifest of the shard output `output`.
  public static func read(for output: URL) throws -> ShardManifest {
    let url = url(for: output)
    guard FileManager.default.fileExists(atPath: url.path) else {
      throw ClassifierError.invalidInput(
        path: output.path,
        reason: "no shard manifest \(url.lastPathComponent): the shard has not finished (or is not a shard output)")
    }
    let m: ShardManifest
    do { m = try JSONDecoder().decode(ShardManifest.self, from: Data(contentsOf: url)) } catch {
      throw ClassifierError.invalidInput(path: url.path, reason: "unreadable shard manifest: \(error)")
    }
    guard m.formatVersion == formatVersion else {
      throw ClassifierError.invalidInput(
        path: url.path, reason: "shard manifest format \(m.formatVersion); this galmorph reads \(formatVersion)")
    }
    return m
  }

  func write(beside output: URL) throws {
    let enc = JSONEncoder()
    enc.outputFormatting = [.prettyPrinted, .sortedKeys]
    try AtomicFile.write(try enc.encode(self), to: Self.url(for: output))
  }
}
