// galmorph — MorphologyClassifier
//
// Post-hoc calibration of a binary classifier's logits.

import Foundation

/// Temperature scaling (Guo et al. 2017, ICML, "On Calibration of Modern Neural Networks"): calibrated probability
/// `σ(z / T)` for logit z, with the single parameter T > 0 chosen to minimise the negative log-likelihood on held-out
/// (validation) data. T > 1 softens over-confident predictions; the ranking (and so ROC AUC) is unchanged.
public struct TemperatureScaling: Codable, Sendable, Equatable {
  public var temperature: Double

  public init(temperature: Double = 1) { self.temperature = temperature }

  /// Fits T by minimising NLL(T) = −Σ [y log σ(z/T) + (1−y) log(1 − σ(z/T))] over log T ∈ [−5, 5] by golden-section
  /// search (NLL is unimodal in log T for binary labels), to a tolerance of 1e-8 in log T.
  public static func fit(logits z: [Double], labels y: [Int]) -> TemperatureScaling {
    func nll(_ logT: Double) -> Double {
      let inv = exp(-logT)
      var s = 0.0
      for i in z.indices {
        let a = z[i] * inv
        // log σ(a) = −softplus(−a); log(1−σ(a)) = −softplus(a)
        s += y[i] == 1 ? softplus(-a) : softplus(a)
      }
      return s
    }
    var lo = -5.0, hi = 5.0
    let g = (5.0.squareRoot() - 1) / 2
    var c = hi - g * (hi - lo), d = lo + g * (hi - lo)
    var fc = nll(c), fd = nll(d)
    while hi - lo > 1e-8 {
      if fc < fd {
        hi = d; d = c; fd = fc; c = hi - g * (hi - lo); fc = nll(c)
      } else {
        lo = c; c = d; fc = fd; d = lo + g * (hi - lo); fd = nll(d)
      }
    }
    return TemperatureScaling(temperature: exp((lo + hi) / 2))
  }

  /// Calibrated probability of class 1 for logit z.
  public func probability(logit z: Double) -> Double { 1 / (1 + exp(-z / temperature)) }
}

/// log(1 + eᵃ), computed without overflow.
@inlinable func softplus(_ a: Double) -> Double { a > 0 ? a + log1p(exp(-a)) : log1p(exp(a)) }
