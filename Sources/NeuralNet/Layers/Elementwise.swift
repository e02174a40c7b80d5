// galmorph — NeuralNet
//
// Shared helper for elementwise layers: a parallel loop over a flat range.

import TensorCore

/// Runs `body(range)` over `0..<count` in ``Parallel`` slices (≥ 16 Ki elements per worker).
@inline(__always)
func parallelElements(_ count: Int, _ body: (Range<Int>) -> Void) {
  Parallel.forEachSlice(count, minPerWorker: 16_384) { _, r in body(r) }
}

/// Reads a pointer saved by `forward`, trapping with the layer name if `backward` runs first (programmer error).
@inline(__always)
func saved<T>(_ p: T?, _ layer: String) -> T {
  guard let p else { preconditionFailure("\(layer): backward called before forward") }
  return p
}
