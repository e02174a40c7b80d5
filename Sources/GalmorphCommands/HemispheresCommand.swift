// galmorph — GalmorphCommands

import ArgumentParser
import Foundation
import GalmorphSupport
import Reports
import SkyGeometry
import SkyStatistics

/// `galmorph hemispheres`: label fractions on the two sides of sky splits, with exact and asymptotic tests,
/// multiple-testing adjustment across the splits, and an all-axes hemisphere scan with a look-elsewhere-corrected p.
struct HemispheresCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "hemispheres",
    abstract: "Compare a binary label's fraction on the two sides of sky splits (and scan all hemispheres).",
    discussion: """
      Split syntax (repeat --split): ra:LO,HI (side A is RA in [LO, HI), wrapping), dec:DEC (A: Dec >= DEC),
      galactic-b:B (A: b >= B), axis:RA,DEC (A: the hemisphere around that pole), healpix:NSIDE:P1,P2,...
      """
  )

  @OptionGroup var sky: SkyCatalogOptions

  @Option(
    name: .customLong("split"),
    help: ArgumentHelp(
      "A sky split, e.g. ra:70,250 or dec:0 (repeatable).",
      valueName: "split"),
    transform: HemispheresCommand.parseSplit)
  var splits: [SkySplit] = []

  @Option(
    help:
      "Confidence level of the Wilson and Jeffreys intervals (95 %, as every interval galmorph reports; 0.6827 for 1σ)."
  )
  var confidence: Double = 0.95

  @Option(
    help:
      "Adjustment of each test's p-values across the splits: bonferroni, holm or bh (Benjamini–Hochberg, also fdr-bh).")
  var adjust: PValueAdjustment = .holm

  @Option(help: "Label permutations of the all-axes hemisphere scan (0 = no scan).")
  var scanPermutations: Int = 1000

  @Option(help: "HEALPix NSIDE of the scan's axes (pixel centres; 4 = 192 axes).")
  var scanNside: Int = 4

  @Option(help: "Random seed of the scan's permutations.")
  var seed: UInt64 = 1

  @Flag(help: "Print JSON instead of text tables.")
  var json = false

  /// `SkySplit(parsing:)`, with its message as a usage error.
  static func parseSplit(_ text: String) throws -> SkySplit {
    do { return try SkySplit(parsing: text) } catch { throw ValidationError("\(error)") }
  }

  func validate() throws {
    if splits.isEmpty && scanPermutations == 0 {
      throw ValidationError("nothing to do: give at least one --split, or a hemisphere scan (--scan-permutations > 0)")
    }
    if !(confidence > 0 && confidence < 1) {
      throw ValidationError("--confidence must be in (0, 1), got \(confidence)")
    }
    if scanPermutations < 0 { throw ValidationError("--scan-permutations must be 0 (off) or positive") }
    if (try? HEALPix(nside: scanNside)) == nil || scanNside > 64 {
      throw ValidationError("--scan-nside \(scanNside): expected a power of two from 1 to 64")
    }
  }

  func run() throws {
    let sample = try sky.loadSample()
    let scan =
      scanPermutations > 0 && sample.isBinary
      ? try HemisphereScan.run(
        directions: sample.directions, labels: sample.labels, axisNside: scanNside,
        permutations: scanPermutations, seed: seed) : nil
    var provenance = Provenance(
      seed: seed,
      extra: [
        "command": "hemispheres", "label_column": sample.labelColumn,
        "adjustment": adjust.rawValue,
      ])
    try provenance.addInputs([sky.catalogURL])
    let report = try HemispheresReport(
      sample: sample, splits: splits, confidence: confidence, adjustment: adjust,
      scan: scan, provenance: provenance)
    if json {
      CommandOutput.write(String(decoding: try JSONCoding.encoder().encode(report), as: UTF8.self) + "\n")
    } else {
      CommandOutput.write(Self.textSummary(report))
    }
  }
}
