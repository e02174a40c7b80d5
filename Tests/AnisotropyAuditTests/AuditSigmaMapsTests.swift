// galmorph — AnisotropyAuditTests
//
// The audit's stored σ-maps: computed from the dipoles' own relabellings, written as a HEALPix map table healpy
// reads, read back unchanged; bad files named.

import FITSIO
import Foundation
import GalmorphSupport
import SkyStatistics
import Testing
import _GalmorphTestSupport

@testable import AnisotropyAudit

@Suite("The audit's σ-maps (sigma_maps.fits)")
struct AuditSigmaMapsTests {
  /// Every stored map is the σ-map of a stand-alone scan of its set with min(K, 2000) relabellings and the set's seed
  /// (baseSeed + k), the dipoles are those of ``AuditAnalysis/dipoles()``, and the file reads back bit for bit.
  @Test(arguments: [300, 2500])
  func mapsAreTheDipoleScansMapsAndRoundTrip(permutations: Int) throws {
    let audit = try SyntheticAudit(n: 800, seed: 17, dipole: 0.2, permutations: permutations)
    let analysis = audit.analysis(audit.outcomes(rho: 0.5, seed: 3))
    let (dipoles, maps) = try analysis.dipoleScans()
    #expect(dipoles == (try analysis.dipoles()))
    #expect(maps.names == dipoles.map(\.name) && maps.names.first == "truth")
    #expect(maps.relabellings == min(permutations, 2000))
    let sets = [analysis.testLabels] + analysis.featuredOutcomes.map(\.calls)
    for (k, calls) in sets.enumerated() {
      let alone = try CosineDipoleScan(directions: analysis.testDirections, labels: calls.map { $0 == 1 })
        .significance(
          permutations: maps.relabellings, seed: audit.configuration.baseSeed &+ UInt64(k), grid: .healpix(nside: 8))
      #expect(maps.sigma[k] == alone.map?.sigma, "set \(maps.names[k])")
    }
    let folder = try TemporaryFolder("audit-sigma-maps")
    defer { folder.cleanup() }
    try maps.write(to: folder.url, provenance: Provenance(seed: audit.configuration.baseSeed))
    let url = folder.file(AuditSigmaMaps.fileName)
    #expect(try AuditSigmaMaps.read(from: url) == maps)

    if let python = ExternalTool.python(importing: "healpy") {
      let script = """
        import healpy, numpy as np
        m = healpy.read_map("\(url.path)", field=None)
        print(m.shape[0], m.shape[1])
        print(" ".join(repr(float(v)) for v in m[-1]))
        """
      let r = try ExternalTool.run(python, ["-c", script])
      let lines = r.output.split(separator: "\n").map(String.init)
      let shape = try #require(lines.firstIndex(of: "\(maps.names.count) 768"), "\(r.output)")
      let last = lines.dropFirst(shape + 1).first.map { $0.split(separator: " ").compactMap { Double($0) } }
      #expect(r.status == 0 && last == maps.sigma.last, "healpy.read_map(field=None) values of the last column")
    }
  }

  @Test("a file that is not the audit's map table is named with its HDU")
  func badFiles() throws {
    let folder = try TemporaryFolder("audit-sigma-maps-bad")
    defer { folder.cleanup() }
    let url = folder.file(AuditSigmaMaps.fileName)
    try Data("SIMPLE  =                    T".utf8).write(to: url)
    #expect { try AuditSigmaMaps.read(from: url) } throws: { "\($0)".contains(url.path) }
    try HEALPixMapWriter(nside: 4).write([Double](repeating: 0, count: 192), to: url)
    #expect { try AuditSigmaMaps.read(from: url) } throws: { error in
      guard case let AuditError.input(path, reason) = error else { return false }
      return path == url.path && reason.contains("HDU 1") && reason.contains("NSIDE 8")
    }
  }
}
