// galmorph — SkyStatistics

import Foundation

extension CosineDipoleScan {
  /// The σ-map over `grid` against the K relabelings whose centred sums b̃_k are in `permutedB` (3K values).
  func sigmaMap(grid: AxisGrid, permutedB: [Double], seed: UInt64) throws -> SigmaMap {
    let axes = try grid.axes()
    let na = axes.count, k = permutedB.count / 3
    let mt = effectiveM
    let bt = effectiveB(b)
    let ax = axes.map { $0.x }, ay = axes.map { $0.y }, az = axes.map { $0.z }
    let bx = (0..<k).map { permutedB[3 * $0] }, by = (0..<k).map { permutedB[3 * $0 + 1] }
    let bz = (0..<k).map { permutedB[3 * $0 + 2] }
    let sigmaOut = SharedBuffer(count: na), deltaOut = SharedBuffer(count: na), ampOut = SharedBuffer(count: na)
    let chunk = 512
    DispatchQueue.concurrentPerform(iterations: (na + chunk - 1) / chunk) { c in
      bx.withUnsafeBufferPointer { px in
        by.withUnsafeBufferPointer { py in
          bz.withUnsafeBufferPointer { pz in
            for a in c * chunk..<min(na, (c + 1) * chunk) {
              let x = ax[a], y = ay[a], z = az[a]
              let q =
                x * (mt[0][0] * x + mt[0][1] * y + mt[0][2] * z) + y * (mt[1][0] * x + mt[1][1] * y + mt[1][2] * z)
                + z * (mt[2][0] * x + mt[2][1] * y + mt[2][2] * z)
              guard q > 0 else { continue }
              let invq = 1 / q
              let t = bt[0] * x + bt[1] * y + bt[2] * z
              let obs = t * t * invq
              var s1 = 0.0, s2 = 0.0
              for j in 0..<k {
                let tk = px[j] * x + py[j] * y + pz[j] * z
                let dk = tk * tk * invq
                s1 += dk; s2 += dk * dk
              }
              let mean = s1 / Double(k)
              let variance = k > 1 ? max(0, (s2 - s1 * mean) / Double(k - 1)) : 0
              sigmaOut.p[a] = variance > 0 ? (obs - mean) / variance.squareRoot() : 0
              deltaOut.p[a] = obs
              ampOut.p[a] = t * invq
            }
          }
        }
      }
    }
    let sigma = sigmaOut.array, delta = deltaOut.array
    var best = 0
    for a in 1..<max(1, na) where sigma[a] > sigma[best] { best = a }
    var axis = axes[best]
    var amp = ampOut.p[best]
    if amp < 0 { axis = axis.antipode; amp = -amp }
    return SigmaMap(
      grid: grid, model: model, permutations: k, seed: seed, sigma: sigma, deltaChiSquare: delta,
      bestIndex: best, bestAxis: AxisCoordinates(axis), bestSigma: sigma[best], bestAmplitude: amp)
  }
}
