// galmorph — NeuralNet

import TensorCore

/// Updates trainable parameters in place from their gradients (``Parameter/gradient``).
///
/// Optimizer state (momenta) is created on the first step for each parameter, keyed by the parameter object, and
/// reused afterwards; ``Adam`` and ``SGD`` export and restore it keyed by parameter path (`state(of:)`,
/// `restore(_:into:)`) so a checkpoint resumes bit-identically. Updates are elementwise, split over ``Parallel``
/// workers; each element's update is independent of the split, so results do not depend on the thread count.
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

  /// Copies of slot `s` of every trainable parameter of `network` that has state, keyed by path ("conv1/kernel").
  func export(slot s: Int, of network: Sequential) -> [String: [Float]] {
    var out: [String: [Float]] = [:]
    for (key, p) in network.namedParameters where p.trainable {
      if let b = slots[ObjectIdentifier(p)] { out[key] = b[s].array(count: p.count) }
    }
    return out
  }

  /// Replaces all state by `values[s][key]` for the trainable parameters of `network`. Parameters absent from
  /// every slot start from zero state (as before their first step); a parameter present in one slot but not in
  /// another gets zeros in the missing slot. Validates everything before changing anything.
  func restore(_ values: [[String: [Float]]], into network: Sequential) throws {
    precondition(values.count == perParameter, "OptimizerState.restore: \(values.count) slots for \(perParameter)")
    var byKey: [String: Parameter] = [:]
    for (key, p) in network.namedParameters where p.trainable { byKey[key] = p }
    for slot in values {
      for (key, v) in slot {
        guard let p = byKey[key] else {
          throw NeuralNetError.optimizerState(key: key, reason: "no trainable parameter of this name in the network")
        }
        guard v.count == p.count else {
          throw NeuralNetError.optimizerState(
            key: key, reason: "\(v.count) values for a parameter of \(p.count) elements")
        }
      }
    }
    slots = [:]
    for (key, p) in byKey where values.contains(where: { $0[key] != nil }) {
      let b = buffers(for: p)
      for (s, slot) in values.enumerated() {
        guard let v = slot[key] else { continue }
        v.withUnsafeBufferPointer { b[s].pointer.update(from: $0.baseAddress!, count: p.count) }
      }
    }
  }
}

/// Elementwise loop over a parameter, split over workers when large.
@inline(__always)
func forEachElement(_ count: Int, _ body: (Range<Int>) -> Void) {
  Parallel.forEachSlice(count, minPerWorker: 32_768) { _, r in body(r) }
}
