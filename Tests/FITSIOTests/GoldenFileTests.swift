// galmorph — FITSIOTests
//
// Every shared sample file and every synthetic file against astropy 8.0.2: HDU structure, header values, table
// columns, and pixel statistics.

import Foundation
import Testing
import _GalmorphTestSupport
import FITSIO

@Suite("FITS files against astropy goldens")
struct GoldenFileTests {
  @Test("golden file loads and names its generator")
  func goldenLoads() throws {
    let golden = try #require(Golden.loaded)
    #expect(golden.generator == "gen_fits_golden.py")
    #expect(golden.astropy == "8.0.2")
    #expect(golden.shared.count == 20)
  }

  @Test(
    "shared sample matches astropy", .enabled(if: SharedData.isAvailable, SharedData.skipMessage),
    arguments: Golden.sharedPaths)
  func sharedFile(_ path: String) throws {
    let record = try #require(Golden.record(path))
    try check(SharedData.url(path), record)
  }

  @Test("synthetic file matches astropy", arguments: Golden.syntheticPaths)
  func syntheticFile(_ path: String) throws {
    let record = try #require(Golden.record(path))
    try check(Reference.url(path), record)
  }

  func check(_ url: URL, _ record: Golden.FileRecord) throws {
    let file = try FITSFile(url: url)
    let name = url.lastPathComponent
    #expect(file.hduCount == record.hdus.count, "\(name): HDU count")
    let inspection = try FITSInspection.inspect(url: url)
    for expected in record.hdus where expected.index < file.hduCount {
      let hdu = FITSHDU.index(expected.index)
      let info = try file.info(hdu)
      let at = "\(name) HDU \(expected.index)"
      #expect(info.kind.rawValue == expected.kind, "\(at): kind")
      #expect(info.isCompressed == expected.compressed, "\(at): compressed")
      #expect(info.extname == expected.extname, "\(at): EXTNAME")
      #expect(inspection.hdus[expected.index].dimensions == expected.dims, "\(at): dimensions")
      try checkHeader(file.header(hdu), expected.header, at)
      if info.kind == .image {
        let image = try file.imageInfo(hdu)
        #expect(image.bitpix == expected.bitpix, "\(at): BITPIX")
        #expect(image.shape == expected.dims, "\(at): shape")
        if let stats = expected.stats { try checkPixels(file, hdu, stats, at) }
      } else {
        try checkTable(file, hdu, expected, at)
      }
    }
  }

  func checkHeader(_ header: FITSHeader, _ expected: [String: Golden.TypedValue], _ at: String) throws {
    for (key, value) in expected {
      switch value {
      case let .string(s): #expect(header.string(key) == s, "\(at): \(key)")
      case let .int(i): #expect(header[key]?.intValue == i, "\(at): \(key)")
      case let .bool(b): #expect(header.bool(key) == b, "\(at): \(key)")
      case let .float(d):
        let got = try #require(header.double(key), "\(at): \(key) missing or not numeric")
        expectClose(got, d, rtol: 1e-12, "\(at): \(key)")
      }
    }
  }

  /// Sums are compared at rtol 1e-9: astropy's golden sums the float64 physical values (see the generator), we
  /// sum cfitsio's float64 conversion in a different order, so only rounding of the summation differs.
  func checkPixels(_ file: FITSFile, _ hdu: FITSHDU, _ stats: Golden.Stats, _ at: String) throws {
    let image = try file.readImage(hdu, as: Double.self)
    #expect(image.pixels.count == stats.count, "\(at): pixel count")
    #expect(image.missingCount == stats.nan, "\(at): NaN count")
    var sum = 0.0, lo = Double.infinity, hi = -Double.infinity, scale = 0.0
    for v in image.pixels where !v.isNaN {
      sum += v; lo = min(lo, v); hi = max(hi, v); scale += abs(v)
    }
    expectClose(sum, stats.sum, rtol: 1e-9, atol: 1e-12 * scale, "\(at): pixel sum")
    if let m = stats.min { #expect(lo == m, "\(at): min") }
    if let m = stats.max { #expect(hi == m, "\(at): max") }
    if let f = stats.first { #expect(image.pixels.first == f, "\(at): first pixel") }
    if let l = stats.last { #expect(image.pixels.last == l, "\(at): last pixel") }
    let asFloat = try file.readImage(hdu, as: Float.self)
    #expect(asFloat.missingCount == stats.nan, "\(at): NaN count (Float)")
  }

  func checkTable(_ file: FITSFile, _ hdu: FITSHDU, _ expected: Golden.HDURecord, _ at: String) throws {
    let table = try file.tableInfo(hdu)
    #expect(table.rowCount == expected.rows, "\(at): rows")
    let columns = expected.columns ?? []
    #expect(table.columns.map(\.name) == columns.map(\.name), "\(at): column names")
    #expect(table.columns.map(\.tform) == columns.map(\.tform), "\(at): TFORM")
    #expect(table.columns.map(\.unit) == columns.map(\.tunit), "\(at): TUNIT")
    #expect(table.columns.map(\.repeatCount) == columns.map(\.repeat), "\(at): repeat counts")
    for (name, sum) in expected.column_sums ?? [:] {
      let column = try file.readColumn(name, hdu: hdu)
      let got: Double
      switch column.values {
      case let .logical(v): got = Double(v.filter { $0 == true }.count)
      default: got = try #require(column.values.doubles, "\(at): \(name) not numeric").reduce(0, +)
      }
      expectClose(got, sum, rtol: 1e-9, atol: 1e-9, "\(at): sum of column \(name)")
    }
    for (name, first) in expected.first_strings ?? [:] {
      let column = try file.readColumn(name, hdu: hdu, rows: 0..<1)
      #expect(column.values.strings == [first], "\(at): first value of \(name)")
    }
  }
}
