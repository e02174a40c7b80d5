// galmorph — GalmorphCommandsTests
//
// `galmorph stack` carries the catalog's sky positions (ra/dec datasets, from the usual column names or
// --ra-column/--dec-column, sexagesimal accepted) and --keep-column extras, aligned with the exported rows.

import Foundation
import GalmorphCommands
import HDF5IO
import ImageCodecs
import Testing
import _GalmorphTestSupport

@Suite("galmorph stack: positions and kept columns")
struct StackPositionsTests {
  static let bundledStack = SharedData.packageRoot.appendingPathComponent("Catalogs/gz1_cutouts_64.h5")
  static var bundled: Bool { FileManager.default.fileExists(atPath: bundledStack.path) }

  /// Deterministic positions over the whole sky for galaxy `i`.
  static func position(_ i: Int) -> (ra: Double, dec: Double) {
    ((Double(i) * 47.123456).truncatingRemainder(dividingBy: 360), -84.5 + Double(i) * 5.4321)
  }

  /// RA in sexagesimal hours, `hh:mm:ss.ssss`.
  static func hours(_ ra: Double) -> String {
    let total = ra / 15 * 3600
    let h = Int(total / 3600), m = Int((total - Double(h) * 3600) / 60)
    return String(format: "%02d:%02d:%07.4f", h, m, total - Double(h) * 3600 - Double(m) * 60)
  }

  /// Dec in sexagesimal degrees, `±dd:mm:ss.sss`.
  static func degrees(_ dec: Double) -> String {
    let total = abs(dec) * 3600
    let d = Int(total / 3600), m = Int((total - Double(d) * 3600) / 60)
    return String(format: "%@%02d:%02d:%06.3f", dec < 0 ? "-" : "+", d, m, total - Double(d) * 3600 - Double(m) * 60)
  }

  /// `n` GZ1 cutouts from the bundled stack written as PNGs into `folder`, with a catalog
  /// `objid,file,label,RAJ2000,DEJ2000,ra_deg_x,dec_deg_x,redshift,survey` (sexagesimal under the usual names,
  /// decimal degrees under names that need the options). Row 3 is labelled `other` and is left out of the stack.
  static func gz1Catalog(in folder: TemporaryFolder, n: Int = 24) throws -> URL {
    let file = try HDF5File(url: bundledStack)
    defer { file.close() }
    let stack = try HDF5ImageStack(file: file)
    let pixels = try stack.batch(rows: 0..<n)
    let labels = try file.dataset("labels").readStrings()
    let ids = try file.dataset("id").readStrings()
    let per = 64 * 64 * 3
    var text = "objid,file,label,RAJ2000,DEJ2000,ra_deg_x,dec_deg_x,redshift,survey\n"
    for i in 0..<n {
      let bytes = pixels[(i * per)..<((i + 1) * per)].map { UInt8($0) }
      try PNGEncoder.write(bytes, width: 64, height: 64, channels: 3, to: folder.file("img\(i).png"))
      let p = position(i)
      let label = i == 3 ? "other" : labels[i]
      text +=
        "\(ids[i]),img\(i).png,\(label),\(hours(p.ra)),\(degrees(p.dec)),\(p.ra),\(p.dec),"
        + "\(String(format: "%.4f", 0.01 * Double(i))),\(i % 2 == 0 ? "SDSS" : "DESI")\n"
    }
    let url = folder.file("gz1.csv")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url
  }

  @Test(
    "sexagesimal RAJ2000/DEJ2000 found by name: ra/dec datasets match the exported rows; label, labels and kept columns",
    .enabled(if: StackPositionsTests.bundled, "bundled stack not present"))
  func positionsFromUsualNames() throws {
    let tmp = try TemporaryFolder("stack-positions"); defer { tmp.cleanup() }
    let catalog = try Self.gz1Catalog(in: tmp)
    let out = tmp.file("stack.h5")
    let said = try runGalmorph([
      "stack", "--catalog", catalog.path, "--crop-size", "64", "--size", "64", "--id-column", "objid",
      "--keep-column", "redshift", "--keep-column", "survey", "--output", out.path,
    ])
    #expect(
      said.contains("23 images") && said.contains("positions from RAJ2000/DEJ2000")
        && said.contains("kept redshift, survey"), "\(said)")
    let f = try HDF5File(url: out); defer { f.close() }
    let rows = try f.dataset("row").read(as: Int64.self).map(Int.init)
    #expect(rows == Array(0..<3) + Array(4..<24))
    let ra = try f.dataset("ra").read(as: Double.self), dec = try f.dataset("dec").read(as: Double.self)
    #expect(ra.count == 23 && dec.count == 23)
    for (k, r) in rows.enumerated() {
      let p = Self.position(r)
      #expect(abs(ra[k] - p.ra) < 1e-6 && abs(dec[k] - p.dec) < 1e-6, "row \(r): \(ra[k]), \(dec[k]) vs \(p)")
    }
    #expect(try f.dataset("ra").attributes.string("unit") == "deg")
    let label = try f.dataset("label").read(as: Int64.self), labels = try f.dataset("labels").readStrings()
    #expect(label == labels.map { $0 == "spiral" ? 1 : 0 })
    let redshift = try f.dataset("redshift")
    #expect(redshift.dataType.isNumeric)
    #expect(try redshift.read(as: Double.self) == rows.map { (0.01 * Double($0) * 1e4).rounded() / 1e4 })
    #expect(try f.dataset("survey").readStrings() == rows.map { $0 % 2 == 0 ? "SDSS" : "DESI" })

