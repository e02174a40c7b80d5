// galmorph — GalmorphFuzzingTests
//
// The fuzz targets on hostile inputs made by hand (truncations and corruptions of real files), and every input that
// fuzzing ever found (Regressions/<target>/): each must be read or refused with an error naming the file — never a
// crash.

import FITSIO
import Foundation
import GalmorphFuzzing
import HDF5IO
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
    let model = try Self.bytes("Tests/MorphologyClassifierTests/Reference/model_golden.h5")
    try FuzzTarget.hdf5Model.run(model)  // the intact model loads and predicts
    Self.expectRefused(.hdf5Model, Array(model.prefix(model.count / 2)), "a model file cut in half")
    Self.expectRefused(.hdf5Model, stack, "an image stack given as a model")
    let gz = try Self.bytes("Catalogs/gz1_flags_positions.csv.gz")
    Self.expectRefused(.csvGzip, Array(gz.prefix(gz.count / 3)), "a gzip stream cut short")
    Self.expectRefused(.csv, Array("ra,dec\n12:30:00,+91:00:00\n".utf8), "a declination beyond the pole")
    Self.expectRefused(.csv, Array("ra,dec\n10,\"20\n".utf8), "an unterminated quote")
    Self.expectRefused(.skyExpression, Array("1 + (dec <".utf8), "an unfinished expression")
    Self.expectRefused(.simulationConfig, Array("{\"count\": -5}".utf8), "a negative count")
    Self.expectRefused(.auditJSON, Array("{\"format_version\": 4}".utf8), "an audit.json without its fields")
  }

  /// The fits-image target's finding (`make fuzz`, session 18): a binary table whose TTYPE4 value is 70 unquoted
  /// bytes made cfitsio 4.2's `ffgtbp` overflow a 70-byte buffer with `strcpy`, and glibc abort the process. The
  /// header screen refuses it first, naming HDU 1 and the card; a .fits.gz of it too; a quoted 68-character
  /// TTYPE (the longest a card holds) is still read.
  @Test func cfitsioTTYPEOverflowIsRefusedBeforeCfitsioParsesIt() throws {
    let input = try Self.bytes("Tests/GalmorphFuzzingTests/Regressions/fits-image/cfitsio-ttype-strcpy-fb5a06b6")
    let error = try #require(throws: (any Error).self) { try FuzzTarget.fitsImage.run(input) }
    let text = "\(error)"
    #expect(text.contains("HDU 1: header card 19 (TTYPE4): the value is not a quoted character string"), "\(text)")
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let plain = tmp.file("t.fits")
    try Data(input).write(to: plain)
    let gz = try ExternalTool.run("/bin/gzip", ["-k", plain.path])
    try #require(gz.status == 0)
    #expect(throws: (any Error).self) { try FITSHeaderScreen.check(path: plain.path + ".gz") }
    // The same table with TTYPE4 = 'NAME' (quoted) passes the screen.
    var fixed = input
    let card = 54 * 80
    let good = Array("TTYPE4  = 'NAME'".utf8) + Array(repeating: UInt8(ascii: " "), count: 80 - 16)
    fixed.replaceSubrange(card..<(card + 80), with: good)
    fixed.replaceSubrange((card + 80)..<(card + 160), with: Array(repeating: UInt8(ascii: " "), count: 80))
    try Data(fixed).write(to: plain)
    try FITSHeaderScreen.check(path: plain.path)
    let long = "TTYPE1  = '" + String(repeating: "x", count: 68) + "'"
    #expect(long.utf8.count == 80)
    var longInput = fixed
    longInput.replaceSubrange((44 * 80)..<(45 * 80), with: Array(long.utf8))
    try Data(longInput).write(to: plain)
    try FITSHeaderScreen.check(path: plain.path)
  }

  /// The fits-image target's second finding (session 19): "TTYPE4  ====…" — no "= " in columns 9–10, so the first
  /// screen passed it, but cfitsio takes the value after the first `=` anywhere in the card and overflowed the same
  /// buffer. The screen now reads names and values as cfitsio does: that card, a name ended by `=` ("TTYPE4=…"), a
  /// HIERARCH name and a complex-looking value are refused; a comment (`TTYPE4  = / …`) and a card without `=` pass.
  @Test func cfitsioValueAfterAnyEqualsSignIsScreened() throws {
    let input = try Self.bytes("Tests/GalmorphFuzzingTests/Regressions/fits-image/cfitsio-ttype-equals-b29a2f68")
    let error = try #require(throws: (any Error).self) { try FuzzTarget.fitsImage.run(input) }
    #expect(
      "\(error)".contains("HDU 1: header card 19 (TTYPE4): the value is not a quoted character string"), "\(error)")
    let table = try Self.bytes("Tests/GalmorphFuzzingTests/Regressions/fits-image/cfitsio-ttype-strcpy-fb5a06b6")
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let file = tmp.file("t.fits")
    func screened(_ card: String) throws -> String? {
      var bytes = table
      let padded = Array(card.utf8) + Array(repeating: UInt8(ascii: " "), count: 80 - card.utf8.count)
      bytes.replaceSubrange((54 * 80)..<(56 * 80), with: padded + Array(repeating: UInt8(ascii: " "), count: 80))
      try Data(bytes).write(to: file)
      do { try FITSHeaderScreen.check(path: file.path) } catch { return "\(error)" }
      return nil
    }
    let x = String(repeating: "x", count: 60)
    #expect(try screened("TTYPE4=" + x)?.contains("header card 19 (TTYPE4)") == true)
    #expect(try screened("HIERARCH TTYPE4 = " + x)?.contains("header card 19 (TTYPE4)") == true)
    #expect(try screened("TTYPE4  = (" + x + ")")?.contains("header card 19 (TTYPE4)") == true)
    #expect(try screened("TTYPE4  = 'NAME'") == nil)
    #expect(try screened("TTYPE4  = / no value, a comment") == nil)
    #expect(try screened("TTYPE4    a comment without a value indicator " + x.prefix(20)) == nil)
  }

  /// The hdf5-stack target's finding (session 19): a corrupt maximum dimension of `images` beyond `Int.max` (and not
  /// H5S_UNLIMITED) trapped in `HDF5Dataset.dimensions`' conversion — a Swift trap, caught only by the executable's
  /// child walk. Such a maximum now reads as unlimited (a current dimension there, or an overflowing element count,
  /// is refused naming the dataset), so these stacks open and fail on what they really lack: labels.
  @Test func hdf5DimensionsBeyondIntAreNotATrap() throws {
    for name in ["dataspace-dims-overflow-25a79eb4", "dataspace-dims-overflow-4d26364d"] {
      let input = try Self.bytes("Tests/GalmorphFuzzingTests/Regressions/hdf5-stack/" + name)
      let error = try #require(throws: (any Error).self) { try FuzzTarget.hdf5Stack.run(input) }
      #expect("\(error)".contains("the image stack has no labels"), "\(name): \(error)")
    }
  }

  /// The audit-json target's finding (session 18): an audit.json whose control unit number is 0 stopped
  /// `galmorph report` with an index out of range in the control-unit table; it is now refused, naming the field.
  @Test func auditJSONWithAControlUnitOutsideItsComponentsIsRefused() throws {
    let input = try Self.bytes("Tests/GalmorphFuzzingTests/Regressions/audit-json/control-unit-index-36bd3ce7")
    let error = try #require(throws: (any Error).self) { try FuzzTarget.auditJSON.run(input) }
    #expect(
      "\(error)".contains("splits[0].controls[0].unit is 0, but splits[0].test.control_components has 20 entries"),
      "\(error)")
  }

  /// The hdf5-model target's finding (session 20): a model file whose extra weight dataset `dense2/kernel` claims
  /// 2.6 × 10¹³ elements made the reader allocate 105 TB and the process abort. Weights are now matched against
  /// the stored architecture's parameters (key and shape) before any is read, and a read that could not fit in this
  /// machine's memory is refused naming the dataset.
  @Test func modelWeightsThatDoNotFitTheArchitectureAreNotRead() throws {
    let path = "Tests/GalmorphFuzzingTests/Regressions/hdf5-model/weights-dataspace-huge-8d766515"
    let input = try Self.bytes(path)
    let error = try #require(throws: (any Error).self) { try FuzzTarget.hdf5Model.run(input) }
    #expect("\(error)".contains("parameter 'dense2/kernel': not in this architecture"), "\(error)")
    let file = try HDF5File(url: Self.root.appendingPathComponent(path))
    defer { file.close() }
    let dataset = try file.dataset("/weights/dense2/kernel")
    #expect(dataset.shape.reduce(1, *) > 1 << 40, "\(dataset.shape)")
    let read = try #require(throws: HDF5IOError.self) { try dataset.read(as: Float.self) }
    #expect("\(read)".contains("/weights/dense2/kernel") && "\(read)".contains("of memory"), "\(read)")
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
