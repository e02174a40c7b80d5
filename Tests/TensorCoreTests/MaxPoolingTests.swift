// galmorph — TensorCore tests: the C max-pooling and summation kernels against their scalar definitions, bit for
// bit, in every instruction-set build the CPU supports.

import Testing

import TensorCore

@Suite struct MaxPoolingTests {
  /// Pixel values with ties, negatives, signed zeros and a NaN, so "first maximum", "strictly greater" and the
  /// ReLU mask's `> 0` are all exercised.
  static func input(_ count: Int, seed: UInt64) -> [Float] {
    var s = seed
    return (0..<count).map { i -> Float in
      s = s &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      switch i % 37 {
      case 5: return .nan
      case 11: return -0.0
      case 17, 18: return 0
      default: return Float(Int((s >> 40) % 9)) - 4  // small integers: many ties
      }
    }
  }

  /// The scalar definition: max over the window in (ky, kx) order, a later element winning only when strictly
  /// greater; `rectified` records a winner that is not > 0 as ~k.
  static func referenceForward(_ x: [Float], images: Int, _ g: ConvGeometry, rectified: Bool) -> ([Float], [Int32]) {
    let c = g.channels, osz = g.outPixels * c
    var y = [Float](repeating: 0, count: images * osz), am = [Int32](repeating: 0, count: images * osz)
    for n in 0..<images {
      for oy in 0..<g.outHeight {
        for ox in 0..<g.outWidth {
          for ch in 0..<c {
            var best = Float.nan, k: Int32 = -1
            for ky in 0..<g.kernelHeight {
              for kx in 0..<g.kernelWidth {
                let v = x[n * g.inputSize + ((oy * g.strideY + ky) * g.inWidth + ox * g.strideX + kx) * c + ch]
                if k < 0 || v > best { best = v; k = Int32(ky * g.kernelWidth + kx) }
              }
            }
            let o = n * osz + (oy * g.outWidth + ox) * c + ch
            y[o] = best
            am[o] = rectified && !(best > 0) ? ~k : k
          }
        }
      }
    }
    return (y, am)
  }

  /// The scalar definition of the backward: scatter `dy` into zeros at each window's winner, then apply ReLU's
  /// derivative there (`x > 0 ? v : 0·v`, as `Vectorized.reluBackward`) when the input is rectified.
  static func referenceBackward(
    _ dy: [Float], _ x: [Float], argmax am: [Int32], images: Int, _ g: ConvGeometry, rectified: Bool
  ) -> [Float] {
    let c = g.channels, osz = g.outPixels * c
    var dx = [Float](repeating: 0, count: images * g.inputSize)
    for n in 0..<images {
      for oy in 0..<g.outHeight {
        for ox in 0..<g.outWidth {
          for ch in 0..<c {
            let o = n * osz + (oy * g.outWidth + ox) * c + ch
            let k = Int(am[o] < 0 ? ~am[o] : am[o])
            let at =
              n * g.inputSize + ((oy * g.strideY + k / g.kernelWidth) * g.inWidth + ox * g.strideX + k % g.kernelWidth)
              * c + ch
            dx[at] += dy[o]
          }
        }
      }
    }
    if rectified {
      for i in dx.indices { dx[i] = x[i] > 0 ? dx[i] : 0 * dx[i] }
    }
    return dx
  }

  static func pool(_ h: Int, _ w: Int, _ c: Int, window: Int, stride: Int) -> ConvGeometry {
    ConvGeometry(inHeight: h, inWidth: w, channels: c, kernel: window, stride: stride, same: false)
  }