    // Annotating the stack (with a small model trained on it: 64-px crops do not fit the shipped model's 224)
    // carries the positions into the annotations, ready for `galmorph dipole`.
    let csv = tmp.file("annotated.csv")
    try runGalmorph([
      "train", "--image-stack", out.path, "--crop-size", "64", "--input-size", "64", "--epochs", "1",
      "--output", tmp.file("m.h5").path,
    ])
    try runGalmorph(["annotate", "--image-stack", out.path, "--model", tmp.file("m.h5").path, "--output", csv.path])
    let lines = try String(contentsOf: csv, encoding: .utf8).split(separator: "\n").map {
      $0.split(separator: ",").map(String.init)
    }
    let header = lines[0]
    let iRA = try #require(header.firstIndex(of: "ra")), iDec = try #require(header.firstIndex(of: "dec"))
    #expect(lines.count == 24)
    for (k, line) in lines.dropFirst().enumerated() {
      #expect(abs(Double(line[iRA])! - ra[k]) < 1e-9 && abs(Double(line[iDec])! - dec[k]) < 1e-9)
    }
  }

  @Test(
    "decimal columns named with --ra-column/--dec-column; the same positions",
    .enabled(if: StackPositionsTests.bundled, "bundled stack not present"))
  func positionsFromOptions() throws {
    let tmp = try TemporaryFolder("stack-positions-options"); defer { tmp.cleanup() }
    let catalog = try Self.gz1Catalog(in: tmp, n: 8)
    let out = tmp.file("stack.h5")
    try runGalmorph([
      "stack", "--catalog", catalog.path, "--crop-size", "64", "--size", "32", "--ra-column", "ra_deg_x",
      "--dec-column", "dec_deg_x", "--output", out.path,
    ])
    let f = try HDF5File(url: out); defer { f.close() }
    let rows = try f.dataset("row").read(as: Int64.self).map(Int.init)
    #expect(try f.dataset("ra").read(as: Double.self) == rows.map { Self.position($0).ra })
    #expect(try f.dataset("dec").read(as: Double.self) == rows.map { Self.position($0).dec })
    #expect(try f.dataset("ra").attributes.string("source_column") == "ra_deg_x")
  }

  @Test(
    "no position columns: no ra/dec (as before); a named missing column, a reserved --keep-column name and a bad angle are errors",
    .enabled(if: StackPositionsTests.bundled, "bundled stack not present"))
  func errorsAndAbsence() throws {
    let tmp = try TemporaryFolder("stack-positions-errors"); defer { tmp.cleanup() }
    let catalog = try Self.gz1Catalog(in: tmp, n: 6)
    // Without position columns.
    let lines = try String(contentsOf: catalog, encoding: .utf8).split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).prefix(3).joined(separator: ",")
    }
    let plain = tmp.file("plain.csv")
    try (lines.joined(separator: "\n") + "\n").write(to: plain, atomically: true, encoding: .utf8)
    let said = try runGalmorph([
      "stack", "--catalog", plain.path, "--crop-size", "64", "--size", "16", "--output", tmp.file("p.h5").path,
    ])
    #expect(said.contains("no positions"))
    let f = try HDF5File(url: tmp.file("p.h5"))
    #expect(!f.exists("ra") && !f.exists("dec") && f.exists("label") && f.exists("labels"))
    f.close()

    func message(_ args: [String]) -> String {
      do { try runGalmorph(args); return "" } catch { return Galmorph.message(for: error) }
    }
    let base = [
      "stack", "--catalog", catalog.path, "--crop-size", "64", "--size", "16", "--output", tmp.file("x.h5").path,
    ]
    let missing = message(base + ["--ra-column", "alpha_nope"])
    #expect(missing.contains("alpha_nope") && missing.contains(catalog.path), "\(missing)")
    let reserved = message(base + ["--keep-column", "label"])
    #expect(reserved.contains("--keep-column 'label'"), "\(reserved)")
    var text = try String(contentsOf: catalog, encoding: .utf8)
    text = text.replacingOccurrences(of: Self.degrees(Self.position(2).dec), with: "+95:00:00")
    try text.write(to: catalog, atomically: true, encoding: .utf8)
    let badAngle = message(base)
    #expect(badAngle.contains("DEJ2000") && badAngle.contains("+95:00:00") && badAngle.contains("row 3"), "\(badAngle)")
    #expect(!FileManager.default.fileExists(atPath: tmp.file("x.h5").path))
  }
}
