// galmorph — FITSIOTests
//
// Write → read round trips for images, cubes and tables with cards and provenance, checked by `fitsverify`.

import Foundation
import GalmorphSupport
import Testing
import _GalmorphTestSupport
import FITSIO

@Suite("Writing FITS files")
struct WriteRoundTripTests {
  static let longText = String(repeating: "a long provenance string; ", count: 5) + "end"

  static let cards: [FITSCard] = [
    FITSCard("BUNIT", "electron/s", comment: "pixel unit"),
    FITSCard("EXPTIME", 0.1, comment: "seconds"),
    FITSCard("GAIN", 2.0e-7),
    FITSCard("NCOMBINE", 12, comment: "frames"),
    FITSCard("DITHERED", true),
    FITSCard("OBJECT", "O'Brien's galaxy"),
    FITSCard("LONGSTR", longText, comment: "needs CONTINUE"),
    FITSCard("HIERARCH ESO DET CHIP NAME", "CCD-44"),
    .comment("written by the FITSIO tests"),
    .history("step 1"),
  ]

  static func checkCards(_ header: FITSHeader) {
    #expect(header.string("BUNIT") == "electron/s")
    #expect(header.card("BUNIT")?.comment == "pixel unit")
    #expect(header.double("EXPTIME") == 0.1)
    #expect(header.double("GAIN") == 2.0e-7)
    #expect(header.int("NCOMBINE") == 12)
    #expect(header.bool("DITHERED") == true)
    #expect(header.string("OBJECT") == "O'Brien's galaxy")
    #expect(header.string("LONGSTR") == longText)
    #expect(header.string("ESO DET CHIP NAME") == "CCD-44")
    #expect(header.commentary().contains("written by the FITSIO tests"))
    #expect(header.commentary("HISTORY") == ["step 1"])
  }

  @Test("Float32 image with cards and NaN pixels")
  func float32Image() throws {
    let folder = try TemporaryFolder(); defer { folder.cleanup() }
    var rng = SeededGenerator(seed: 7)
    var pixels = (0..<(31 * 17)).map { _ in Float(rng.nextNormal()) }
    pixels[5] = .nan; pixels[100] = .nan
    let image = FITSImage(shape: [31, 17], pixels: pixels)
    let url = folder.file("img.fits")
    try FITSWriter.writeImage(image, cards: Self.cards, to: url)
    let file = try FITSFile(url: url)
    let back = try file.readImage(.primary, as: Float.self)
    #expect(back.shape == [31, 17] && back.missingCount == 2)
    #expect(zip(back.pixels, pixels).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) })
    #expect(try file.imageInfo().bitpix == -32)
    Self.checkCards(try file.header())
    try Self.verify(url)
  }

  @Test("Float64 3-D cube in an extension, overwriting an existing file")
  func float64Cube() throws {
    let folder = try TemporaryFolder(); defer { folder.cleanup() }
    let url = folder.file("cube.fits")
    try Data("old".utf8).write(to: url)
    let pixels: [Double] = (0..<144).map { Double($0) * 1.0e-3 + 0.25 }
    let writer = try FITSWriter(url: url)
    try writer.addImage(FITSImage<Float>(shape: [4], pixels: [1, 1, 1, 1]))
    try writer.addImage(
      FITSImage<Double>(shape: [8, 6, 3], pixels: pixels), extname: "BANDS", cards: [FITSCard("BAND3", "i")])
    try writer.commit()
    let file = try FITSFile(url: url)
    #expect(file.hduCount == 2)
    let cube = try file.readImage("BANDS", as: Double.self)
    #expect(cube.shape == [8, 6, 3] && cube.pixels == pixels)
    #expect(try file.imageInfo("BANDS").bitpix == -64)
    #expect(try file.header("BANDS").string("BAND3") == "i")
    try Self.verify(url)
  }

