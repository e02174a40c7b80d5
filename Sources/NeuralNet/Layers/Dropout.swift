// galmorph — NeuralNet

import GalmorphSupport
import TensorCore

/// Inverted dropout (Srivastava et al. 2014): in training each element is kept with probability 1 − p and scaled
/// by 1/(1 − p), so inference is the identity. The mask comes from the layer's own ``SeededGenerator`` (seeded from
/// the model seed), drawn sequentially, so a run is reproducible whatever the thread count.
public final class Dropout: Layer {
  public let name: String
  public let rate: Float
  public let inputShape: [Int]
  public var outputShape: [Int] { inputShape }
  public var kind: String { "dropout" }
  /// The mask generator; reseed it to replay a run.
  public var generator: SeededGenerator
  private let out = FloatBuffer(), mask = FloatBuffer(), grad = FloatBuffer()
  private var active = false

  public init(name: String, rate: Float, inputShape: [Int], generator: SeededGenerator) {
    precondition(rate >= 0 && rate < 1, "Dropout rate must be in [0, 1)")
    self.name = name; self.rate = rate; self.inputShape = inputShape; self.generator = generator
  }

  public func forward(_ x: UnsafePointer<Float>, batch: Int, mode: Mode) -> UnsafePointer<Float> {
    active = mode == .training && rate > 0
    guard active else { return x }
    let n = batch * inputSize
    let m = mask.reserve(n), y = out.reserve(n)
    let scale = 1 / (1 - rate)
    // 24-bit uniform per element; keep when u >= p, i.e. `nextUnitFloat() >= rate` compared as integers: the top 24
    // bits ≥ ⌈p·2²⁴⌉ (exact: p·2²⁴ is a power-of-two scaling). A local copy of the generator keeps its state in
    // registers rather than in this class (same draws; the mask costs 4.5 instead of 7 ns an element).
    var g = generator
    let threshold = UInt64((rate * 16_777_216).rounded(.up))
    for i in 0..<n { m[i] = g.next() >> 40 >= threshold ? scale : 0 }
    generator = g
    parallelElements(n) { r in for i in r { y[i] = x[i] * m[i] } }
    return UnsafePointer(y)
  }

  public func backward(_ dy: UnsafePointer<Float>, batch: Int, needInputGradient: Bool) -> UnsafePointer<Float>? {
    guard needInputGradient else { return nil }
    guard active else { return dy }
    let n = batch * inputSize
    let dx = grad.reserve(n), m = mask.pointer
    parallelElements(n) { r in for i in r { dx[i] = dy[i] * m[i] } }
    return UnsafePointer(dx)
  }
}
