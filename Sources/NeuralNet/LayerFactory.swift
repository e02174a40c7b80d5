// galmorph — NeuralNet

import GalmorphSupport
import TensorCore

/// Turns an ``Architecture`` into initialised layers, checking shapes and naming layers.
enum LayerFactory {
  static func build(_ a: Architecture, seed: UInt64) throws -> [any Layer] {
    let root = SeededGenerator(seed: seed)
    var shape = a.inputShape
    guard !shape.isEmpty, shape.allSatisfy({ $0 > 0 }) else {
      throw NeuralNetError.invalidArchitecture(layer: "input", reason: "input_shape \(shape) must be positive extents")
    }
    try checkSize(shape, "input_shape \(shape)", layer: "input")
    var counters: [String: Int] = [:], names = Set<String>(), layers: [any Layer] = [], weights = 0
    for (i, spec) in a.layers.enumerated() {
      let prefix = defaultPrefix(spec)
      counters[prefix, default: 0] += 1
      let name = explicitName(spec) ?? "\(prefix)\(counters[prefix]!)"
      guard names.insert(name).inserted else {
        throw NeuralNetError.invalidArchitecture(layer: name, reason: "duplicate layer name")
      }
      var gen = root.stream(UInt64(i))
      weights += try checkSizes(spec, name: name, input: shape)
      guard weights <= maximumElements else {
        throw NeuralNetError.invalidArchitecture(
          layer: name,
          reason: "the layers up to here hold more than \(maximumElements) weights; the description is corrupt")
      }
      let layer = try make(spec, name: name, shape: shape, generator: &gen, dropout: root.stream(UInt64(1000 + i)))
      guard layer.outputShape.allSatisfy({ $0 > 0 }) else {
        throw NeuralNetError.invalidArchitecture(
          layer: name,
          reason: "output shape \(layer.outputShape) from input \(shape) is empty (kernel or pool larger than input)")
      }
      try checkSize(layer.outputShape, "output shape \(layer.outputShape)", layer: name)
      shape = layer.outputShape
      layers.append(layer)
    }
    return layers
  }

  /// The most elements one example's activation, or all the weights, may hold: 2²⁷ (512 MiB of float32) —
  /// far beyond any network this engine trains (Net B at 64 px: 1.2 × 10⁶ weights, 131,072-element activations),
  /// and small enough that a model file or architecture JSON with absurd sizes is refused before anything is
  /// allocated instead of exhausting memory or overflowing an index.
  static let maximumElements = 1 << 27
  /// The largest kernel, pool or stride (pixels); larger values are refused before any geometry is computed.
  static let maximumWindow = 1 << 16

  /// Throws unless `dims` multiply, without overflow, to at most ``maximumElements``; returns the product.
  @discardableResult
  static func checkSize(_ dims: [Int], _ what: String, layer: String) throws -> Int {
    var n = 1
    for d in dims {
      let (m, overflow) = n.multipliedReportingOverflow(by: max(d, 0))
      guard !overflow, m <= maximumElements else {
        throw NeuralNetError.invalidArchitecture(
          layer: layer, reason: "\(what) holds more than \(maximumElements) elements; the description is corrupt")
      }
      n = m
    }
    return n
  }

  /// Window sizes within ``maximumWindow`` and weight counts within ``maximumElements``, checked before the layer
  /// is built (pool and stride must be positive too: a zero would divide by zero). Returns the layer's kernel size.
  static func checkSizes(_ spec: LayerSpec, name: String, input shape: [Int]) throws -> Int {
    func window(_ values: [Int], _ what: String) throws {
      guard values.allSatisfy({ $0 > 0 && $0 <= maximumWindow }) else {
        throw NeuralNetError.invalidArchitecture(
          layer: name, reason: "\(what) must be between 1 and \(maximumWindow), got \(values)")
      }
    }
    switch spec {
    case let .conv2d(c):
      try window([c.kernel, c.stride], "kernel and stride")
      return try checkSize(
        [c.kernel, c.kernel, shape.last ?? 1, max(c.filters, 1)],
        "the kernel (\(c.kernel)×\(c.kernel) × \(shape.last ?? 1) channels × \(c.filters) filters)", layer: name)
    case let .maxPool2d(p), let .avgPool2d(p):
      try window([p.pool, p.stride ?? p.pool], "pool and stride")
      return 0
    case let .dense(d):
      return try checkSize(shape + [max(d.units, 1)], "the kernel (input \(shape) × \(d.units) units)", layer: name)
    default: return 0
    }
  }

