// galmorph — FITSIOTests
//
// Pixel boxes, compressed images, HDU selection by name, cubes, BLANK and scaling.

import Foundation
import Testing
import _GalmorphTestSupport
import FITSIO

@Suite("Image reading")
struct ImageReadTests {
  static let m13 = "fits_samples/astropy_8.0.2/io.fits.compressed__m13"

  @Test(
    "tile-compressed M13 (RICE, GZIP, HCOMPRESS, PLIO) decodes to the uncompressed pixels",
    .enabled(if: SharedData.isAvailable, SharedData.skipMessage),
    arguments: ["gzip", "hcomp", "plio", "rice"])
  func compressedMatchesPlain(_ variant: String) throws {
    let plain = try FITSFile(url: SharedData.url(Self.m13 + ".fits")).readImage(.primary, as: Float.self)
    let file = try FITSFile(url: SharedData.url(Self.m13 + "_\(variant).fits"))
    #expect(try file.info(1).isCompressed)
    let decoded = try file.readImage(1, as: Float.self)
    // astropy 8.0.2 decodes all four variants, HCOMPRESS included, to exactly the uncompressed pixels
    // (checked with numpy.array_equal when making the goldens), so equality is exact here.
    #expect(decoded.shape == [300, 300])
    #expect(decoded.pixels == plain.pixels)
    #expect(try file.imageInfo(1).bitpix == 16)
  }

  @Test(
    "pixel box equals the slice of the full image (plain and compressed)",
    .enabled(if: SharedData.isAvailable, SharedData.skipMessage),
    arguments: ["io.fits.compressed__m13.fits", "io.fits.compressed__m13_rice.fits", "io.fits__comp.fits"])
  func boxEqualsSlice(_ name: String) throws {
    let file = try FITSFile(url: SharedData.url("fits_samples/astropy_8.0.2/" + name))
    let hdu: FITSHDU = file.hduCount > 1 ? 1 : 0
    let full = try file.readImage(hdu, as: Double.self)
    let xs = 17..<101, ys = 250..<300
    let box = try file.readImage(hdu, box: [xs, ys], as: Double.self)
    #expect(box.shape == [xs.count, ys.count])
    var expected: [Double] = []
    for y in ys { for x in xs { expected.append(full[x, y]) } }
    #expect(box.pixels == expected)
    #expect(box[0, 0] == full[17, 250])
  }

  @Test("box outside the image is an invalidRequest naming file and HDU")
  func boxOutside() throws {
    let file = try FITSFile(url: Reference.url("synthetic_bitpix8_cube.fits"))
    #expect {
      _ = try file.readImage(.primary, box: [0..<5, 0..<4, 2..<4], as: Float.self)
    } throws: { error in
      let text = "\(error)"
      return text.contains("synthetic_bitpix8_cube.fits") && text.contains("HDU 0")
    }
  }

  @Test("3-D cube: shape, layout and a band box")
  func cube() throws {
    let file = try FITSFile(url: Reference.url("synthetic_bitpix8_cube.fits"))
    let cube = try file.readImage(.primary, as: Float.self)
    #expect(cube.shape == [5, 4, 3])
    let band = try file.readImage(.primary, box: [0..<5, 0..<4, 1..<2], as: Float.self)
    #expect(band.shape == [5, 4, 1])
    #expect(Array(cube.pixels[20..<40]) == band.pixels)
    #expect(cube[4, 3, 2] == cube.pixels.last)
  }

  @Test("HDU by EXTNAME, BLANK → NaN, BSCALE/BZERO applied")
  func byNameScaledBlank() throws {
    let file = try FITSFile(url: Reference.url("synthetic_bitpix_mix.fits"))
    let info = try file.imageInfo("scaled")
    #expect(info.bitpix == 32)
    #expect(info.bscale == 0.25 && info.bzero == 10.5 && info.blank == -999)
    let image = try file.readImage("SCALED", as: Double.self)
    #expect(image.missingCount == 2)
    #expect(image[3, 2].isNaN && image[0, 5].isNaN)
    #expect(try file.info("WIDE").index == 2)
    #expect(throws: FITSIOError.self) { try file.info("NOPE") }
    #expect(throws: FITSIOError.self) { try file.readImage(7) }
  }

  @Test("concurrent reads of one shared FITSFile agree with a serial read")
  func concurrentReads() async throws {
    let file = try FITSFile(url: Reference.url("synthetic_bitpix_mix.fits"))
    let serial = try file.readImage("FLOATS", as: Double.self)
    let results = try await withThrowingTaskGroup(of: FITSImage<Double>.self) { group in
      for i in 0..<8 {
        group.addTask { try file.readImage(i % 2 == 0 ? "FLOATS" : 3, as: Double.self) }
      }
      return try await group.reduce(into: []) { $0.append($1) }
    }
    #expect(results.count == 8)
    for r in results {
      #expect(r.shape == serial.shape && r.missingCount == 3)
      #expect(zip(r.pixels, serial.pixels).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) })
    }
  }

  @Test("gzip-compressed file reads like a plain one", .enabled(if: SharedData.isAvailable, SharedData.skipMessage))
  func gzipFile() throws {
    let file = try FITSFile(url: SharedData.url("fits_samples/astropy_8.0.2/wcs__dist_lookup.fits.gz"))
    #expect(file.hduCount == 5)
    let sci = try file.readImage("SCI", as: Float.self)
    #expect(sci.shape == [100, 100])
  }

  @Test("reading pixels of a table is a wrongHDUType error")
  func tableAsImage() throws {
    let file = try FITSFile(url: Reference.url("synthetic_tables.fits"))
    #expect {
      _ = try file.readImage("CATALOG", as: Float.self)
    } throws: { error in
      guard case .wrongHDUType(let path, let hdu, _, _)? = error as? FITSIOError else { return false }
      return path.hasSuffix("synthetic_tables.fits") && hdu == "HDU 1 'CATALOG'"
    }
  }
}
