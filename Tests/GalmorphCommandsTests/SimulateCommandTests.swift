// galmorph — GalmorphCommandsTests

import Foundation
import Testing
@testable import GalmorphCommands
import CatalogIO
import FITSIO
import HDF5IO
import _GalmorphTestSupport

@Suite("galmorph simulate")
struct SimulateCommandTests {
  @Test func writesConsistentCatalogsAndStack() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let out = tmp.url.path
    try runGalmorph([
      "simulate", "--preset", "context-dec", "--count", "40", "--seed", "11", "--batch-size", "16",
      "--out", out, "--fits-cutouts",
    ])
    // CSV, FITS and HDF5 carry the same truth.
    let csv = try CatalogFile.open(tmp.file("catalog.csv"))
    let fitsCat = try CatalogFile.open(tmp.file("catalog.fits"))
    let h5 = try CatalogFile.open(tmp.file("cutouts.h5"))
    #expect(csv.rowCount == 40 && fitsCat.rowCount == 40 && h5.rowCount == 40)
    let raCSV = try csv.readColumn("ra", rows: 0..<40).doubleValues!
    let raFITS = try fitsCat.readColumn("ra", rows: 0..<40).doubleValues!
    let raH5 = try h5.readColumn("ra", rows: 0..<40).doubleValues!
    #expect(raCSV == raFITS)
    #expect(raFITS == raH5)
    #expect(try csv.readColumn("label", rows: 0..<40) == h5.readColumn("label", rows: 0..<40))
    // Stack shape and a FITS cutout equal to the stack's image (HWC → CHW).
    let file = try HDF5File(url: tmp.file("cutouts.h5"))
    let stack = try HDF5ImageStack(file: file)
    #expect(stack.count == 40 && stack.height == 64 && stack.width == 64 && stack.channels == 3)
    let img = try stack.batch(rows: 7..<8)
    let cube = try FITSFile(url: tmp.file("cutouts/0000007.fits")).readImage(as: Float.self)
    #expect(cube.shape == [64, 64, 3])
    for (y, x, b) in [(0, 0, 0), (31, 40, 1), (63, 5, 2)] {
      #expect(cube.pixels[(b * 64 + y) * 64 + x] == img[(y * 64 + x) * 3 + b])
    }
  }

  @Test func sameSeedSameImagesWhateverTheBatchSize() throws {
    let a = try TemporaryFolder(), b = try TemporaryFolder(), c = try TemporaryFolder()
    defer { a.cleanup(); b.cleanup(); c.cleanup() }
    try runGalmorph(["simulate", "--count", "20", "--seed", "5", "--batch-size", "7", "--out", a.url.path])
    try runGalmorph(["simulate", "--count", "20", "--seed", "5", "--batch-size", "20", "--out", b.url.path])
    try runGalmorph(["simulate", "--count", "20", "--seed", "6", "--out", c.url.path])
    func images(_ f: TemporaryFolder) throws -> [Float] {
      try HDF5ImageStack(file: HDF5File(url: f.file("cutouts.h5"))).batch(rows: 0..<20)
    }
    #expect(try images(a) == images(b))
    #expect(try images(a) != images(c))
  }

  @Test func badOptionsAreUsageErrors() throws {
    #expect(throws: (any Error).self) { try runGalmorph(["simulate", "--count", "0", "--out", "/tmp/x"]) }
    #expect(throws: (any Error).self) {
      try runGalmorph(["simulate", "--preset", "nonsense", "--out", "/tmp/x-galmorph-none"])
    }
    #expect(throws: (any Error).self) {
      try runGalmorph(["simulate", "--psf-fwhm", "1.2 + (dec>", "--count", "2", "--out", "/tmp/x-galmorph-none"])
    }
    #expect(!FileManager.default.fileExists(atPath: "/tmp/x-galmorph-none/catalog.csv"))
  }
}
