// galmorph — MorphologyClassifier
//
// Domain-adversarial training: a head that predicts the training example's group (sky pixel or observing-condition
// bin) from the network's features, joined to the network through gradient reversal.

import Foundation
import HDF5IO
import NeuralNet
import TensorCore

/// De-biasing by a domain-adversarial head (issue 19, method (c)): Ganin & Lempitsky's gradient reversal (ICML 2015;
/// Ganin et al. 2016, JMLR 17, 59), in the spirit of the "deep de-biasing" of Medina-Rosales et al. (2023).
///
/// A head — dense ``hidden`` ReLU, dense G — reads the features the classifier's last layer reads (Net B: the 256
/// units after dropout) and is trained to predict each training example's group (``GroupBalancing`` groups: HEALPix
/// pixel or condition bin, G of them) with softmax cross-entropy L_d. The network below the features receives
/// ∂L/∂h − λ_p ∂L_d/∂h: it keeps what classifies morphology and unlearns what tells the groups apart. The reversal
/// strength ramps up as in Ganin et al., λ_p = ``weight`` · (2 / (1 + e^(−10 p)) − 1), p the fraction of all
/// training steps done (default weight 0.3). The head has its own Adam at the network's learning rate; it is saved
/// in the checkpoint (so `--resume` continues exactly) and dropped from the model, which classifies as before. When
/// the training part holds a single group there is nothing to be invariant to and training is the plain one (the
/// model's provenance says `adversary: off`).
public struct DomainAdversary: Codable, Sendable, Equatable {
  /// What the head predicts: the groups of this specification.
  public var groups: GroupBalancing
  /// Largest reversal strength λ (default 0.3).
  public var weight: Double
  /// Hidden units of the head (default 64).
  public var hidden: Int

  public init(groups: GroupBalancing, weight: Double = 0.3, hidden: Int = 64) {
    self.groups = groups; self.weight = weight; self.hidden = hidden
  }

  /// λ_p at `progress` p ∈ [0, 1].
  public func lambda(progress p: Double) -> Float { Float(weight * (2 / (1 + exp(-10 * p)) - 1)) }
}

/// The running head of a ``DomainAdversary`` and the split forward/backward pass through the network around it.
final class AdversarialHead {
  let spec: DomainAdversary
  let head: Sequential
  let optimizer: Adam
  /// Index of the network's last layer; the features are its input.
  let split: Int
  /// Domain index (0..<G) of each dataset index's group.
  let domainOf: [Int: Int]
  let domains: Int
  private let domainGradient = FloatBuffer(), mixed = FloatBuffer()
  private var features: UnsafePointer<Float>?
  private var targets: [Float] = []
  /// Sum of the head's loss and of its correct calls over the epoch so far, and the examples seen.
  var lossSum = 0.0, correct = 0, seen = 0

  /// - Parameters: groups: the group of every dataset example; train: the training part's dataset indices.
  init(spec: DomainAdversary, network: Sequential, groups: [Int], train: [Int], seed: UInt64, learningRate: Float)
    throws
  {
    self.spec = spec
    split = network.layers.count - 1
    let values = Array(Set(train.map { groups[$0] })).sorted()
    let index = Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1, $0) })
    domainOf = Dictionary(uniqueKeysWithValues: train.map { ($0, index[groups[$0]]!) })
    domains = max(2, values.count)
    let width = network.layers[split].inputSize
    head = try Sequential(
      architecture: Architecture(
        inputShape: [width],
        layers: [
          .dense(DenseSpec(name: "adversary_dense1", units: spec.hidden)), .relu(NameSpec(name: "adversary_relu")),
          .dense(DenseSpec(name: "adversary_dense2", units: domains)),
        ]), seed: seed ^ 0xAD5E)
    optimizer = Adam(learningRate: learningRate)
  }

  /// Forward in training mode, remembering the features.
  func forward(_ network: Sequential, _ x: UnsafePointer<Float>, batch n: Int) -> UnsafePointer<Float> {
    var h = x
    for l in network.layers[..<split] { h = l.forward(h, batch: n, mode: .training) }
    features = h
    for l in network.layers[split...] { h = l.forward(h, batch: n, mode: .training) }
    return h
  }

  /// Backward from the classification loss gradient `dy`, with the head's reversed gradient added at the features;
  /// then one Adam step of the head (learning rate `learningRate`). `indices` are the batch's dataset indices.
  func backward(
    _ network: Sequential, _ dy: UnsafePointer<Float>, batch n: Int, indices: [Int], lambda: Float,
    learningRate: Float
  ) {
    var g = network.layers[split].backward(dy, batch: n, needInputGradient: true)!
    let d = head.forward(features!, batch: n, mode: .training)
    targets = [Float](repeating: 0, count: n * domains)
    for (k, i) in indices.enumerated() { targets[k * domains + domainOf[i]!] = 1 }
    let gd = domainGradient.reserve(n * domains)
    let l = targets.withUnsafeBufferPointer {
      SoftmaxCrossEntropy().evaluate(
        logits: d, targets: $0.baseAddress!, weights: nil, batch: n, width: domains, gradient: gd)
    }
    for k in 0..<n {
      var best = 0
      for j in 1..<domains where d[k * domains + j] > d[k * domains + best] { best = j }
      if targets[k * domains + best] == 1 { correct += 1 }
    }
    lossSum += Double(l) * Double(n); seen += n
    let gh = head.backward(gd, batch: n, needInputGradient: true)!
    let width = network.layers[split].inputSize
    let m = mixed.reserve(n * width)
    for i in 0..<(n * width) { m[i] = g[i] - lambda * gh[i] }
    g = UnsafePointer(m)
    for i in (0..<split).reversed() {
      guard let next = network.layers[i].backward(g, batch: n, needInputGradient: i > 0) else { break }
      g = next
    }
    optimizer.learningRate = learningRate
    optimizer.step(head.trainableParameters)
  }

  /// The head's weights and Adam state, for the checkpoint.
  func saved() -> (weights: [String: HDF5Tensor], adam: Adam.State) {
    (head.parameters().mapValues { HDF5Tensor(shape: $0.shape, values: $0.values) }, optimizer.state(of: head))
  }

  /// Restores weights and Adam state from a checkpoint's ``saved()``.
  func restore(_ saved: (weights: [String: HDF5Tensor], adam: Adam.State)) throws {
    try head.load(parameters: saved.weights.mapValues { (shape: $0.shape, values: $0.values) })
    try optimizer.restore(saved.adam, into: head)
  }

  /// Clears the epoch's sums.
  func resetEpoch() { lossSum = 0; correct = 0; seen = 0 }
}
