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

/// How `--shard K/N` cuts a catalog (`--shard-by`).
///
/// - `rows` (the default): contiguous row ranges, ``AnnotationShard/rows(of:)``.
/// - `healpix:NSIDE`: sky regions. Every row's HEALPix pixel at `NSIDE` in the NESTED scheme (whose consecutive
///   pixels are neighbours on the sky) is computed from its RA/Dec; walking the pixels in nested order, pixel `p`
///   goes to shard ⌊N·R(p)/T⌋ where R(p) is the number of rows in pixels before `p` and T the number of rows. Each
///   shard is then a run of consecutive pixels — a compact patch of sky — holding T/N rows to within one pixel's
///   rows, and no pixel is split between shards. A shard's rows keep their input order; `galmorph merge` restores
///   the catalog's order from the row runs in the manifests. (``ShardAssignment``.)
public enum ShardScheme: Sendable, Equatable, Codable, CustomStringConvertible {
  case rows
  case healpix(nside: Int)

  /// Parses `rows` or `healpix:NSIDE` (NSIDE a power of two, 1…2²⁹).
  public init(parsing text: String) throws {
    let t = text.trimmingCharacters(in: .whitespaces).lowercased()
    if t == "rows" { self = .rows; return }
    let parts = t.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[0] == "healpix", let n = Int(parts[1]), n >= 1, n <= 1 << 29, n & (n - 1) == 0
    else {
      throw ClassifierError.invalidInput(
        path: "--shard-by \(text)", reason: "expected rows or healpix:NSIDE with NSIDE a power of two, e.g. healpix:32")
    }
    self = .healpix(nside: n)
  }

  public var description: String {
    switch self {
    case .rows: return "rows"
    case .healpix(let nside): return "healpix:\(nside)"
    }
  }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    do { try self.init(parsing: text) } catch {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(error)"))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(description)
  }
}

/// What a finished shard of `galmorph annotate --shard K/N` leaves beside its output, as `OUTPUT.shard.json`:
/// enough for `galmorph merge` to prove that a set of shards is whole and consistent — the part and its rows, the
/// checksum of the finished output, and everything that must agree between parts (the model, the catalog, the
/// options that change the numbers, the tool version). Written atomically after the output is in place, so a
/// shard without a manifest is unfinished.
public struct ShardManifest: Codable, Sendable, Equatable {
  /// 2: `shard_by` and `row_runs` (format 1 had one contiguous `row_start`/`row_end`).
  public static let formatVersion = 2
  public var formatVersion = ShardManifest.formatVersion
  public var shard: AnnotationShard
  public var shardBy: ShardScheme
  /// The input rows (0-based) this shard holds, in order, as `[start, end)` runs: one run for `rows` shards.
  public var rowRuns: [[Int]]
  /// For `healpix` shards, the first and last NESTED pixel the shard covers (empty for `rows` or an empty shard).
  public var pixels: [Int]
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
    case formatVersion = "format_version", shard, shardBy = "shard_by", rowRuns = "row_runs", pixels
    case totalRows = "total_rows", output, outputSHA256 = "output_sha256", catalog
    case catalogSHA256 = "catalog_sha256", modelSHA256 = "model_sha256", options
    case toolVersion = "tool_version", gitCommit = "git_commit"
  }

  /// ``rowRuns`` as ranges.
  public var runs: [Range<Int>] { rowRuns.map { $0[0]..<$0[1] } }
  /// Rows in this shard.
  public var rowCount: Int { rowRuns.reduce(0) { $0 + $1[1] - $1[0] } }

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
        path: url.path,
        reason: "shard manifest format \(m.formatVersion); this galmorph reads \(formatVersion) (re-run the shard)")
    }
    guard m.rowRuns.allSatisfy({ $0.count == 2 && 0 <= $0[0] && $0[0] <= $0[1] && $0[1] <= m.totalRows }) else {
      throw ClassifierError.invalidInput(
        path: url.path, reason: "row_runs must be [start, end] pairs with 0 ≤ start ≤ end ≤ total_rows")
    }
    return m
  }

  func write(beside output: URL) throws {
    let enc = JSONEncoder()
    enc.outputFormatting = [.prettyPrinted, .sortedKeys]
    try AtomicFile.write(try enc.encode(self), to: Self.url(for: output))
  }
}
