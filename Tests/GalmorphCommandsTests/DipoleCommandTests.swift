// galmorph — GalmorphCommandsTests
//
// `galmorph dipole` on the bundled real catalog: positive control, shuffled-label null, JSON/Markdown/LaTeX content
// against the library result, and the HEALPix FITS map against healpy's layout.

import FITSIO
import Foundation
import GalmorphCommands
import GalmorphSupport
import Plotting
import Reports
import SkyGeometry
import SkyStatistics
import Testing
import _GalmorphTestSupport

/// Positions and spiral labels of the bundled catalog, parsed here with plain string splitting.
func bundledSpiralSample() throws -> (directions: [SkyDirection], labels: [Bool], flags: [String], lines: [String]) {
  let lines = try bundledCatalogLines()
  var directions: [SkyDirection] = [], labels: [Bool] = [], flags: [String] = []
  for line in lines.dropFirst() {
    let f = line.split(separator: ",", omittingEmptySubsequences: false)
    guard let ra = Double(f[0]), let dec = Double(f[1]) else { continue }
    directions.append(SkyDirection(raDegrees: ra, decDegrees: dec))
    flags.append(String(f[2]))
    labels.append(f[2].lowercased() == "spiral")
  }
  return (directions, labels, flags, lines)
}

@Suite("galmorph dipole")
struct DipoleCommandTests {
  @Test("positive control: GZ1 spirals on the bundled catalog, p < 1e-3; JSON, tables and FITS map")
  func positiveControl() throws {
    let dir = try TemporaryFolder("dipole-positive")
    defer { dir.cleanup() }
    let text = try runGalmorph([
      "dipole", "--catalog", bundledCatalog.path, "--label-column", "gz1_flag",
      "--positive", "spiral", "--permutations", "2000", "--seed", "7", "--json",
      "--out", dir.url.path,
    ])
    let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    for key in [
      "n", "method", "best_axis", "amplitude", "amplitude_err", "p_value", "sigma", "provenance", "results",
      "sigma_map", "n_dropped",
    ] {
      #expect(object[key] != nil, "missing key \(key)")
    }
    let axis = try #require(object["best_axis"] as? [String: Any])
    for key in ["ra", "dec", "l", "b"] { #expect(axis[key] is Double, "best_axis.\(key)") }
    let provenance = try #require(object["provenance"] as? [String: Any])
    #expect(provenance["seed"] as? Int == 7)
    let inputs = try #require(provenance["inputs"] as? [String: String])
    #expect(inputs[bundledCatalog.path] == (try Checksum.sha256(fileAt: bundledCatalog)))

    let report = try JSONCoding.decoder().decode(DipoleReport.self, from: Data(text.utf8))
    let p = try #require(report.pValue)
    #expect(p < 1e-3)
    #expect(report.n == 25510 && report.nDropped == 0 && report.method == .cosineFit)
    #expect(report.nPositive == 5037)

    // The library on independently parsed positions gives the same numbers.
    let sample = try bundledSpiralSample()
    let library = try CosineDipoleScan(directions: sample.directions, labels: sample.labels)
      .significance(permutations: 2000, seed: 7, grid: .oneDegree)
    expectClose(report.amplitude, library.fit.amplitude, rtol: 1e-9)
    expectClose(report.amplitudeErr, library.fit.amplitudeErr, rtol: 1e-9)
    expectClose(report.bestAxis.ra, library.fit.bestAxis.ra, rtol: 1e-9)
    expectClose(report.bestAxis.dec, library.fit.bestAxis.dec, rtol: 1e-9)
    #expect(report.pValue == library.fit.pValue && report.sigma == library.fit.sigma)
    let map = try #require(library.map)
    #expect(report.sigmaMap?.bestSigma == map.bestSigma && report.sigmaMap?.axes == 64800)
    #expect(report.sigmaMap?.healpixNside == 64)

    // dipole.json on disk is the printed report.
    let onDisk = try JSONCoding.decoder().decode(DipoleReport.self, from: Data(contentsOf: dir.file("dipole.json")))
    #expect(onDisk.amplitude == report.amplitude && onDisk.files == report.files)

    // Markdown and LaTeX rows carry N, amplitude ± error, p and σ.
    let decimals = 1 - Int(log10(report.amplitudeErr).rounded(.down))
    let amp = String(format: "%.\(decimals)f", report.amplitude),
      err = String(format: "%.\(decimals)f", report.amplitudeErr)
    let md = try String(contentsOf: dir.file("dipole.md"), encoding: .utf8)
    let tex = try String(contentsOf: dir.file("dipole.tex"), encoding: .utf8)
    // p = 1/2001 in the p-value format of every table (NumberFormat.pValue(): 2 figures, scientific below 10⁻³).
    #expect(p == 1.0 / 2001)
    let sigma = String(format: "%.2f", try #require(report.sigma))
    #expect(
      md.contains("| 25510 |") && md.contains("\(amp) ± \(err)") && md.contains("5.0 × 10⁻⁴") && md.contains(sigma))
    #expect(
      tex.contains("& $25510$ &") && tex.contains("$\(amp) \\pm \(err)$") && tex.contains("$5.0\\times10^{-4}$")
        && tex.contains(sigma) && tex.contains("\\toprule") && tex.contains("\\bottomrule"))

    // The FITS map: healpy's nside-64 layout, values = σ of the nearest 1° grid axis at healpy's pixel centres.
    let golden = try Reference.json(HEALPixGolden.self, "healpix_map_golden.json")
    let fits = try FITSFile(url: dir.file("sigma_map.fits"))
    try HEALPixGolden.expectHeader(fits, matches: try #require(golden.maps.first { $0.nside == 64 }))
    let values = try #require(try fits.readColumn("SIGMA", hdu: 1).values.doubles)
    #expect(values.count == 49152)
    let probes = golden.centresNside64.filter {
      abs($0.dec - $0.dec.rounded()) > 1e-6 && abs($0.ra - $0.ra.rounded()) > 1e-6
    }
    #expect(probes.count >= 20)
    for c in probes {
      let i = Int(c.ra.rounded(.down)), j = Int((c.dec + 90).rounded(.down))
      #expect(values[c.pixel] == map.sigma[j * 360 + i], "pixel \(c.pixel)")
    }
    let png = try RGBAImage(contentsOfPNG: dir.file("sigma_map.png"))
    #expect(png.width > 100 && png.height > 50)
  }

  @Test("null: the same positions with labels shuffled by a fixed seed give p > 0.05")
  func shuffledLabels() throws {
    let dir = try TemporaryFolder("dipole-null")
    defer { dir.cleanup() }
    let sample = try bundledSpiralSample()
    var flags = sample.flags
    var rng = SeededGenerator(seed: 20251123)
    rng.shuffle(&flags)
    var csv = "ra,dec,gz1_flag\n"
    for (line, flag) in zip(sample.lines.dropFirst(), flags) {
      let f = line.split(separator: ",", omittingEmptySubsequences: false)
      csv += "\(f[0]),\(f[1]),\(flag)\n"
    }
    let file = dir.file("shuffled.csv")
    try csv.write(to: file, atomically: true, encoding: .utf8)
    let text = try runGalmorph([
      "dipole", "--catalog", file.path, "--label-column", "gz1_flag", "--positive", "spiral",
      "--permutations", "2000", "--nside", "8", "--json",
    ])
    let report = try JSONCoding.decoder().decode(DipoleReport.self, from: Data(text.utf8))
    #expect(report.n == 25510)
    #expect(try #require(report.pValue) > 0.05)
  }

  @Test("a probability column (no --positive) is fitted as values in [0, 1]")
  func probabilityColumn() throws {
    let dir = try TemporaryFolder("dipole-prob")
    defer { dir.cleanup() }
    let sample = try bundledSpiralSample()
    var csv = "RA_DEG,DEC_DEG,p_spiral\n"
    var values: [Double] = []
    for (line, spiral) in zip(sample.lines.dropFirst(), sample.labels) {
      let f = line.split(separator: ",", omittingEmptySubsequences: false)
      let p = spiral ? 0.875 : 0.125
      values.append(p)
      csv += "\(f[0]),\(f[1]),\(p)\n"
    }
    let file = dir.file("probabilities.csv")
    try csv.write(to: file, atomically: true, encoding: .utf8)
    let text = try runGalmorph([
      "dipole", "--catalog", file.path, "--label-column", "p_spiral", "--permutations", "100",
      "--nside", "4", "--method", "both", "--json",
    ])
    let report = try JSONCoding.decoder().decode(DipoleReport.self, from: Data(text.utf8))
    #expect(report.n == 25510 && report.positive == nil && report.raColumn == "RA_DEG")
    let library = try CosineDipoleScan(directions: sample.directions, values: values).bestFit()
    expectClose(report.results[0].amplitude, library.amplitude, rtol: 1e-9)
    let bernoulli = try BernoulliDipoleFit.fit(directions: sample.directions, values: values)
    expectClose(report.results[1].amplitude, bernoulli.amplitude, rtol: 1e-9)
  }

  @Test("HEALPix grid: the FITS map is the σ-map itself, healpy's one-pixel-per-row layout; healpy reads it")
  func healpixGridMap() throws {
    let dir = try TemporaryFolder("dipole-nside4")
    defer { dir.cleanup() }
    _ = try runGalmorph([
      "dipole", "--catalog", bundledCatalog.path, "--label-column", "GZ1_FLAG", "--positive",
      "Spiral", "--permutations", "200", "--nside", "4", "--method", "both", "--out", dir.url.path,
    ])
    let sample = try bundledSpiralSample()
    let library = try CosineDipoleScan(directions: sample.directions, labels: sample.labels)
      .significance(permutations: 200, seed: 1, grid: .healpix(nside: 4))
    let map = try #require(library.map)
    let url = dir.file("sigma_map.fits")
    let fits = try FITSFile(url: url)
    let golden = try Reference.json(HEALPixGolden.self, "healpix_map_golden.json")
    try HEALPixGolden.expectHeader(fits, matches: try #require(golden.maps.first { $0.nside == 4 }))
    let values = try #require(try fits.readColumn("SIGMA", hdu: 1).values.doubles)
    #expect(values == map.sigma)
    #expect(Provenance(fitsHeader: try fits.header(1))?.seed == 1)

    let report = try JSONCoding.decoder().decode(DipoleReport.self, from: Data(contentsOf: dir.file("dipole.json")))
    #expect(report.results.map(\.method) == [.cosineFit, .bernoulliLikelihood])
    let bernoulli = try BernoulliDipoleFit.fit(directions: sample.directions, labels: sample.labels)
    expectClose(report.results[1].amplitude, bernoulli.amplitude, rtol: 1e-9)
    #expect(report.results[1].pValue == bernoulli.pValue)

    if pythonHasHealpy {
      let code = """
        import healpy, numpy as np
        m = healpy.read_map("\(url.path)")
        print(len(m)); print(" ".join(repr(float(v)) for v in m))
        """
      let lines = try runPython(code).split(separator: "\n")
      #expect(lines.first == "192")
      let read = lines.dropFirst().first.map { $0.split(separator: " ").compactMap { Double($0) } } ?? []
      expectAllClose(read, map.sigma, rtol: 1e-15, "healpy.read_map values")
    }
  }
}

/// `Reference/healpix_map_golden.json` (gen_healpix_map_golden.py, healpy.write_map).
struct HEALPixGolden: Decodable {
  struct Map: Decodable {
    var nside: Int
    var npix: Int
    var cards: [String: Value]
  }
  struct Centre: Decodable { var pixel: Int; var ra: Double; var dec: Double }
  enum Value: Decodable, Equatable {
    case int(Int), string(String)
    init(from decoder: any Decoder) throws {
      let c = try decoder.singleValueContainer()
      if let i = try? c.decode(Int.self) { self = .int(i) } else { self = .string(try c.decode(String.self)) }
    }
  }
  var maps: [Map]
  var centresNside64: [Centre]
  enum CodingKeys: String, CodingKey { case maps, centresNside64 = "centres_nside64" }

  /// Every structural and HEALPix card healpy wrote has the same value in HDU 1 of `fits`.
  static func expectHeader(_ fits: FITSFile, matches golden: Map) throws {
    let header = try fits.header(1)
    for (key, value) in golden.cards {
      switch value {
      case let .int(i): #expect(header.int(key) == i, "card \(key)")
      case let .string(s) where key.hasPrefix("TFORM"):
        // FITS 4.0 §7.3.1: the repeat count defaults to 1, so FITSWriter's "1D" is healpy's "D".
        #expect(header.string(key).map(normalisedTFORM) == normalisedTFORM(s), "card \(key)")
      case let .string(s): #expect(header.string(key)?.trimmingCharacters(in: .whitespaces) == s, "card \(key)")
      }
    }
  }
}

/// TFORM with an explicit repeat count (`D` → `1D`, `1024D` unchanged).
func normalisedTFORM(_ t: String) -> String {
  let trimmed = t.trimmingCharacters(in: .whitespaces)
  return trimmed.first?.isNumber == true ? trimmed : "1" + trimmed
}
