// galmorph — GalmorphCommands

import ArgumentParser
import Foundation
import GalmorphSupport
import Reports
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

  /// Which fits to run: one ``DipoleMethod`` or both (spelled as `DipoleMethod`'s raw values; `cosfit` and
  /// `bernoulli` are accepted as short forms).
  enum Method: String, ExpressibleByArgument, CaseIterable, Sendable {
    case cosfit = "cosine-fit", bernoulli = "bernoulli-likelihood", both

    init?(argument: String) {
      switch argument {
      case "cosfit": self = .cosfit
      case "bernoulli": self = .bernoulli
      default: self.init(rawValue: argument)
      }
    }

    /// The fits, the cos-fit first.
    var methods: [DipoleMethod] {
      switch self {
      case .cosfit: return [.cosineFit]
      case .bernoulli: return [.bernoulliLikelihood]
      case .both: return [.cosineFit, .bernoulliLikelihood]
      }
    }
  }

  @OptionGroup var sky: SkyCatalogOptions

  @Option(
    help:
      "cosine-fit (Shamir's cos-fit, permutation p; short: cosfit), bernoulli-likelihood (likelihood ratio; short: bernoulli) or both."
  )
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

  @Option(
    help: ArgumentHelp("Folder for sigma_map.fits/.png, dipole.json, dipole.md and dipole.tex.", valueName: "dir"))
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
    var fits: [DipoleFit] = []
    var map: SigmaMap?
    if method.methods.contains(.cosineFit) {
      let scan = try CosineDipoleScan(directions: sample.directions, values: sample.values)
      let result = try scan.significance(permutations: permutations, seed: seed, grid: axisGrid)
      fits.append(result.fit)
      map = result.map
    }
    if method.methods.contains(.bernoulliLikelihood) {
      fits.append(try BernoulliDipoleFit.fit(directions: sample.directions, values: sample.values))
    }
    var provenance = Provenance(
      seed: seed,
      extra: [
        "command": "dipole", "method": method.rawValue, "permutations": String(permutations),
        "grid": axisGrid.name, "label_column": sample.labelColumn,
      ])
    try provenance.addInputs([sky.catalogURL])
    var healpix: (pixelization: HEALPix, values: [Double])?
    if let map { healpix = try map.healpixMap() }
    let summary = map.flatMap { m in healpix.map { SigmaMapSummary(m, healpixNside: $0.pixelization.nside) } }
    var report = DipoleReport(sample: sample, results: fits, sigmaMap: summary, provenance: provenance)
    if let out {
      try writeOutputs(report: &report, map: map, healpix: healpix, to: URL(fileURLWithPath: out))
    }
    if json {
      CommandOutput.write(String(decoding: try report.jsonData(), as: UTF8.self) + "\n")
    } else {
      CommandOutput.write(Self.textSummary(report))
    }
  }
}