  static func defaultPrefix(_ s: LayerSpec) -> String {
    switch s {
    case .conv2d: "conv"
    case .maxPool2d, .avgPool2d, .globalAvgPool: "pool"
    case .dense: "dense"
    case .relu, .leakyRelu, .sigmoid, .softmax: "act"
    case .dropout: "dropout"
    case .batchNorm: "bn"
    case .flatten: "flatten"
    }
  }

  static func explicitName(_ s: LayerSpec) -> String? {
    switch s {
    case let .conv2d(c): c.name
    case let .maxPool2d(p), let .avgPool2d(p): p.name
    case let .globalAvgPool(n), let .relu(n), let .sigmoid(n), let .softmax(n), let .flatten(n): n.name
    case let .dense(d): d.name
    case let .leakyRelu(l): l.name
    case let .dropout(d): d.name
    case let .batchNorm(b): b.name
    }
  }

  static func need3D(_ shape: [Int], _ name: String) throws {
    guard shape.count == 3 else {
      throw NeuralNetError.invalidArchitecture(layer: name, reason: "needs an image input [H, W, C], got \(shape)")
    }
  }

  static func make(
    _ spec: LayerSpec, name: String, shape: [Int], generator g: inout SeededGenerator,
    dropout: SeededGenerator
  ) throws -> any Layer {
    switch spec {
    case let .conv2d(c):
      try need3D(shape, name)
      guard c.filters > 0, c.kernel > 0, c.stride > 0 else {
        throw NeuralNetError.invalidArchitecture(layer: name, reason: "filters, kernel and stride must be positive")
      }
      let l = Conv2D(
        name: name, inputShape: shape, filters: c.filters, kernelSize: c.kernel, stride: c.stride,
        same: c.padding == .same, useBias: c.useBias)
      let k = c.kernel * c.kernel
      c.initializer.fill(
        l.kernel.value.pointer, count: l.kernel.count, fanIn: k * shape[2], fanOut: k * c.filters,
        using: &g)
      return l
    case let .maxPool2d(p):
      try need3D(shape, name)
      return MaxPool2D(name: name, inputShape: shape, pool: p.pool, stride: p.stride)
    case let .avgPool2d(p):
      try need3D(shape, name)
      return AvgPool2D(name: name, inputShape: shape, pool: p.pool, stride: p.stride)
    case .globalAvgPool:
      try need3D(shape, name)
      return GlobalAvgPool(name: name, inputShape: shape)
    case let .dense(d):
      guard d.units > 0 else { throw NeuralNetError.invalidArchitecture(layer: name, reason: "units must be positive") }
      let l = Dense(name: name, inputShape: shape, units: d.units, useBias: d.useBias)
      d.initializer.fill(l.kernel.value.pointer, count: l.kernel.count, fanIn: l.inputSize, fanOut: d.units, using: &g)
      return l
    case .relu: return Activation(name: name, function: .relu, inputShape: shape)
    case let .leakyRelu(s): return Activation(name: name, function: .leakyRelu(alpha: s.alpha), inputShape: shape)
    case .sigmoid: return Activation(name: name, function: .sigmoid, inputShape: shape)
    case .softmax: return Softmax(name: name, inputShape: shape)
    case let .dropout(d):
      guard d.rate >= 0 && d.rate < 1 else {
        throw NeuralNetError.invalidArchitecture(layer: name, reason: "dropout rate \(d.rate) must be in [0, 1)")
      }
      return Dropout(name: name, rate: d.rate, inputShape: shape, generator: dropout)
    case let .batchNorm(b): return BatchNorm(name: name, inputShape: shape, momentum: b.momentum, epsilon: b.epsilon)
    case .flatten: return Flatten(name: name, inputShape: shape)
    }
  }
}
