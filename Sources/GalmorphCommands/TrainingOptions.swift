// galmorph — GalmorphCommands
//
// The training options `galmorph train` and `galmorph audit` share, declared once with each command's defaults.

import ArgumentParser

/// A command's defaults for ``TrainingOptions``.
protocol TrainingDefaults {
  /// Maximum epochs per model.
  static var epochs: Int { get }
  /// Epochs without improvement of the validation metric before a model stops.
  static var patience: Int { get }
}

/// `--epochs`, `--batch-size`, `--learning-rate`, `--patience`: the optimiser settings of every model a command
/// trains (Adam; batch 32 and learning rate 10⁻³ everywhere; epochs and patience per command, `D`).
struct TrainingOptions<D: TrainingDefaults>: ParsableArguments {
  @Option(help: "Maximum epochs per model.")
  var epochs: Int = D.epochs

  @Option(name: .customLong("batch-size"), help: "Examples per step.")
  var batchSize: Int = 32

  @Option(name: .customLong("learning-rate"), help: "Initial Adam learning rate.")
  var learningRate: Float = 1e-3

  @Option(help: "Epochs without improvement of the validation metric before a model stops (0 = never).")
  var patience: Int = D.patience

  func validate() throws {
    guard epochs >= 1, batchSize >= 1, patience >= 0, learningRate > 0 else {
      throw ValidationError("need --epochs ≥ 1, --batch-size ≥ 1, --learning-rate > 0 and --patience ≥ 0")
    }
  }
}
