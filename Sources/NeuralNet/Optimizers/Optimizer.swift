// galmorph — NeuralNet

import TensorCore

/// Updates trainable parameters in place from their gradients (``Parameter/gradient``).
///
/// Optimizer state (momenta) is created on the first step for each parameter, keyed by the parameter object, and
/// reused afterwards. Updates are elementwise, split over ``Parallel`` workers (deterministic).
public protocol Optimizer: AnyObject {
  /// The step size used by the next `step`; a ``LearningRateSchedule`` may set it before each step.
  var learningRate: Float { get set }
  /// Number of steps taken so far.
  var stepCount: Int { get }
  /// Applies one update to every trainable parameter.
  func step(_ parameters: [Parameter])
}

/// Per-parameter state buffers, allocated on first use.
final class OptimizerState {
  private var slots: [ObjectIdentifier: [FloatBuffer]] = [:]
  let perParameter: Int
  init(perParameter: Int) { self.perParameter = perParameter }

  func buffers(for p: Parameter) -> [FloatBuffer] {
    if let b = slots[ObjectIdentifier(p)] { return b }
    let b = (0..<perParameter).map { _ -> FloatBuffer in
      let f = FloatBuffer(capacity: p.count); f.fill(0, count: p.count); return f
    }
    slots[ObjectIdentifier(p)] = b
    return b
  }
}

/// Elementwise loop over a parameter, split over workers when large.
@inline(__always)
func forEachElement(_ count: Int, _ body: (Range<Int>) -> Void) {
  Parallel.forEachSlice(count, minPerWorker: 32_768) { _, r in body(r) }
}
