// galmorph — ReadmeExampleTests
//
// README.md, "Use from Swift": the example between the markers below is the README's code block, character for
// character (`ReadmeExampleTests` checks it), so the README's example always compiles and runs.

// BEGIN README EXAMPLE
import AnisotropyAudit
import Foundation
import GalmorphSupport
import MorphologyClassifier
import Reports
import SkySimulator

/// Simulates a survey whose observing conditions depend on the sign of Dec, audits it on the Dec split with
/// `controls` sky-independent control units, and writes the tables, figures and notebook into `folder/audit`.
func auditSimulatedSky(
  in folder: URL, galaxies: Int = 4000, controls: Int = 20, epochs: Int = 6
) throws -> AuditResult {
  // 1. The simulated survey: catalog.csv/.fits, cutouts.h5 and simulation.json in folder/sim.
  let sim = folder.appendingPathComponent("sim")
  let simulator = try SkySimulator(config: SimulationPreset.contextDec.config(count: galaxies, seed: 1))
  try SimulationWriter(simulator: simulator, outDir: sim, provenance: Provenance(seed: 1))
    .write(batchSize: 512, progress: ProgressReporter(label: "simulate", total: galaxies, unit: "galaxies"))

  // 2. The audit: Net B on 32-px inputs from the 64-px stamps, one model pair per unit.
  let recipe = PreprocessingRecipe(cropSize: 64, inputSize: 32, channels: 3)
  let training = TrainingConfiguration(recipe: recipe, epochs: epochs, balancing: .none, stopMetric: .auc, patience: 3)
  let config = AuditConfiguration(splits: [try NamedSplit(parsing: "dec:0")], controls: controls, training: training)
  let audit = folder.appendingPathComponent("audit")
  let result = try AuditPipeline(configuration: config, stack: sim.appendingPathComponent("cutouts.h5"), folder: audit)
    .run()

  // 3. Tables (Markdown, LaTeX, CSV), figures and audit.ipynb, as `galmorph audit` writes them.
  try AuditReport(result: result, folder: audit).write()
  for split in result.splits { print(split.verdict.statement) }
  return result
}
// END README EXAMPLE
