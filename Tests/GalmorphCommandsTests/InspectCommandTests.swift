// galmorph — GalmorphCommandsTests

import Foundation
import Testing
@testable import GalmorphCommands
import _GalmorphTestSupport

@Suite("galmorph inspect")
struct InspectCommandTests {
  func inspect(_ path: String, json: Bool = false) throws {
    var cmd = try Galmorph.parseAsRoot(["inspect", path] + (json ? ["--json"] : []))
    try cmd.run()
  }

  static func sampleFiles() -> [String] {
    let fm = FileManager.default
    var out: [String] = []
    for dir in [
      "fits_samples/astropy_8.0.2", "fits_samples/galsim", "hdf5_samples/debian_python-tables-data_3.7.0-5",
      "hdf5_samples/astropy_8.0.2",
    ] {
      let url = SharedData.url(dir)
      for name in (try? fm.contentsOfDirectory(atPath: url.path)) ?? [] where !name.hasSuffix(".md") {
        out.append(url.appendingPathComponent(name).path)
      }
    }
    return out.sorted()
  }

  /// Every shared FITS and HDF5 sample is described without error, as text and as JSON.
  @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
  func everySharedSampleInspects() throws {
    let files = Self.sampleFiles()
    #expect(files.count >= 60, "found \(files.count) sample files")
    for f in files {
      try inspect(f)
      try inspect(f, json: true)
    }
  }

  @Test func bundledCatalogInspects() throws {
    try inspect(SharedData.packageRoot.appendingPathComponent("Catalogs/gz1_flags_positions.csv.gz").path, json: true)
  }

  @Test func fileKindsAreSniffedFromContent() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let fits = tmp.file("image.dat")
    try Data(("SIMPLE  =                    T" + String(repeating: " ", count: 50)).utf8).write(to: fits)
    #expect(try FileKind.detect(fits) == .fits)
    let h5 = tmp.file("noext")
    try Data([0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]).write(to: h5)
    #expect(try FileKind.detect(h5) == .hdf5)
    let junk = tmp.file("junk.bin")
    try Data([1, 2, 3]).write(to: junk)
    #expect(throws: CommandError.self) { try FileKind.detect(junk) }
  }

  /// A truncated FITS file fails with a message naming it (and no crash).
  @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
  func truncatedFITSNamesTheFile() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let src = SharedData.url("fits_samples/astropy_8.0.2/io.fits__test0.fits")
    let bytes = try Data(contentsOf: src)
    for cut in [100, 2880 + 17, bytes.count / 2, bytes.count - 2880 - 1] {
      let broken = tmp.file("cut-\(cut).fits")
      try bytes.prefix(cut).write(to: broken)
      #expect {
        try inspect(broken.path)
      } throws: { error in
        String(describing: error).contains(broken.path)
      }
    }
  }

  @Test func missingFileIsAnError() {
    #expect(throws: CommandError.self) { try inspect("/nonexistent/galmorph/none.fits") }
  }
}
