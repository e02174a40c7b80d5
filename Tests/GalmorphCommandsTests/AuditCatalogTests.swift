// galmorph — GalmorphCommandsTests
//
// `galmorph audit --catalog`: a catalog of GZ1 cutouts (PNGs from the bundled stack, positions over the whole sky,
// one `other` row dropped) stacked into the output folder, audited at another input size than its stamps, and the
// cached stack reused (not rebuilt) on --resume; refused when the catalog changed or with --images as well.

import AnisotropyAudit
import Foundation
import GalmorphSupport
import HDF5IO
import ImageCodecs
import Testing
import _GalmorphTestSupport

@Suite(
  "galmorph audit --catalog", .serialized,
  .enabled(
    if: GalmorphBinary.isAvailable && StackPositionsTests.bundled,
    "needs the built galmorph and Catalogs/gz1_cutouts_64.h5"))
struct AuditCatalogTests {
  static let settings = [
    "--split", "dec:0", "--stack-crop-size", "64", "--stack-size", "64", "--input-size", "16",
    "--epochs", "1", "--controls", "2", "--permutations", "50",
    "--bootstrap", "20", "--id-column", "objid",
  ]

  @Test func stacksTheCatalogAuditsItAndReusesTheStackOnResume() throws {
    let tmp = try TemporaryFolder("audit-catalog"); defer { tmp.cleanup() }
    let catalog = try Self.catalog(in: tmp, n: 160)
    let out = tmp.file("audit")
    let first = try GalmorphBinary.run(["audit", "--catalog", catalog.path, "--out", out.path] + Self.settings)
    #expect(first.status == 0, "\(first.err)")
    #expect(first.err.contains("stacked 159 galaxies; dropped labels: other=1"), "\(first.err)")
    #expect(first.err.contains("stamps: 64 px, crops of 64 px of the source cutouts"), "\(first.err)")
    let result = try JSONCoding.decoder().decode(
      AuditResult.self, from: Data(contentsOf: out.appendingPathComponent("audit.json")))
    #expect(result.input.galaxies == 159)
    #expect(result.splits.count == 1 && !result.splits[0].verdict.statement.isEmpty)
    #expect(first.out.contains(result.splits[0].verdict.statement))
    let stack = out.appendingPathComponent("stack.h5")
    #expect(result.input.path == stack.path)
    #expect(result.provenance.inputs[catalog.path] == (try Checksum.sha256(fileAt: catalog)))
    // The test annotations carry each galaxy's own position and id, though the stack skips catalog row 3.
    let rows = try String(contentsOf: out.appendingPathComponent("test_annotations.csv"), encoding: .utf8)
      .split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
    let ids = try Self.catalogIDs(catalog)
    for line in rows.dropFirst() {
      let row = try #require(ids.firstIndex(of: line[0]), "id \(line[0]) is not in the catalog")
      let p = Self.position(row)
      #expect(row != 3 && abs(Double(line[1])! - p.ra) < 1e-6 && abs(Double(line[2])! - p.dec) < 1e-6, "\(line)")
    }

    // --resume: the cached stack is reused, not rebuilt.
    let before = try FileManager.default.attributesOfItem(atPath: stack.path)[.modificationDate] as? Date
    let again = try GalmorphBinary.run(
      ["audit", "--catalog", catalog.path, "--out", out.path, "--resume"] + Self.settings)
    #expect(again.status == 0, "\(again.err)")
    #expect(again.err.contains("reusing the cached stack") && !again.err.contains("stacked "), "\(again.err)")
    #expect((try FileManager.default.attributesOfItem(atPath: stack.path)[.modificationDate] as? Date) == before)

    // A changed catalog is refused on --resume, naming the stack and the checksums.
    try (String(contentsOf: catalog, encoding: .utf8) + "\n").write(to: catalog, atomically: true, encoding: .utf8)
    let changed = try GalmorphBinary.run(
      ["audit", "--catalog", catalog.path, "--out", out.path, "--resume"] + Self.settings)
    #expect(changed.status != 0)
    #expect(
      changed.err.contains(stack.path) && changed.err.contains("SHA-256") && changed.err.contains("another --out"),
      "\(changed.err)")
    #expect((try FileManager.default.attributesOfItem(atPath: stack.path)[.modificationDate] as? Date) == before)
  }

  @Test func imagesAndCatalogAreMutuallyExclusive() throws {
    let both = try GalmorphBinary.run(["audit", "--images", "a.h5", "--catalog", "b.csv", "--out", "x"])
    #expect(both.status == 64 && both.err.contains("exactly one of --images"), "\(both.err)")
    let neither = try GalmorphBinary.run(["audit", "--out", "x"])
    #expect(neither.status == 64 && neither.err.contains("exactly one of --images"), "\(neither.err)")
    let misplaced = try GalmorphBinary.run(["audit", "--images", "a.h5", "--stack-size", "32", "--out", "x"])
    #expect(misplaced.status == 64 && misplaced.err.contains("--stack-size goes with --catalog"), "\(misplaced.err)")
  }

  /// Deterministic positions spread over the whole sky (uniform in sin Dec) for galaxy `i`.
  static func position(_ i: Int) -> (ra: Double, dec: Double) {
    let u = (Double(i) * 0.6180339887).truncatingRemainder(dividingBy: 1)
    return ((Double(i) * 47.123456).truncatingRemainder(dividingBy: 360), asin(2 * u - 1) * 180 / .pi)
  }

  /// `n` GZ1 cutouts of the bundled stack as PNGs in `folder` and a catalog `objid,file,label,ra,dec` of them; row 3
  /// is labelled `other` (dropped from the stack).
  static func catalog(in folder: TemporaryFolder, n: Int) throws -> URL {
    let file = try HDF5File(url: StackPositionsTests.bundledStack)
    defer { file.close() }
    let pixels = try HDF5ImageStack(file: file).batch(rows: 0..<n)
    let labels = try file.dataset("labels").readStrings(), ids = try file.dataset("id").readStrings()
    let per = 64 * 64 * 3
    var text = "objid,file,label,ra,dec\n"
    for i in 0..<n {
      try PNGEncoder.write(
        pixels[(i * per)..<((i + 1) * per)].map { UInt8($0) }, width: 64, height: 64, channels: 3,
        to: folder.file("img\(i).png"))
      let p = position(i)
      text += "\(ids[i]),img\(i).png,\(i == 3 ? "other" : labels[i]),\(p.ra),\(p.dec)\n"
    }
    let url = folder.file("gz1.csv")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url
  }

  /// The `objid` column of the catalog, by data row.
  static func catalogIDs(_ url: URL) throws -> [String] {
    try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst().map {
      String($0.split(separator: ",")[0])
    }
  }
}
