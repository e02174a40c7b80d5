// galmorph — SkyStatistics

import Foundation

/// The alternative hypothesis of a test.
public enum Alternative: String, Sendable, Hashable, Codable {
  case twoSided = "two-sided", greater, less
}

/// Exact binomial tests (scipy `binomtest`) and McNemar's test for paired annotations.
public enum BinomialTest {
  /// p-value of the exact test of H₀: P(success) = p for `k` successes in `n` trials.
  ///
  /// - greater: P(X ≥ k); less: P(X ≤ k).
  /// - two-sided (scipy's definition): the probability of all outcomes no more likely than the observed one,
  ///   `Σ_{x: f(x) ≤ f(k)·(1+1e-7)} f(x)`, computed as the observed tail plus the far tail beyond the point where
  ///   the pmf falls below f(k)·(1+1e-7) (the pmf is unimodal, so a binary search finds it). The relative
  ///   tolerance 1e-7 makes mathematically equal probabilities count as ties.
  public static func pValue(
    successes k: Int, trials n: Int, p: Double,
    alternative: Alternative = .twoSided
  ) throws -> Double {
    guard n >= 1, k >= 0, k <= n else {
      throw SkyStatisticsError.invalidArgument(
        name: "successes/trials", value: "\(k)/\(n)", expected: "0 <= k <= n, n >= 1")
    }
    guard p >= 0, p <= 1 else {
      throw SkyStatisticsError.invalidArgument(name: "p", value: "\(p)", expected: "a probability in [0, 1]")
    }
    switch alternative {
    case .greater: return Binomial.sf(k - 1, n, p)
    case .less: return Binomial.cdf(k, n, p)
    case .twoSided:
      let d = Binomial.pmf(k, n, p)
      let rerr = 1 + 1e-7
      let mean = p * Double(n)
      if Double(k) == mean { return 1 }
      if Double(k) < mean {
        // smallest x ≥ ceil(np) with pmf(x) <= d·rerr (pmf decreasing there)
        var lo = Int(mean.rounded(.up)), hi = n + 1
        while lo < hi {
          let mid = (lo + hi) / 2
          if Binomial.pmf(mid, n, p) <= d * rerr { hi = mid } else { lo = mid + 1 }
        }
        return min(1, Binomial.cdf(k, n, p) + Binomial.sf(lo - 1, n, p))
      }
      // largest x ≤ floor(np) with pmf(x) <= d·rerr (pmf increasing there)
      var lo = -1, hi = Int(mean.rounded(.down))
      while lo < hi {
        let mid = (lo + hi + 1) / 2
        if Binomial.pmf(mid, n, p) <= d * rerr { lo = mid } else { hi = mid - 1 }
      }
      return min(1, Binomial.cdf(lo, n, p) + Binomial.sf(k - 1, n, p))
    }
  }

  /// McNemar's test for two models' binary annotations of the same galaxies.
  ///
  /// `b` = galaxies model 1 gets right and model 2 wrong, `c` = the reverse (the discordant pairs). Under H₀ the
  /// discordant pairs split B(b + c, ½).
  /// - exact: `min(1, 2·P(X ≤ min(b, c)))` (McNemar 1947; the exact conditional form).
  /// - mid-p: `min(1, 2·P(X ≤ k) − P(X = k))` with k = min(b, c) (Fagerland, Lydersen & Laake 2013, BMC Med. Res.
  ///   Methodol. 13:91, eq. 3, who recommend it: closer to nominal size than the conservative exact test). The cap
  ///   comes after the subtraction: b = c gives 1.
  public static func mcNemar(b: Int, c: Int) throws -> (exact: Double, midP: Double) {
    guard b >= 0, c >= 0 else {
      throw SkyStatisticsError.invalidArgument(
        name: "discordant counts", value: "(\(b), \(c))", expected: "non-negative")
    }
    let n = b + c
    if n == 0 { return (1, 1) }
    let k = min(b, c)
    let exact = min(1, 2 * Binomial.cdf(k, n, 0.5))
    return (exact, min(1, 2 * Binomial.cdf(k, n, 0.5) - Binomial.pmf(k, n, 0.5)))
  }
}
