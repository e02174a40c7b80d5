// galmorph — GalmorphCommands

import ArgumentParser
import Foundation
import GalmorphSupport
import SkyGeometry
import SkyStatistics

/// `galmorph dipole`: the dipole of a label (or probability) over the sky with a look-elsewhere-corrected p-value.
///
/// Methods: `cosfit` — Shamir's cos-fit y = m + d cos φ with the best axis in closed form, p from K label
/// permutations of the fixed positions (max over all axes, so look-elsewhere corrected) and the σ-map over the axis
/// grid (`CosineDipoleScan.significance`); `bernoulli` — maximum likelihood of P(y=1) = m + d·x with the χ²₃
/// likelihood-ratio p (`BernoulliDipoleFit`); `both`. See SkyStatistics for formulas and references.
struct DipoleCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dipole",
    abstract: "Fit a dipole to a label or probability over the sky, with a look-elsewhere-corrected p-value.",
    discussion: """
      With --out DIR: sigma_map.fits (HEALPix, healpy read_map), sigma_map.png (Mollweide), dipole.json,
      dipole.md and dipole.tex (booktabs). All files appear together or not at all.
      """
  )

  enum Method: String, ExpressibleByArgument, CaseIterable, Sendable {
    case cosfit, bernoulli, both
  }

  @OptionGroup var sky: SkyCatalogOptions

  @Option(help: "cosfit (Shamir cos-fit, permutation p), bernoulli (likelihood ratio) or both.")
  var method: Method = .cosfit

  @Option(help: "Label permutations for the look-elsewhere-corrected p (p resolves to 1/(K+1)).")
  var permutations: Int = 1000

  @Option(help: ArgumentHelp("σ-map axis grid: an RA/Dec grid of this step in degrees (default 1).", valueName: "deg"))
  var grid: Double?

  @Option(help: "σ-map axes at HEALPix pixel centres of this NSIDE instead of an RA/Dec grid.")
  var nside: Int?

  @Option(help: "Random seed of the permutations.")
  var seed: UInt64 = 1

  @Flag(help: "Print JSON instead of a text summary.")
  var json = false

  @Option(help: ArgumentHelp("Folder for sigma_map.fits/.png, dipole.json, dipole.md and dipole.tex.", valueName: "dir"))
  var out: String?

  func validate() throws {
    if permutations < 1 { throw ValidationError("--permutations must be at least 1 (got \(permutations))") }
    if grid != nil && nside != nil { throw ValidationError("give either --grid or --nside, not both") }
    if let grid {
      let ok = grid > 0 && grid <= 90 && (180 / grid).rounded() == 180 / grid && (360 / grid).rounded() == 360 / grid
      if !ok { throw ValidationError("--grid \(grid): the step must divide 180 degrees (e.g. 0.5, 1, 2, 5)") }
    }
    if let nside, (try? HEALPix(nside: nside)) == nil || nside > 256 {
      throw ValidationError("--nside \(nside): expected a power of two from 1 to 256")
    }
  }

  /// The σ-map grid chosen by the options.
  var axisGrid: AxisGrid { nside.map { .healpix(nside: $0) } ?? .raDec(stepDegrees: grid ?? 1) }

  func run() throws {
    let sample = try sky.loadSample()
    var rows: [DipoleResultRow] = []
    var map: SigmaMap?
    if method != .bernoulli {
      let scan = try CosineDipoleScan(directions: sample.directions, values: sample.values)
      let result = try scan.significance(permutations: permutations, seed: seed, grid: axisGrid)
      rows.append(DipoleResultRow(result.fit))
      map = result.map
    }
    if method != .cosfit {
      rows.append(DipoleResultRow(try BernoulliDipoleFit.fit(directions: sample.directions, values: sample.values)))
    }
    var provenance = Provenance(seed: seed, extra: [
      "command": "dipole", "method": method.rawValue, "permutations": String(permutations),
      "grid": Self.gridName(axisGrid), "label_column": sample.labelColumn,
    ])
    try provenance.addInputs([sky.catalogURL])
    var summary: SigmaMapSummary?
    var healpix: (pixelization: HEALPix, values: [Double])?
    if let map {
      let hp = try map.healpixMap()
      healpix = hp
      summary = SigmaMapSummary(grid: Self.gridName(map.grid), axes: map.sigma.count, bestAxis: map.bestAxis,
                                bestSigma: map.bestSigma, bestAmplitude: map.bestAmplitude,
                                healpixNside: hp.pixelization.nside)
    }
    var report = DipoleReport(sample: sample, results: rows, sigmaMap: summary, provenance: provenance)
    if let out {
      try writeOutputs(report: &report, map: map, healpix: healpix, to: URL(fileURLWithPath: out))
    }
    if json {
      CommandOutput.write(String(decoding: try report.jsonData(), as: UTF8.self) + "\n")
    } else {
      CommandOutput.write(Self.textSummary(report))
    }
  }

  static func gridName(_ grid: AxisGrid) -> String {
    switch grid {
    case let .raDec(step): return "radec:\(SkySplitFormatting.number(step))"
    case let .healpix(nside): return "healpix:\(nside)"
    }
  }
}

/// Number formatting shared by the commands' text output.
enum SkySplitFormatting {
  /// `1`, `0.5` — integers without a decimal point.
  static func number(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v) }
}
