// galmorph — GalmorphSupport
//
// What every output records about how it was made.

import Foundation

/// The provenance record written with every output (FITS header cards, `.meta.json` sidecars, `audit.json`,
/// model-file attributes): tool version, git commit, command line, seed, model hash and the SHA-256 of each input.
public struct Provenance: Codable, Sendable, Equatable {
  public var tool: String = "galmorph"
  public var toolVersion: String
  public var gitCommit: String
  public var commandLine: String
  public var createdUTC: String
  public var seed: UInt64?
  public var modelSHA256: String?
  /// Input path → SHA-256 of its bytes.
  public var inputs: [String: String]
  public var extra: [String: String]

  enum CodingKeys: String, CodingKey {
    case tool, toolVersion = "tool_version", gitCommit = "git_commit", commandLine = "command_line"
    case createdUTC = "created_utc", seed, modelSHA256 = "model_sha256", inputs, extra
  }

  public init(
    seed: UInt64? = nil, modelSHA256: String? = nil, inputs: [String: String] = [:],
    extra: [String: String] = [:], commandLine: String? = nil
  ) {
    toolVersion = ToolInfo.version
    gitCommit = ToolInfo.gitCommit
    self.commandLine = commandLine ?? CommandLine.arguments.joined(separator: " ")
    createdUTC = Provenance.nowUTC()
    self.seed = seed
    self.modelSHA256 = modelSHA256
    self.inputs = inputs
    self.extra = extra
  }

  /// Records the SHA-256 of each file in `urls` under its path.
  public mutating func addInputs(_ urls: [URL]) throws {
    for u in urls { inputs[u.path] = try Checksum.sha256(fileAt: u) }
  }

  /// ISO 8601 UTC timestamp with seconds, e.g. `2026-11-23T12:51:29Z`.
  public static func nowUTC() -> String {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime]
    return f.string(from: Date())
  }

  /// Pretty, key-sorted JSON of this record.
  public func jsonData() throws -> Data { try JSONCoding.encoder().encode(self) }
}

/// Shared JSON settings: sorted keys and pretty printing, so outputs diff cleanly and snapshot tests are stable.
public enum JSONCoding {
  public static func encoder() -> JSONEncoder {
    let e = JSONEncoder()
    e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    e.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return e
  }
  public static func decoder() -> JSONDecoder {
    let d = JSONDecoder()
    d.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return d
  }
}
