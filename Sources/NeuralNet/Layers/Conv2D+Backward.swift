// galmorph — NeuralNet

import TensorCore

extension Conv2D {
  /// dW = Σ_chunks im2col(X)ᵀ·dY and db = Σ_rows dY (one partial per fixed image slice, summed in slice order);
  /// dX = col2im(dY·Wᵀ) when asked (not needed for a network's first layer).
  public func backward(_ dy: UnsafePointer<Float>, batch: Int, needInputGradient: Bool) -> UnsafePointer<Float>? {
    let g = geometry, k = g.patchSize, p = g.outPixels, co = filters
    let x = saved(input, name)
    let w = UnsafePointer(kernel.value.pointer)
    let chunk = chunk(for: batch), pointwise = isPointwise
    let dx: UnsafeMutablePointer<Float>? = needInputGradient ? grad.reserve(batch * g.inputSize) : nil
    let parts = sliceCount(batch)
    while weightGradParts.count < parts { weightGradParts.append(FloatBuffer()); biasGradParts.append(FloatBuffer()) }
    for si in 0..<parts {
      weightGradParts[si].reserve(k * co)
      biasGradParts[si].reserve(co)
    }
    if algorithm == .winograd {
      winogradBackward(dy, batch: batch, inputGradient: dx)
      return dx.map { UnsafePointer($0) }
    }
    if algorithm == .direct && dx == nil {
      directWeightGradient(dy, batch: batch)
      return nil
    }
    // The column buffer doubles as dCol; a pointwise conv still needs it for dCol.
    reserveColumns(workers: Parallel.partCount(parts), count: chunk * p * k)
    let hasBias = bias != nil
    forEachImageSlice(batch) { wk, si, range in
      let col = self.cols[wk].pointer
      let dw = self.weightGradParts[si].pointer, db = self.biasGradParts[si].pointer
      db.update(repeating: 0, count: co)
      var n0 = range.lowerBound, first = true
      while n0 < range.upperBound {
        let n = min(chunk, range.upperBound - n0)
        let rows = n * p
        let dyc = dy + n0 * p * co
        let a: UnsafePointer<Float>
        if pointwise {
          a = x + n0 * g.inputSize
        } else {
          im2col(x + n0 * g.inputSize, images: n, geometry: g, col: col)
          a = UnsafePointer(col)
        }
        sgemm(transA: true, m: k, n: co, k: rows, a: a, b: dyc, beta: first ? 0 : 1, c: dw)
        if hasBias { addRows(dyc, rows: rows, into: db) }
        if let dx {
          let dxc = dx + n0 * g.inputSize
          if pointwise {
            sgemm(transB: true, m: rows, n: k, k: co, a: dyc, b: w, c: dxc)
          } else {
            sgemm(transB: true, m: rows, n: k, k: co, a: dyc, b: w, c: col)
            col2im(col, images: n, geometry: g, dx: dxc)
          }
        }
        first = false
        n0 += n
      }
    }
    reduceGradientParts(batch)
    return dx.map { UnsafePointer($0) }
  }
}

extension Conv2D {
  /// dW and db of a first layer (no input gradient) by ``DirectConvolution/weightGradient``, one partial per fixed
  /// image slice, reduced in slice order.
  func directWeightGradient(_ dy: UnsafePointer<Float>, batch: Int) {
    let g = geometry, co = filters, p = g.outPixels, x = saved(input, name), hasBias = bias != nil
    forEachImageSlice(batch) { _, si, range in
      let dyc = dy + range.lowerBound * p * co
      DirectConvolution.weightGradient(
        x + range.lowerBound * g.inputSize, outputGradient: dyc, images: range.count, geometry: g, filters: co,
        accumulate: false, into: self.weightGradParts[si].pointer, isa: self.kernelISA)
      let db = self.biasGradParts[si].pointer
      db.update(repeating: 0, count: co)
      if hasBias { self.addRows(dyc, rows: range.count * p, into: db) }
    }
    reduceGradientParts(batch)
  }

  /// The kernel and bias gradients: the per-slice parts summed in slice order (``Vectorized/sum(_:of:count:into:isa:)``).
  func reduceGradientParts(_ batch: Int) {
    let parts = sliceCount(batch)
    let n = max(parts, 1), isa = kernelISA
    Vectorized.sum(n, of: weightGradParts, count: geometry.patchSize * filters, into: kernel.gradient.pointer, isa: isa)
    if let bias { Vectorized.sum(n, of: biasGradParts, count: filters, into: bias.gradient.pointer, isa: isa) }
  }

  /// `db += Σ_r dy[r, ·]` over `rows` rows of `filters` (the bias gradient of a chunk, rows in order).
  func addRows(_ dy: UnsafePointer<Float>, rows: Int, into db: UnsafeMutablePointer<Float>) {
    Vectorized.addRows(dy, rows: rows, cols: filters, into: db, isa: kernelISA)
  }
}
