// galmorph — MorphologyClassifier
//
// Per-epoch checkpoints: everything needed to continue a run exactly where it stopped.
import Foundation
import GalmorphSupport
import HDF5IO
import NeuralNet

/// The bookkeeping of a run between epochs (JSON in the checkpoint).
public struct TrainingState: Codable, Sendable, Equatable {
  /// Epochs completed.
  public var epochsDone: Int
  /// Best early-stopping score so far (−loss or AUC; higher is better).
  public var bestScore: Double
  public var bestEpoch: Int
  /// Epochs since the last improvement.
  public var epochsWithoutImprovement: Int
  public var stoppedEarly: Bool
  public var history: [EpochRecord]
  /// The configuration as JSON: a checkpoint from another configuration is refused.
  public var configuration: String
}

/// A checkpoint file (HDF5, written atomically at the end of every epoch):
/// `weights/<key>` current parameters, `best/<key>` parameters of the best epoch, `adam_m/<key>` and `adam_v/<key>`
/// Adam moments; root attributes `galmorph_checkpoint` = "1", `state` (``TrainingState`` JSON) and `adam_steps`.
/// Random streams need no state: augmentation, epoch order and dropout masks are derived from (seed, epoch).
public struct TrainingCheckpoint: Sendable {
  public var state: TrainingState
  public var weights: [String: HDF5Tensor]
  public var best: [String: HDF5Tensor]
  public var adam: Adam.State
  /// The ``DomainAdversary`` head's weights and Adam state, when training has one.
  public var adversary: (weights: [String: HDF5Tensor], adam: Adam.State)?

  public init(
    state: TrainingState, weights: [String: HDF5Tensor], best: [String: HDF5Tensor], adam: Adam.State,
    adversary: (weights: [String: HDF5Tensor], adam: Adam.State)? = nil
  ) {
    self.state = state; self.weights = weights; self.best = best; self.adam = adam; self.adversary = adversary
  }

  public func write(to url: URL) throws {
    func tensors(_ d: [String: [Float]], like shapes: [String: HDF5Tensor]) -> [String: HDF5Tensor] {
      var out: [String: HDF5Tensor] = [:]
      for (k, v) in d { out[k] = HDF5Tensor(shape: shapes[k]?.shape ?? [v.count], values: v) }
      return out
    }
    let stateJSON = String(decoding: try JSONCoding.encoder().encode(state), as: UTF8.self)
    try HDF5File.create(at: url) { f in
      try f.writeTensors(weights, under: "weights")
      try f.writeTensors(best, under: "best")
      try f.writeTensors(tensors(adam.m, like: weights), under: "adam_m")
      try f.writeTensors(tensors(adam.v, like: weights), under: "adam_v")
      try f.attributes.write("galmorph_checkpoint", string: "1")
      try f.attributes.write("state", string: stateJSON)
      try f.attributes.write("adam_steps", string: String(adam.stepCount))
      if let (w, a) = adversary {
        try f.writeTensors(w, under: "adversary_weights")
        try f.writeTensors(tensors(a.m, like: w), under: "adversary_adam_m")
        try f.writeTensors(tensors(a.v, like: w), under: "adversary_adam_v")
        try f.attributes.write("adversary_adam_steps", string: String(a.stepCount))
      }
    }
  }

  public static func read(from url: URL) throws -> TrainingCheckpoint {
    let path = url.path
    let f: HDF5File
    do { f = try HDF5File(url: url) } catch {
      throw ClassifierError.invalidInput(
        path: path, reason: "checkpoint unreadable (\(error)); delete it to start afresh")
    }
    defer { f.close() }
    guard f.attributes.contains("galmorph_checkpoint"), f.attributes.contains("state") else {
      throw ClassifierError.invalidInput(path: path, reason: "not a galmorph training checkpoint")
    }
    let state: TrainingState
    do {
      state = try JSONCoding.decoder().decode(TrainingState.self, from: Data(try f.attributes.string("state").utf8))
    } catch {
      throw ClassifierError.invalidInput(path: path, reason: "checkpoint state unreadable: \(error)")
    }
    guard let steps = Int(try f.attributes.string("adam_steps")) else {
      throw ClassifierError.invalidInput(path: path, reason: "checkpoint attribute adam_steps is not an integer")
    }
    var adversary: (weights: [String: HDF5Tensor], adam: Adam.State)?
    if f.exists("adversary_weights") {
      guard let steps = Int(try f.attributes.string("adversary_adam_steps")) else {
        throw ClassifierError.invalidInput(
          path: path, reason: "checkpoint attribute adversary_adam_steps is not an integer")
      }
      adversary = (try f.readTensors(under: "adversary_weights"), try adamState(f, steps: steps, prefix: "adversary_"))
    }
    return TrainingCheckpoint(
      state: state, weights: try f.readTensors(under: "weights"), best: try f.readTensors(under: "best"),
      adam: try adamState(f, steps: steps, prefix: ""), adversary: adversary)
  }

  /// The Adam moments stored under `<prefix>adam_m` and `<prefix>adam_v`.
  static func adamState(_ f: HDF5File, steps: Int, prefix: String) throws -> Adam.State {
    Adam.State(
      stepCount: steps, m: try f.readTensors(under: prefix + "adam_m").mapValues(\.values),
      v: try f.readTensors(under: prefix + "adam_v").mapValues(\.values))
  }
}
