// galmorph — SkySimulator
//
// Distributions for galaxy parameters.

import Foundation
import GalmorphSupport

/// A one-dimensional distribution from which a galaxy parameter is drawn.
///
/// Truncated normal and log-normal forms are sampled by rejection (at most 64 tries, then clamped), so `min`/`max`
/// are hard limits.
public enum ParameterDistribution: Codable, Sendable, Equatable {
  /// Always `value`.
  case constant(Double)
  /// Uniform on [min, max].
  case uniform(min: Double, max: Double)
  /// Uniform in log: p(x) ∝ 1/x on [min, max] (min > 0).
  case logUniform(min: Double, max: Double)
  /// Normal(mean, sigma) truncated to [min, max].
  case normal(mean: Double, sigma: Double, min: Double, max: Double)
  /// Log-normal: log10(x) ~ Normal(log10(median), sigmaDex), truncated to [min, max].
  case logNormal(median: Double, sigmaDex: Double, min: Double, max: Double)

  /// The allowed range of draws.
  public var range: ClosedRange<Double> {
    switch self {
    case let .constant(v): return v...v
    case let .uniform(a, b), let .logUniform(a, b): return a...b
    case let .normal(_, _, a, b), let .logNormal(_, _, a, b): return a...b
    }
  }

  /// Throws unless the parameters are finite and ordered, and the range lies within `allowed`.
  public func validate(_ name: String, within allowed: ClosedRange<Double>) throws {
    let bad: Bool
    switch self {
    case let .constant(v): bad = !v.isFinite
    case let .uniform(a, b): bad = !(a.isFinite && b.isFinite && a <= b)
    case let .logUniform(a, b): bad = !(a.isFinite && b.isFinite && a > 0 && a <= b)
    case let .normal(m, s, a, b): bad = !(m.isFinite && s.isFinite && s >= 0 && a.isFinite && b.isFinite && a <= b)
    case let .logNormal(m, s, a, b):
      bad = !(m.isFinite && m > 0 && s.isFinite && s >= 0 && a.isFinite && b.isFinite && a <= b)
    }
    if bad || range.lowerBound < allowed.lowerBound || range.upperBound > allowed.upperBound {
      throw SkySimulatorError.invalidParameter(
        name: name, value: "\(self)",
        expected: "finite, ordered parameters with draws in \(allowed)")
    }
  }

  /// One draw.
  public func sample(using g: inout SeededGenerator) -> Double {
    switch self {
    case let .constant(v): return v
    case let .uniform(a, b): return a + (b - a) * g.nextUnit()
    case let .logUniform(a, b): return a * Foundation.exp(Foundation.log(b / a) * g.nextUnit())
    case let .normal(m, s, a, b):
      for _ in 0..<64 {
        let x = m + s * g.nextNormal()
        if x >= a && x <= b { return x }
      }
      return Swift.min(b, Swift.max(a, m))
    case let .logNormal(med, s, a, b):
      for _ in 0..<64 {
        let x = med * Foundation.pow(10, s * g.nextNormal())
        if x >= a && x <= b { return x }
      }
      return Swift.min(b, Swift.max(a, med))
    }
  }
}
