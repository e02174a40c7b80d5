// galmorph — NeuralNet

import TensorCore

/// Max pooling over `pool×pool` windows with stride `stride` (default = pool), "valid" (rounding down), NHWC.
///
/// Forward records, per output element, which window position won (the first maximum in (ky, kx) scan order, as
/// PyTorch); backward routes each output gradient to that input element — for windows that tile the input (the
/// default stride) by writing every input element once (``MaxPooling``), else by zeroing and scattering.
public final class MaxPool2D: Layer {
  public let name: String
  public let inputShape: [Int]
  public let outputShape: [Int]
  public var kind: String { "max_pool2d" }
  public let geometry: ConvGeometry
  private let out = FloatBuffer(), grad = FloatBuffer()
  private var argmax = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
  private var argmaxCapacity = 0
  private var input: UnsafePointer<Float>?
  /// Set by ``Sequential`` when the input is a ReLU's output whose backward is left to this layer: backward routes
  /// an output's gradient to its input element only where that element is > 0 (ReLU's derivative), else 0.
  public var masksRectifiedInput = false
  /// Whether the last forward recorded ReLU's mask in the argmax (`~k` for a winner ≤ 0; windows that tile).
  private var argmaxRectified = false

  public init(name: String, inputShape: [Int], pool: Int, stride: Int? = nil) {
    precondition(inputShape.count == 3, "MaxPool2D needs [H, W, C] input")
    self.name = name; self.inputShape = inputShape
    geometry = ConvGeometry(
      inHeight: inputShape[0], inWidth: inputShape[1], channels: inputShape[2],
      kernel: pool, stride: stride ?? pool, same: false)
    outputShape = [geometry.outHeight, geometry.outWidth, inputShape[2]]
  }

  deinit { argmax.deallocate() }

  public func forward(_ x: UnsafePointer<Float>, batch: Int, mode: Mode) -> UnsafePointer<Float> {
    let g = geometry, osz = outputSize
    let y = out.reserve(batch * osz)
    if batch * osz > argmaxCapacity {
      argmax.deallocate()
      argmax = .allocate(capacity: batch * osz)
      argmaxCapacity = batch * osz
    }
    let am = argmax
    input = x
    let rectified = masksRectifiedInput && MaxPooling.tiles(g)
    argmaxRectified = rectified
    Parallel.forEachSlice(batch) { _, r in
      MaxPooling.forward(
        x + r.lowerBound * g.inputSize, images: r.count, geometry: g, rectified: rectified,
        output: y + r.lowerBound * osz, argmax: am + r.lowerBound * osz)
    }
    return UnsafePointer(y)
  }

  public func backward(_ dy: UnsafePointer<Float>, batch: Int, needInputGradient: Bool) -> UnsafePointer<Float>? {
    guard needInputGradient else { return nil }
    let g = geometry, c = g.channels, isz = inputSize, osz = outputSize
    let dx = grad.reserve(batch * isz), am = argmax
    let kw = g.kernelWidth
    if MaxPooling.tiles(g) && masksRectifiedInput == argmaxRectified {
      Parallel.forEachSlice(batch) { _, r in
        MaxPooling.tiledBackward(
          dy + r.lowerBound * osz, argmax: am + r.lowerBound * osz, images: r.count, geometry: g,
          inputGradient: dx + r.lowerBound * isz)
      }
      return UnsafePointer(dx)
    }
    precondition(!argmaxRectified, "\(name): masksRectifiedInput changed between forward and backward")
    let mask: UnsafePointer<Float>? = masksRectifiedInput ? saved(input, name) : nil
    Parallel.forEachSlice(batch) { _, r in
      for n in r {
        let d = dx + n * isz
        d.update(repeating: 0, count: isz)
        let xin = mask.map { $0 + n * isz }
        for oy in 0..<g.outHeight {
          for ox in 0..<g.outWidth {
            let o = n * osz + (oy * g.outWidth + ox) * c
            let base = (oy * g.strideY * g.inWidth + ox * g.strideX) * c
            if let xin {
              for ch in 0..<c {
                let k = Int(am[o + ch])
                let at = base + ((k / kw) * g.inWidth + k % kw) * c + ch
                // ReLU's derivative as Vectorized.reluBackward applies it (0·v, so the signed zeros match too)
                let v = d[at] + dy[o + ch]
                d[at] = xin[at] > 0 ? v : 0 * v
              }
            } else {
              for ch in 0..<c {
                let k = Int(am[o + ch])
                d[base + ((k / kw) * g.inWidth + k % kw) * c + ch] += dy[o + ch]
              }
            }
          }
        }
      }
    }
    return UnsafePointer(dx)
  }
}
