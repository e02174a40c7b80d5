// galmorph — GalmorphFuzzingTests
//
// The fuzz targets on hostile inputs made by hand (truncations and corruptions of real files), and every input that
// fuzzing ever found (Regressions/<target>/): each must be read or refused with an error naming the file — never a
// crash.

import Foundation
import GalmorphFuzzing
import Testing
import _GalmorphTestSupport

@Suite("Fuzz targets: hostile inputs are refused, never crash")
struct FuzzTargetTests {
  static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  static let root = here.deletingLastPathComponent().deletingLastPathComponent()

  static func bytes(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: root.appendingPathComponent(path)))
  }

  /// `run` throws, and the message names the scratch file the reader was given (file-based targets).
  static func expectRefused(_ target: FuzzTarget, _ input: [UInt8], _ what: String) {
    do {
      try target.run(input)
      Issue.record("\(target.rawValue): \(what) was read")
    } catch {
      let text = "\(error)"
      #expect(!text.isEmpty)
      if ![.skyExpression, .simulationConfig, .image].contains(target) {
        #expect(text.contains(FuzzTarget.scratch.path), "\(target.rawValue), \(what): \(text)")
      }
    }
  }

  @Test func truncatedAndCorruptFilesAreRefusedWithTheFileNamed() throws {
    let fits = try Self.bytes("Tests/FITSIOTests/Reference/synthetic_tables.fits")
    Self.expectRefused(.fitsTable, Array(fits.prefix(2880)), "a FITS table cut after its primary header")
    Self.expectRefused(.fitsTable, Array(fits.prefix(4000)), "a FITS table cut inside an extension header")
    let cube = try Self.bytes("Tests/FITSIOTests/Reference/synthetic_bitpix8_cube.fits")
    Self.expectRefused(.fitsImage, Array(cube.prefix(3000)), "a FITS image cut inside its data")
    let png = try Self.bytes("Tests/ImageCodecsTests/Reference/fixtures/pil_rgb8.png")
    Self.expectRefused(.image, Array(png.prefix(100)), "a PNG cut after 100 bytes")
    let jpeg = try Self.bytes("Tests/ImageCodecsTests/Reference/fixtures/pil_gray.jpg")
    Self.expectRefused(.image, Array(jpeg.prefix(jpeg.count / 2)), "half a JPEG")
    let stack = try Self.bytes("Catalogs/gz1_cutouts_64.h5")
    Self.expectRefused(.hdf5Stack, Array(stack.prefix(4096)), "an HDF5 stack cut after 4 KB")
    let gz = try Self.bytes("Catalogs/gz1_flags_positions.csv.gz")
    Self.expectRefused(.csvGzip, Array(gz.prefix(gz.count / 3)), "a gzip stream cut short")
    Self.expectRefused(.csv, Array("ra,dec\n12:30:00,+91:00:00\n".utf8), "a declination beyond the pole")
    Self.expectRefused(.csv, Array("ra,dec\n10,\"20\n".utf8), "an unterminated quote")
    Self.expectRefused(.skyExpression, Array("1 + (dec <".utf8), "an unfinished expression")
    Self.expectRefused(.simulationConfig, Array("{\"count\": -5}".utf8), "a negative count")
    Self.expectRefused(.auditJSON, Array("{\"format_version\": 4}".utf8), "an audit.json without its fields")
  }

  /// Every input under Regressions/<target>/ — what `make fuzz` found, after the fix — is read or refused.
  @Test func fuzzingFindingsStayFixed() throws {
    let folder = Self.here.appendingPathComponent("Regressions")
    var replayed = 0
    for target in FuzzTarget.allCases {
      let dir = folder.appendingPathComponent(target.rawValue)
      let files = (try? FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)) ?? []
      for file in files where !file.lastPathComponent.hasPrefix(".") {
        do { try target.run(Array(try Data(contentsOf: file))) } catch {
          #expect(!"\(error)".isEmpty, "\(file.lastPathComponent)")
        }
        replayed += 1
      }
    }
    print("replayed \(replayed) fuzzing regression input(s)")
  }
}
