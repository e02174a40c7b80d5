// galmorph — NeuralNet
//
// Work partitions that do not depend on the thread count, so results do not either.

import TensorCore

/// Cuts `0..<count` into `min(slices, count / minPerSlice)` (at least 1) contiguous slices whose boundaries depend
/// on `count` only, and runs `body(worker, slice, range)` for each; ``Parallel`` workers take contiguous runs of
/// slices (workers beyond the slice count idle).
///
/// Why: OpenBLAS picks different kernels (and so rounds differently) for different matrix shapes, and partial sums
/// added in a different grouping round differently. Splitting GEMMs and reductions by fixed slices instead of by
/// worker makes every shape and every summation order a function of the batch alone, so a fixed seed gives
/// bit-identical results for any ``Parallel/workers``.
@inline(__always)
func forEachFixedSlice(
  _ count: Int, slices: Int, minPerSlice: Int = 1,
  _ body: (_ worker: Int, _ slice: Int, _ range: Range<Int>) -> Void
) {
  let s = fixedSliceCount(count, slices: slices, minPerSlice: minPerSlice)
  Parallel.forEachSlice(s) { wk, run in
    for si in run { body(wk, si, Parallel.slice(count, part: si, of: s)) }
  }
}

/// The number of slices ``forEachFixedSlice(_:slices:minPerSlice:_:)`` uses.
@inline(__always)
func fixedSliceCount(_ count: Int, slices: Int, minPerSlice: Int = 1) -> Int {
  max(1, min(slices, count / max(1, minPerSlice)))
}
