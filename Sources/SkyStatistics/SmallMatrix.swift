// galmorph — SkyStatistics

/// Tiny dense linear algebra (3×3, 4×4) for normal equations and Fisher matrices.
enum SmallMatrix {
  /// Inverse by Gauss–Jordan elimination with partial pivoting; nil if singular to working precision.
  static func inverse(_ a: [[Double]]) -> [[Double]]? {
    let n = a.count
    var m = a
    var inv = (0..<n).map { i in (0..<n).map { $0 == i ? 1.0 : 0.0 } }
    var scale = 0.0
    for row in a { for v in row { scale = max(scale, abs(v)) } }
    guard scale > 0 else { return nil }
    for col in 0..<n {
      var piv = col
      for r in col + 1..<n where abs(m[r][col]) > abs(m[piv][col]) { piv = r }
      guard abs(m[piv][col]) > 1e-14 * scale else { return nil }
      m.swapAt(piv, col); inv.swapAt(piv, col)
      let d = m[col][col]
      for j in 0..<n { m[col][j] /= d; inv[col][j] /= d }
      for r in 0..<n where r != col {
        let f = m[r][col]
        if f == 0 { continue }
        for j in 0..<n { m[r][j] -= f * m[col][j]; inv[r][j] -= f * inv[col][j] }
      }
    }
    return inv
  }

  static func multiply(_ a: [[Double]], _ v: [Double]) -> [Double] {
    a.map { row in zip(row, v).reduce(0) { $0 + $1.0 * $1.1 } }
  }

  static func quadratic(_ a: [[Double]], _ v: [Double]) -> Double {
    zip(v, multiply(a, v)).reduce(0) { $0 + $1.0 * $1.1 }
  }
}