  @Test("binary table in chunks: numeric, string, logical with nulls, vector, units, provenance")
  func table() throws {
    let folder = try TemporaryFolder(); defer { folder.cleanup() }
    let url = folder.file("cat.fits")
    let columns = [
      FITSColumnSpec("ID", .int64),
      FITSColumnSpec("RA", .float64, unit: "deg"),
      FITSColumnSpec("P_SPIRAL", .float32),
      FITSColumnSpec("NAME", .string(width: 10)),
      FITSColumnSpec("SPIRAL", .logical),
      FITSColumnSpec("FLUX", .float64, repeatCount: 3, unit: "mJy"),
      FITSColumnSpec("NPIX", .int16),
    ]
    var provenance = Provenance(
      seed: 42, modelSHA256: String(repeating: "ab", count: 32),
      inputs: [
        "/data/in/catalog_with_a_rather_long_name_for_testing_long_strings.csv": String(repeating: "0f", count: 32)
      ],
      extra: ["split": "north-south"], commandLine: "galmorph annotate --seed 42 " + Self.longText)
    provenance.createdUTC = "2026-11-23T12:00:00Z"
    let writer = try FITSWriter(url: url)
    try writer.beginTable(columns: columns, extname: "PREDICTIONS", cards: FITSCard.provenance(provenance))
    var expectedNames: [String] = [], expectedLogical: [Bool?] = [], expectedFlux: [Double] = []
    for chunk in 0..<3 {
      let rows = Array((chunk * 4)..<(chunk * 4 + 4))
      let names = rows.map { "obj\($0)" }
      let logical: [Bool?] = rows.map { $0 % 3 == 0 ? nil : $0 % 2 == 0 }
      let flux = rows.flatMap { r in [Double(r), Double(r) + 0.5, .nan] }
      expectedNames += names; expectedLogical += logical; expectedFlux += flux
      try writer.appendRows([
        .integer(rows.map { Int64($0) << 33 }), .double(rows.map { Double($0) * 10.125 }),
        .double(rows.map { Double($0) / 16 }), .string(names), .logical(logical), .double(flux),
        .integer(rows.map { Int64($0 - 5) }),
      ])
    }
    try writer.commit()

    let file = try FITSFile(url: url)
    let info = try file.tableInfo("PREDICTIONS")
    #expect(info.rowCount == 12)
    #expect(info.columns.map(\.tform) == ["1K", "1D", "1E", "10A", "1L", "3D", "1I"])
    #expect(info.columns.map(\.unit) == ["", "deg", "", "", "", "mJy", ""])
    #expect(try file.readColumn("ID", hdu: 1).values.integers == (0..<12).map { Int64($0) << 33 })
    #expect(try file.readColumn("RA", hdu: 1).values.doubles == (0..<12).map { Double($0) * 10.125 })
    #expect(try file.readColumn("P_SPIRAL", hdu: 1).values.doubles == (0..<12).map { Double($0) / 16 })
    #expect(try file.readColumn("NAME", hdu: 1).values.strings == expectedNames)
    #expect(try file.readColumn("SPIRAL", hdu: 1).values.logicals == expectedLogical)
    let flux = try #require(try file.readColumn("FLUX", hdu: 1, rows: 0..<12).values.doubles)
    #expect(zip(flux, expectedFlux).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) })
    #expect(try file.readColumn("NPIX", hdu: 1).values.integers == (0..<12).map { Int64($0 - 5) })
    let back = try #require(Provenance(fitsHeader: try file.header(1)))
    #expect(back.seed == 42 && back.modelSHA256 == provenance.modelSHA256)
    #expect(back.commandLine == provenance.commandLine && back.createdUTC == provenance.createdUTC)
    #expect(back.inputs == provenance.inputs && back.gitCommit == provenance.gitCommit)
    #expect(back.extra == ["SPLIT": "north-south"])
    try Self.verify(url)
  }

  @Test("paths with brackets, plus signs and spaces are taken literally (no cfitsio extended syntax)")
  func literalPaths() throws {
    let folder = try TemporaryFolder(); defer { folder.cleanup() }
    let url = folder.file("odd [1] +2 name.fits")
    try FITSWriter.writeImage(FITSImage<Float>(shape: [2, 2], pixels: [1, 2, 3, 4]), to: url)
    #expect(FileManager.default.fileExists(atPath: url.path))
    #expect(try FITSFile(url: url).readImage(.primary, as: Float.self).pixels == [1, 2, 3, 4])
  }

  @Test("a failed or abandoned write leaves the destination untouched and no temporary file")
  func atomic() throws {
    let folder = try TemporaryFolder(); defer { folder.cleanup() }
    let url = folder.file("keep.fits")
    try Data("previous".utf8).write(to: url)
    do {
      let writer = try FITSWriter(url: url)
      try writer.beginTable(columns: [FITSColumnSpec("N", .int16)])
      #expect {
        try writer.appendRows([.integer([1, 70000])])
      } throws: { error in "\(error)".contains("column 'N'") && "\(error)".contains("keep.fits") }
      #expect(throws: FITSIOError.self) { try writer.appendRows([.string(["x"])]) }
    }
    #expect(try String(contentsOf: url, encoding: .utf8) == "previous")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["keep.fits"])
  }

  static var fitsverify: String? {
    ["/usr/bin/fitsverify", "/usr/local/bin/fitsverify"].first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// Runs `fitsverify` (HEASARC's FITS standard checker) when installed; absent → nothing to check.
  static func verify(_ url: URL) throws {
    guard let tool = fitsverify else { return }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: tool)
    p.arguments = [url.path]
    let out = Pipe()
    p.standardOutput = out
    p.standardError = out
    try p.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    let problems = text.split(separator: "\n").filter { $0.contains("***") || $0.contains("Error") }
    #expect(
      p.terminationStatus == 0 && text.contains("found 0 warning(s) and 0 error(s)"),
      "fitsverify: \(problems.joined(separator: " | "))")
  }

  @Test(
    "fitsverify accepts a written image and table",
    .enabled(if: fitsverify != nil, "fitsverify not installed (apt-get install fitsverify)"))
  func fitsverifyAccepts() throws {
    let folder = try TemporaryFolder(); defer { folder.cleanup() }
    let url = folder.file("both.fits")
    let w = try FITSWriter(url: url)
    try w.addImage(FITSImage(shape: [3, 2], pixels: [1, 2, 3, 4, 5, Double.nan]), cards: Self.cards)
    try w.beginTable(
      columns: [FITSColumnSpec("X", .float32, unit: "pix"), FITSColumnSpec("OK", .logical)], extname: "T",
      cards: FITSCard.provenance(Provenance(seed: 1)))
    try w.appendRows([.double([1, 2]), .logical([true, nil])])
    try w.commit()
    try Self.verify(url)
    #expect(Self.fitsverify != nil)
  }
}
