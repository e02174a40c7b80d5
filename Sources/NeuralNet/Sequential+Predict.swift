// galmorph — NeuralNet

import TensorCore

extension Sequential {
  /// Inference over any number of examples, `batchSize` at a time (default 256, the benchmark's inference batch),
  /// so workspaces stay bounded. Returns `[N] + outputShape` (logits, unless the architecture ends in
  /// sigmoid/softmax).
  public func predict(_ x: Tensor, batchSize: Int = 256) throws -> Tensor {
    let n = try self.batchSize(of: x)
    precondition(batchSize > 0, "predict needs batchSize > 0")
    let inSize = inputShape.reduce(1, *), outSize = outputShape.reduce(1, *)
    var out = [Float](repeating: 0, count: n * outSize)
    x.values.withUnsafeBufferPointer { xp in
      out.withUnsafeMutableBufferPointer { op in
        var start = 0
        while start < n {
          let b = min(batchSize, n - start)
          let y = forward(xp.baseAddress! + start * inSize, batch: b, mode: .inference)
          (op.baseAddress! + start * outSize).update(from: y, count: b * outSize)
          start += b
        }
      }
    }
    return Tensor(shape: [n] + outputShape, values: out)
  }
}