  @Test(arguments: [
    pool(8, 8, 32, window: 2, stride: 2), pool(7, 5, 19, window: 2, stride: 2), pool(9, 9, 8, window: 3, stride: 3),
    pool(7, 7, 5, window: 3, stride: 2), pool(6, 6, 16, window: 2, stride: 1),
  ])
  func forwardMatchesTheDefinitionInEveryBuild(g: ConvGeometry) {
    let images = 3
    let x = Self.input(images * g.inputSize, seed: UInt64(g.inputSize))
    let osz = g.outPixels * g.channels
    for rectified in MaxPooling.tiles(g) ? [false, true] : [false] {
      let (wantY, wantArg) = Self.referenceForward(x, images: images, g, rectified: rectified)
      for isa in KernelISA.supported {
        var y = [Float](repeating: 7, count: images * osz), am = [Int32](repeating: 99, count: images * osz)
        y.withUnsafeMutableBufferPointer { yp in
          am.withUnsafeMutableBufferPointer { ap in
            MaxPooling.forward(
              x, images: images, geometry: g, rectified: rectified, output: yp.baseAddress!,
              argmax: ap.baseAddress!, isa: isa)
          }
        }
        #expect(y.map(\.bitPattern) == wantY.map(\.bitPattern), "\(isa) rectified \(rectified) \(g)")
        #expect(am == wantArg, "\(isa) rectified \(rectified) \(g)")
      }
    }
  }

  @Test(arguments: [
    pool(8, 8, 32, window: 2, stride: 2), pool(7, 5, 19, window: 2, stride: 2), pool(9, 9, 8, window: 3, stride: 3),
  ])
  func tiledBackwardMatchesScatterThenMask(g: ConvGeometry) {
    let images = 2, osz = g.outPixels * g.channels
    let x = Self.input(images * g.inputSize, seed: 7)
    // Output gradients with both signs and signed zeros, so 0 + dy and 0·(0 + dy) are told apart.
    let dy: [Float] = (0..<(images * osz)).map { i in i % 13 == 0 ? -0.0 : Float(i % 7) - 3.25 }
    for rectified in [false, true] {
      let (_, am) = Self.referenceForward(x, images: images, g, rectified: rectified)
      let want = Self.referenceBackward(dy, x, argmax: am, images: images, g, rectified: rectified)
      for isa in KernelISA.supported {
        var dx = [Float](repeating: 5, count: images * g.inputSize)
        dx.withUnsafeMutableBufferPointer {
          MaxPooling.tiledBackward(
            dy, argmax: am, images: images, geometry: g, inputGradient: $0.baseAddress!, isa: isa)
        }
        #expect(dx.map(\.bitPattern) == want.map(\.bitPattern), "\(isa) rectified \(rectified) \(g)")
      }
    }
  }

  @Test func sumsAddInTheDefinedOrder() {
    let rows = 37
    for cols in [1, 19, 64, 100, 128] {
      let x: [Float] = (0..<(rows * cols)).map { Float($0 % 11) * 0.1 + 1e-7 * Float($0) }
      var want: [Float] = (0..<cols).map { Float($0) * 1e3 }
      let start = want
      for r in 0..<rows { for j in 0..<cols { want[j] += x[r * cols + j] } }
      for isa in KernelISA.supported {
        var sum = start
        sum.withUnsafeMutableBufferPointer {
          Vectorized.addRows(x, rows: rows, cols: cols, into: $0.baseAddress!, isa: isa)
        }
        #expect(sum.map(\.bitPattern) == want.map(\.bitPattern), "addRows \(isa) cols \(cols)")
      }
    }
    for count in [1, 1000, 1024, 3001] {
      let buffers = (0..<5).map { p in
        let b = FloatBuffer(capacity: count)
        for i in 0..<count { b.pointer[i] = Float((i * 7 + p * 3) % 17) * 0.3 + Float(p) * 1e-6 }
        return b
      }
      for parts in 1...5 {
        var want = buffers[0].array(count: count)
        for p in 1..<parts { for i in 0..<count { want[i] += buffers[p].pointer[i] } }
        for isa in KernelISA.supported {
          let out = FloatBuffer(capacity: count)
          Vectorized.sum(parts, of: buffers, count: count, into: out.pointer, isa: isa)
          #expect(
            out.array(count: count).map(\.bitPattern) == want.map(\.bitPattern), "sum \(parts) parts \(isa) \(count)")
        }
      }
    }
  }
}
