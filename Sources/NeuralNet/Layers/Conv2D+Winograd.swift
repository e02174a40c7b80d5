// galmorph — NeuralNet
//
// Conv2D's Winograd F(4×4, 3×3) path: the same fixed image slices and chunks as im2col, so results stay
// bit-identical for any number of workers.

import TensorCore

extension Conv2D {
  /// Floats per image in each of a worker's two Winograd workspaces: the larger of the forward and input-gradient
  /// passes' `36 · tiles · channels`.
  var winogradFloatsPerImage: Int {
    let f = Winograd.Geometry(forward: geometry), b = Winograd.Geometry(inputGradientOf: geometry, filters: filters)
    return Winograd.products * max(f.tiles, b.tiles) * max(geometry.channels, filters)
  }

  /// Images per Winograd chunk: as many as fit ``columnBudget`` Floats per workspace (at least 1).
  var winogradChunkImages: Int { max(1, columnBudget / winogradFloatsPerImage) }

  /// Grows the per-worker workspaces for chunks of `chunk` images (before the parallel loop) and the zeros.
  func reserveWinograd(workers: Int, chunk: Int, gradient: Bool) {
    reserveColumns(workers: workers, count: chunk * winogradFloatsPerImage)
    while winogradScratch.count < workers { winogradScratch.append(FloatBuffer()) }
    while winogradGradient.count < workers { winogradGradient.append(FloatBuffer()) }
    for w in 0..<workers {
      winogradScratch[w].reserve(chunk * winogradFloatsPerImage)
      if gradient { winogradGradient[w].reserve(Winograd.products * geometry.channels * filters) }
    }
    let padding = max(geometry.channels, filters)
    zeros.reserve(padding)
    zeros.fill(0, count: padding)
  }

  /// `y = conv(x) + b` (then ReLU when fused) by Winograd, chunk by chunk within each fixed image slice.
  func winogradForward(_ x: UnsafePointer<Float>, batch: Int, output y: UnsafeMutablePointer<Float>) {
    let g = geometry, wg = Winograd.Geometry(forward: g), c = g.channels, co = filters, p = g.outPixels
    let u = winogradKernel.reserve(Winograd.products * c * co)
    Winograd.transformKernel(kernel.value.pointer, cin: c, cout: co, into: u, isa: kernelISA)
    let chunk = chunk(for: batch, winograd: true), relu = fusedReLU
    let b = bias.map { UnsafePointer($0.value.pointer) }
    reserveWinograd(workers: Parallel.partCount(sliceCount(batch)), chunk: chunk, gradient: false)
    let zeros = UnsafePointer(zeros.pointer)
    forEachImageSlice(batch) { wk, _, range in
      var n0 = range.lowerBound
      while n0 < range.upperBound {
        let n = min(chunk, range.upperBound - n0)
        Winograd.convolve(
          x + n0 * g.inputSize, images: n, geometry: wg, kernel: u, filters: co, bias: b, relu: relu,
          output: y + n0 * p * co, v: self.cols[wk].pointer, m: self.winogradScratch[wk].pointer, zeros: zeros,
          isa: self.kernelISA)
        n0 += n
      }
    }
  }

  /// dW (Winograd, accumulated per slice in the transform domain, then `Gᵀ dU G` into the slice's part), db, and dX
  /// (the forward Winograd pass of dY with the flipped, transposed kernel) when `dx` is given.
  func winogradBackward(_ dy: UnsafePointer<Float>, batch: Int, inputGradient dx: UnsafeMutablePointer<Float>?) {
    let g = geometry, c = g.channels, co = filters, p = g.outPixels
    let x = saved(input, name)
    let fg = Winograd.Geometry(forward: g), bg = Winograd.Geometry(inputGradientOf: g, filters: co)
    let uT = winogradKernel.reserve(Winograd.products * c * co)
    if dx != nil {
      Winograd.transformKernel(kernel.value.pointer, cin: c, cout: co, flipTranspose: true, into: uT, isa: kernelISA)
    }
    let chunk = chunk(for: batch, winograd: true), hasBias = bias != nil
    reserveWinograd(workers: Parallel.partCount(sliceCount(batch)), chunk: chunk, gradient: true)
    let zeros = UnsafePointer(zeros.pointer)
    forEachImageSlice(batch) { wk, si, range in
      let a = self.cols[wk].pointer, b = self.winogradScratch[wk].pointer, du = self.winogradGradient[wk].pointer
      let db = self.biasGradParts[si].pointer
      db.update(repeating: 0, count: co)
      var n0 = range.lowerBound
      while n0 < range.upperBound {
        let n = min(chunk, range.upperBound - n0)
        let dyc = dy + n0 * p * co
        Winograd.kernelGradientPartial(
          x + n0 * g.inputSize, outputGradient: dyc, images: n, geometry: fg, filters: co,
          accumulate: n0 != range.lowerBound, into: du, v: a, dyHat: b, zeros: zeros, isa: self.kernelISA)
        if hasBias { self.addRows(dyc, rows: n * p, into: db) }
        if let dx {
          Winograd.convolve(
            dyc, images: n, geometry: bg, kernel: uT, filters: c, bias: nil, relu: false,
            output: dx + n0 * g.inputSize, v: a, m: b, zeros: zeros, isa: self.kernelISA)
        }
        n0 += n
      }
      Winograd.kernelGradient(du, cin: c, cout: co, into: self.weightGradParts[si].pointer, isa: self.kernelISA)
    }
    reduceGradientParts(batch)
  }
}
