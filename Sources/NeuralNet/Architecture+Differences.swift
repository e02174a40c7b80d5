// galmorph — NeuralNet
//
// Human-readable differences between two architectures, for "wrong model file" messages.

import Foundation

extension Architecture {
  /// What differs between this architecture and `expected`, one phrase each, e.g.
  /// `input shape [29, 29, 3] (expected [64, 64, 3])`, `13 layers (expected 17)`,
  /// `layer 1: {"conv2d":{"filters":32,…}} (expected {"conv2d":{"filters":16,…}})`. At most `limit` layer
  /// differences are listed (then a count of the rest). Empty when the two are equal.
  public func differences(from expected: Architecture, limit: Int = 3) -> [String] {
    var out: [String] = []
    if inputShape != expected.inputShape { out.append("input shape \(inputShape) (expected \(expected.inputShape))") }
    if layers.count != expected.layers.count {
      out.append("\(layers.count) layers (expected \(expected.layers.count))")
    }
    let differing = zip(layers, expected.layers).enumerated().filter { $0.element.0 != $0.element.1 }
    for (i, pair) in differing.prefix(limit) {
      out.append("layer \(i + 1): \(Self.compact(pair.0)) (expected \(Self.compact(pair.1)))")
    }
    if differing.count > limit { out.append("\(differing.count - limit) more differing layers") }
    return out
  }

  /// One layer as compact, key-sorted JSON.
  static func compact(_ spec: LayerSpec) -> String {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return (try? e.encode(spec)).map { String(decoding: $0, as: UTF8.self) } ?? spec.keyword
  }
}
