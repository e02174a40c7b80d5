// galmorph — MorphologyClassifier
//
// From a catalog's label column to the binary target (spiral = 1, elliptical = 0).

/// How catalog label values map to the two classes.
///
/// With no explicit lists (`--spiral`/`--elliptical` not given) the default vocabulary applies, case-insensitively:
/// spiral ← `spiral`, `s`, `sp`, `disk`, `disc`, `featured`, `late`, `1`; elliptical ← `elliptical`, `e`, `ell`,
/// `smooth`, `early`, `0`; dropped (counted) ← `other`, `uncertain`, `unknown`, `merger`, `dk`, `artifact`, `star`,
/// and empty cells. Any other value is an error that lists the values and the options to map them, so a typo never
/// silently turns into a class.
///
/// With explicit lists, values in neither list are dropped and counted (the user has said what the classes are).
public struct LabelMapping: Codable, Sendable, Equatable {
  public var spiral: [String]
  public var elliptical: [String]
  /// Values dropped without complaint (counted in the report).
  public var dropped: [String]
  /// When true, values in no list are dropped and counted; when false they are an error.
  public var dropUnmapped: Bool

  public static let defaultSpiral = ["spiral", "s", "sp", "disk", "disc", "featured", "late", "1"]
  public static let defaultElliptical = ["elliptical", "e", "ell", "smooth", "early", "0"]
  public static let defaultDropped = ["other", "uncertain", "unknown", "merger", "dk", "artifact", "star", ""]

  /// The default vocabulary.
  public init() {
    spiral = LabelMapping.defaultSpiral
    elliptical = LabelMapping.defaultElliptical
    dropped = LabelMapping.defaultDropped
    dropUnmapped = false
  }

  /// Explicit lists; values in neither are dropped and counted.
  public init(spiral: [String], elliptical: [String]) {
    self.spiral = spiral
    self.elliptical = elliptical
    dropped = []
    dropUnmapped = true
  }

  /// The class of one value: 1 (spiral), 0 (elliptical) or nil (dropped). Throws for an unmapped value when
  /// `dropUnmapped` is false. Comparison trims spaces and ignores case; numeric labels compare by value
  /// (`"1.0"` matches `"1"`).
  public func classify(_ raw: String) -> Result<Int?, UnmappedLabel> {
    let v = LabelMapping.canonical(raw)
    if spiral.contains(where: { LabelMapping.canonical($0) == v }) { return .success(1) }
    if elliptical.contains(where: { LabelMapping.canonical($0) == v }) { return .success(0) }
    if dropUnmapped || dropped.contains(where: { LabelMapping.canonical($0) == v }) { return .success(nil) }
    return .failure(UnmappedLabel(value: raw))
  }

  public struct UnmappedLabel: Error, Equatable { public var value: String }

  static func canonical(_ s: String) -> String {
    let t = s.trimmingCharacters(in: .whitespaces).lowercased()
    if let d = Double(t), d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
    return t
  }

  /// Maps a whole column. Returns the class per row (nil = dropped) and the count of dropped rows per value;
  /// throws `ClassifierError.unknownLabels` listing every unmapped value (sorted by frequency) otherwise.
  public func apply(_ values: [String], source: String, column: String) throws -> (
    labels: [Int?], dropped: [String: Int]
  ) {
    var labels = [Int?](repeating: nil, count: values.count)
    var dropped: [String: Int] = [:]
    var unknown: [String: Int] = [:]
    for (i, v) in values.enumerated() {
      switch classify(v) {
      case let .success(c): labels[i] = c; if c == nil { dropped[v, default: 0] += 1 }
      case .failure: unknown[v, default: 0] += 1
      }
    }
    if !unknown.isEmpty {
      let list = unknown.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map {
        "\($0.key) (\($0.value) rows)"
      }
      throw ClassifierError.unknownLabels(path: source, column: column, values: list)
    }
    return (labels, dropped)
  }
}

import Foundation
