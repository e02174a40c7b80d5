// galmorph — SkyStatistics

/// Family-wise and false-discovery-rate adjustments of many p-values (statsmodels `multipletests`).
public enum PValueAdjustment: String, Sendable, Hashable, Codable, CaseIterable {
  /// min(1, m·p).
  case bonferroni
  /// Holm (1979) step-down: sorted ascending, p₍ᵢ₎·(m − i + 1), running maximum, capped at 1.
  case holm
  /// Benjamini & Hochberg (1995) step-up FDR: sorted ascending, p₍ᵢ₎·m/i, running minimum from the top, capped at 1.
  case benjaminiHochberg = "fdr-bh"

  /// Adjusted p-values in the input order.
  public func adjust(_ p: [Double]) -> [Double] {
    let m = p.count
    if m == 0 { return [] }
    let order = p.indices.sorted { p[$0] < p[$1] }
    var adj = [Double](repeating: 0, count: m)
    switch self {
    case .bonferroni:
      return p.map { min(1, $0 * Double(m)) }
    case .holm:
      var running = 0.0
      for (rank, i) in order.enumerated() {
        running = max(running, p[i] * Double(m - rank))
        adj[i] = min(1, running)
      }
    case .benjaminiHochberg:
      var running = 1.0
      for rank in stride(from: m - 1, through: 0, by: -1) {
        let i = order[rank]
        running = min(running, p[i] * Double(m) / Double(rank + 1))
        adj[i] = min(1, running)
      }
    }
    return adj
  }
}
