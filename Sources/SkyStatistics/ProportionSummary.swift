// galmorph — SkyStatistics

import SkyGeometry

/// Label counts on the two sides of a sky split with intervals and tests of "same fraction on both sides".
///
/// Codable, so the CLI can print it as JSON. Fractions use `IntervalMethod` intervals at `confidenceLevel`
/// (default 95 %, as every interval galmorph reports); the comparison reports the exact conditional binomial test,
/// Fisher's exact test, χ² with and without Yates' correction and the pooled two-proportion z test, all two-sided.
public struct ProportionSummary: Sendable, Codable {
  public struct Side: Sendable, Codable {
    public var n: Int
    public var positives: Int
    /// k/n, nil when the side is empty.
    public var fraction: Double?
    public var wilson: BinomialInterval
    public var jeffreys: BinomialInterval
    public var clopperPearson: BinomialInterval
  }
  public var split: String
  public var a: Side
  public var b: Side
  /// fraction(A) − fraction(B), nil if a side is empty.
  public var difference: Double?
  /// Exact conditional binomial test: given K positives in all, the number on side A is Binomial(K, n_A/n) under
  /// H₀ (scipy `binomtest`, two-sided); 1 when K = 0 or a side is empty.
  public var binomialP: Double
  public var fisherP: Double
  public var chiSquareYatesP: Double
  public var chiSquareP: Double
  public var z: Double
  public var zP: Double

  /// Summarises binary `labels` (true = positive, e.g. spiral) split into sides by `split`.
  public init(
    split: SkySplit, directions: [SkyDirection], labels: [Bool],
    confidenceLevel: Double = 0.95
  ) throws {
    guard directions.count == labels.count else {
      throw SkyStatisticsError.lengthMismatch(what: "labels", expected: directions.count, got: labels.count)
    }
    let sides = split.sides(of: directions)
    var na = 0, ka = 0, nb = 0, kb = 0
    for i in sides.indices {
      if sides[i] == .a { na += 1; if labels[i] { ka += 1 } } else { nb += 1; if labels[i] { kb += 1 } }
    }
    func side(_ k: Int, _ n: Int) throws -> Side {
      Side(
        n: n, positives: k, fraction: n > 0 ? Double(k) / Double(n) : nil,
        wilson: try BinomialInterval(successes: k, trials: n, confidenceLevel: confidenceLevel, method: .wilson),
        jeffreys: try BinomialInterval(successes: k, trials: n, confidenceLevel: confidenceLevel, method: .jeffreys),
        clopperPearson: try BinomialInterval(
          successes: k, trials: n, confidenceLevel: confidenceLevel,
          method: .clopperPearson))
    }
    self.split = split.description
    a = try side(ka, na); b = try side(kb, nb)
    if let fa = a.fraction, let fb = b.fraction { difference = fa - fb } else { difference = nil }
    let table = [[ka, na - ka], [kb, nb - kb]]
    let k = ka + kb
    binomialP =
      k > 0 && na > 0 && nb > 0
      ? try BinomialTest.pValue(successes: ka, trials: k, p: Double(na) / Double(na + nb)) : 1
    fisherP = try ContingencyTests.fisherExact(table).pValue
    if na > 0, nb > 0, ka + kb > 0, ka + kb < na + nb {
      chiSquareYatesP = try ContingencyTests.chiSquare(table, yatesCorrection: true).pValue
      chiSquareP = try ContingencyTests.chiSquare(table, yatesCorrection: false).pValue
      (z, zP) = try ContingencyTests.twoProportionZ(successes1: ka, trials1: na, successes2: kb, trials2: nb)
    } else {
      chiSquareYatesP = 1; chiSquareP = 1; z = 0; zP = 1
    }
  }
}
