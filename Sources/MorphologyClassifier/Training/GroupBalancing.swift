// galmorph — MorphologyClassifier
//
// Sky- or condition-balanced training: equal total loss weight per HEALPix pixel or per bin of an observing-condition
// column.

import Foundation
import GalmorphSupport

/// De-biasing by balanced sampling (issue 19, method (b)): every group of training examples — a HEALPix pixel of
/// their sky positions, or an equal-count bin of an observing-condition column such as seeing — carries the same
/// total loss weight, so no region or condition dominates what the network learns.
///
/// Weights: w_i = N / (G · n_g(i)) for the N training examples in G non-empty groups, n_g examples in group g (mean
/// weight 1, each group's total N/G), multiplied into the class weights. This is sampling each group equally often
/// in expectation, without repeating or dropping examples. Specification: `healpix:NSIDE` (NESTED pixels of the
/// examples' RA/Dec) or `column:NAME[:BINS]` (BINS equal-count bins of a numeric column, default 4, edges from all
/// rows of the catalog; one group per value when the column takes at most BINS values).
public struct GroupBalancing: Codable, Sendable, Equatable, CustomStringConvertible {
  public enum Scheme: Sendable, Equatable {
    case healpix(nside: Int)
    case column(name: String, bins: Int)
  }
  /// The text it was given as, e.g. `healpix:4` (what is stored in configurations and provenance).
  public let spec: String

  public init(parsing text: String) throws {
    spec = text
    _ = try scheme
  }

  public var description: String { spec }

  /// The parsed specification.
  public var scheme: Scheme {
    get throws {
      let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
      switch parts.first {
      case "healpix":
        guard parts.count == 2, let n = Int(parts[1]), n >= 1, n & (n - 1) == 0, n <= 8192 else {
          throw ClassifierError.invalidInput(
            path: "--balance-by", reason: "'\(spec)': expected healpix:NSIDE with NSIDE a power of two ≤ 8192")
        }
        return .healpix(nside: n)
      case "column":
        guard parts.count == 2 || parts.count == 3, !parts[1].isEmpty else {
          throw ClassifierError.invalidInput(path: "--balance-by", reason: "'\(spec)': expected column:NAME[:BINS]")
        }
        let bins = parts.count == 3 ? Int(parts[2]) : 4
        guard let bins, bins >= 2 else {
          throw ClassifierError.invalidInput(path: "--balance-by", reason: "'\(spec)': BINS must be an integer ≥ 2")
        }
        return .column(name: parts[1], bins: bins)
      default:
        throw ClassifierError.invalidInput(
          path: "--balance-by", reason: "'\(spec)': expected healpix:NSIDE or column:NAME[:BINS]")
      }
    }
  }

  /// The column a `column:` scheme needs (nil for `healpix`).
  public var columnName: String? {
    if case .column(let name, _)? = try? scheme { return name }
    return nil
  }

  /// Group of each value (`column`): ``ConditionBins/assign(values:bins:)``.
  public static func groups(values: [Double], bins: Int) -> [Int] { ConditionBins.assign(values: values, bins: bins) }

  /// The loss weight of each of `indices` (in that order): N / (G · n_g) over the groups among them.
  public static func weights(groups: [Int], indices: [Int]) -> [Float] {
    var count: [Int: Int] = [:]
    for i in indices { count[groups[i], default: 0] += 1 }
    let n = Double(indices.count), g = Double(count.count)
    return indices.map { Float(n / (g * Double(count[groups[$0]]!))) }
  }
}
