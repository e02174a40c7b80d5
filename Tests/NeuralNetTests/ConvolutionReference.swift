// galmorph — NeuralNetTests
//
// A convolution and its gradients by direct summation in float64: the reference for the engine's algorithms.

import NeuralNet
import TensorCore

/// y, dx, dW, db of `conv` (HWIO kernel, TensorFlow padding, any kernel size and stride) for `batch` NHWC images
/// `x` and output gradient `dy`, summed in float64 from the definition
/// `y[n, oy, ox, k] = b[k] + Σ_{ky,kx,c} x[n, oy·s+ky−pt, ox·s+kx−pl, c] · W[ky, kx, c, k]`.
func directSummation(_ conv: Conv2D, batch: Int, x: [Float], dy: [Float])
  -> (y: [Double], dx: [Double], dw: [Double], db: [Double])
{
  let g = conv.geometry, k = conv.filters, c = g.channels
  let w = conv.kernel.value.array(conv.kernel.count)
  let b = conv.bias.map { $0.value.array(k) } ?? [Float](repeating: 0, count: k)
  var y = [Double](repeating: 0, count: dy.count), dx = [Double](repeating: 0, count: x.count)
  var dw = [Double](repeating: 0, count: w.count), db = [Double](repeating: 0, count: k)
  for n in 0..<batch {
    for oy in 0..<g.outHeight {
      for ox in 0..<g.outWidth {
        let o = ((n * g.outHeight + oy) * g.outWidth + ox) * k
        for co in 0..<k { y[o + co] = Double(b[co]); db[co] += Double(dy[o + co]) }
        for ky in 0..<g.kernelHeight {
          for kx in 0..<g.kernelWidth {
            let iy = oy * g.strideY + ky - g.padTop, ix = ox * g.strideX + kx - g.padLeft
            guard iy >= 0, iy < g.inHeight, ix >= 0, ix < g.inWidth else { continue }
            let i = ((n * g.inHeight + iy) * g.inWidth + ix) * c
            for ci in 0..<c {
              let wi = ((ky * g.kernelWidth + kx) * c + ci) * k
              for co in 0..<k {
                y[o + co] += Double(x[i + ci]) * Double(w[wi + co])
                dx[i + ci] += Double(dy[o + co]) * Double(w[wi + co])
                dw[wi + co] += Double(x[i + ci]) * Double(dy[o + co])
              }
            }
          }
        }
      }
    }
  }
  return (y, dx, dw, db)
}

/// Largest |a − ref| relative to the largest |ref|.
func relativeError(_ a: [Float], _ ref: [Double]) -> Double {
  let scale = ref.map(abs).max() ?? 0
  return zip(a, ref).map { abs(Double($0) - $1) }.max()! / max(scale, 1e-30)
}

extension FloatBuffer {
  /// The first `count` values as an array.
  func array(_ count: Int) -> [Float] { Array(UnsafeBufferPointer(start: pointer, count: count)) }
}
