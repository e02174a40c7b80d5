// galmorph — GalmorphCommands
//
// Library enums as command-line values: one type per idea, spelled on the command line by its raw value (the
// spelling its JSON uses), so that `--schedule cosine` and `"schedule": "cosine"` are the same word.

import ArgumentParser
import MorphologyClassifier
import NeuralNet
import SkySimulator
import SkyStatistics

/// `--adjust bonferroni|holm|fdr-bh` (also `bh`).
extension PValueAdjustment: ExpressibleByArgument {
  public init?(argument: String) {
    if argument == "bh" { self = .benjaminiHochberg } else { self.init(rawValue: argument) }
  }
}

/// `--schedule constant|cosine|step`.
extension TrainingConfiguration.Schedule: ExpressibleByArgument {}

/// `--early-stop loss|auc`.
extension TrainingConfiguration.StopMetric: ExpressibleByArgument {}

/// `--balance none|weights|oversample`.
extension ClassBalancing: ExpressibleByArgument {}

/// `--architecture net-a|net-b`.
extension ReferenceNetworks.Name: ExpressibleByArgument {}

/// `--preset null|context-dec|context-galactic|true-dipole` (any case).
extension SimulationPreset: ExpressibleByArgument {
  public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}
