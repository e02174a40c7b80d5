// galmorph — NeuralNet

import TensorCore

/// Average pooling over `pool×pool` windows with stride `stride` (default = pool), "valid", NHWC.
/// Backward spreads each output gradient equally (1/pool²) over its window.
public final class AvgPool2D: Layer {
  public let name: String
  public let inputShape: [Int]
  public let outputShape: [Int]
  public var kind: String { "avg_pool2d" }
  public let geometry: ConvGeometry
  private let out = FloatBuffer(), grad = FloatBuffer()

  public init(name: String, inputShape: [Int], pool: Int, stride: Int? = nil) {
    precondition(inputShape.count == 3, "AvgPool2D needs [H, W, C] input")
    self.name = name; self.inputShape = inputShape
    geometry = ConvGeometry(
      inHeight: inputShape[0], inWidth: inputShape[1], channels: inputShape[2],
      kernel: pool, stride: stride ?? pool, same: false)
    outputShape = [geometry.outHeight, geometry.outWidth, inputShape[2]]
  }

  public func forward(_ x: UnsafePointer<Float>, batch: Int, mode: Mode) -> UnsafePointer<Float> {
    let g = geometry, c = g.channels, osz = outputSize
    let y = out.reserve(batch * osz)
    let inv = 1 / Float(g.kernelHeight * g.kernelWidth)
    Parallel.forEachSlice(batch) { _, r in
      for n in r {
        let img = x + n * g.inputSize
        for oy in 0..<g.outHeight {
          for ox in 0..<g.outWidth {
            let o = y + n * osz + (oy * g.outWidth + ox) * c
            o.update(repeating: 0, count: c)
            for ky in 0..<g.kernelHeight {
              for kx in 0..<g.kernelWidth {
                let s = img + ((oy * g.strideY + ky) * g.inWidth + ox * g.strideX + kx) * c
                for ch in 0..<c { o[ch] += s[ch] }
              }
            }
            for ch in 0..<c { o[ch] *= inv }
          }
        }
      }
    }
    return UnsafePointer(y)
  }

  public func backward(_ dy: UnsafePointer<Float>, batch: Int, needInputGradient: Bool) -> UnsafePointer<Float>? {
    guard needInputGradient else { return nil }
    let g = geometry, c = g.channels, osz = outputSize
    let dx = grad.reserve(batch * g.inputSize)
    let inv = 1 / Float(g.kernelHeight * g.kernelWidth)
    Parallel.forEachSlice(batch) { _, r in
      for n in r {
        let d = dx + n * g.inputSize
        d.update(repeating: 0, count: g.inputSize)
        for oy in 0..<g.outHeight {
          for ox in 0..<g.outWidth {
            let o = dy + n * osz + (oy * g.outWidth + ox) * c
            for ky in 0..<g.kernelHeight {
              for kx in 0..<g.kernelWidth {
                let s = d + ((oy * g.strideY + ky) * g.inWidth + ox * g.strideX + kx) * c
                for ch in 0..<c { s[ch] += o[ch] * inv }
              }
            }
          }
        }
      }
    }
    return UnsafePointer(dx)
  }
}

/// Global average pooling: `[H, W, C] → [C]`, the mean over all pixels of each channel (Lin et al. 2014, NiN).
public final class GlobalAvgPool: Layer {
  public let name: String
  public let inputShape: [Int]
  public var outputShape: [Int] { [inputShape[2]] }
  public var kind: String { "global_avg_pool" }
  private let out = FloatBuffer(), grad = FloatBuffer()

  public init(name: String, inputShape: [Int]) {
    precondition(inputShape.count == 3, "GlobalAvgPool needs [H, W, C] input")
    self.name = name; self.inputShape = inputShape
  }

  public func forward(_ x: UnsafePointer<Float>, batch: Int, mode: Mode) -> UnsafePointer<Float> {
    let c = inputShape[2], p = inputShape[0] * inputShape[1]
    let y = out.reserve(batch * c), inv = 1 / Float(p)
    Parallel.forEachSlice(batch) { _, r in
      for n in r {
        let o = y + n * c, img = x + n * p * c
        o.update(repeating: 0, count: c)
        for i in 0..<p { for ch in 0..<c { o[ch] += img[i * c + ch] } }
        for ch in 0..<c { o[ch] *= inv }
      }
    }
    return UnsafePointer(y)
  }

  public func backward(_ dy: UnsafePointer<Float>, batch: Int, needInputGradient: Bool) -> UnsafePointer<Float>? {
    guard needInputGradient else { return nil }
    let c = inputShape[2], p = inputShape[0] * inputShape[1]
    let dx = grad.reserve(batch * p * c), inv = 1 / Float(p)
    Parallel.forEachSlice(batch) { _, r in
      for n in r {
        let d = dx + n * p * c, g = dy + n * c
        for i in 0..<p { for ch in 0..<c { d[i * c + ch] = g[ch] * inv } }
      }
    }
    return UnsafePointer(dx)
  }
}
