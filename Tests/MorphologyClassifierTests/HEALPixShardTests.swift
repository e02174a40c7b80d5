// galmorph — MorphologyClassifierTests: annotate --shard K/N --shard-by healpix:NSIDE and its merge.

import CatalogIO
import Foundation
import GalmorphSupport
@testable import MorphologyClassifier
import SkyGeometry
import Testing
import _GalmorphTestSupport

@Suite("Sky-patch shards (--shard-by healpix)")
struct HEALPixShardTests {
  @Test func schemesParse() throws {
    #expect(try ShardScheme(parsing: "rows") == .rows)
    #expect(try ShardScheme(parsing: "healpix:32") == .healpix(nside: 32))
    #expect(ShardScheme.healpix(nside: 8).description == "healpix:8")
    for bad in ["healpix", "healpix:0", "healpix:12", "healpix:x", "sky:4", "rows:2"] {
      #expect(throws: ClassifierError.self, "\(bad)") { try ShardScheme(parsing: bad) }
    }
  }

  /// Random positions over the whole sky, 5000 rows, 4 shards at nside 16: every row in exactly one shard, each
  /// shard a run of consecutive NESTED pixels (all its pixels below the next shard's), sizes T/N to within one
  /// pixel's rows, and the pixel of each row the one chealpix gives.
  @Test func shardsAreBalancedRunsOfConsecutivePixels() throws {
    var g = SeededGenerator(seed: 3)
    let n = 5000
    let ra = (0..<n).map { _ in Double.random(in: 0..<360, using: &g) }
    let dec = (0..<n).map { _ in asin(Double.random(in: -1...1, using: &g)) * 180 / .pi }
    let pix = try ShardAssignment.nestedPixels(ra: ra, dec: dec, nside: 16)
    let hp = try HEALPix(nside: 16, ordering: .nested)
    #expect(pix[17] == hp.pixel(raDegrees: ra[17], decDegrees: dec[17]))
    var seen = [Int](repeating: 0, count: n)
    var ranges: [ClosedRange<Int>] = []
    for k in 0..<4 {
      let rows = try ShardAssignment.rows(
        of: try AnnotationShard(index: k, count: 4), scheme: .healpix(nside: 16), total: n
      ) { (ra, dec) }
      for r in rows.runs { for i in r { seen[i] += 1 } }
      let mine = Set(rows.runs.flatMap { $0 }.map { pix[$0] })
      ranges.append(mine.min()!...mine.max()!)
      #expect(rows.pixels == [mine.min()!, mine.max()!])
      let biggestPixel = Dictionary(grouping: pix, by: { $0 }).values.map(\.count).max()!
      #expect(abs(rows.count - n / 4) <= biggestPixel, "shard \(k): \(rows.count) rows")
      #expect(rows.runs.count > 1, "random order: a sky shard is scattered over the input")
    }
    #expect(seen.allSatisfy { $0 == 1 })
    for k in 1..<4 { #expect(ranges[k - 1].upperBound < ranges[k].lowerBound) }
  }

  /// A catalog of 23 rows with positions alternating between two sky regions (so every shard's rows are
  /// interleaved with the others') and a quoted note holding a newline.
  static func catalog(in tmp: TemporaryFolder) throws -> URL {
    let plain = try SyntheticGalaxies.writeCatalog(n: 23, size: 36, folder: tmp.url, missing: [3, 17])
    let lines = try String(contentsOf: plain, encoding: .utf8).split(separator: "\n")
    var text = lines[0] + ",ra,dec,note\n"
    for (i, line) in lines.dropFirst().enumerated() {
      let ra = Double((37 * i) % 360), dec = i % 2 == 0 ? 20.0 + 3 * Double(i) : -20.0 - 3 * Double(i)
      text += "\(line),\(ra),\(dec),\(i == 6 ? "\"two\nlines, quoted\"" : "n\(i)")\n"
    }
    let url = tmp.file("sky.csv")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url
  }

  static func annotator() throws -> Annotator {
    Annotator(model: try SyntheticGalaxies.untrainedModel(), modelSHA256: "m", batchSize: 4, progressStyle: .silent)
  }

  @Test func mergedSkyShardsEqualTheUnshardedRun() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let catalog = try Self.catalog(in: tmp)
    let a = try Self.annotator()
    for ext in ["csv", "fits"] {
      let full = tmp.file("full.\(ext)")
      try a.annotate(catalog: catalog, output: full)
      let shards = try (0..<3).map { k in
        let out = tmp.file("sky-\(k).\(ext)")
        try a.annotate(
          catalog: catalog, output: out, shard: try AnnotationShard(index: k, count: 3), shardBy: .healpix(nside: 2))
        return out
      }
      let manifests = try shards.map { try ShardManifest.read(for: $0) }
      #expect(manifests.map(\.rowCount).reduce(0, +) == 23)
      #expect(manifests.contains { $0.runs.count > 1 }, "the shards interleave in the input")
      #expect(
        manifests.allSatisfy { $0.shardBy == .healpix(nside: 2) && $0.pixels.count == 2 },
        "\(manifests.map { ($0.rowRuns, $0.pixels) })")
      let merged = tmp.file("merged.\(ext)")
      try AnnotationMerge.merge(shards.reversed(), into: merged)
      if ext == "csv" {
        #expect(try Data(contentsOf: merged) == Data(contentsOf: full))
      } else {
        let want = try CatalogFile.open(full), got = try CatalogFile.open(merged)
        #expect(got.columnNames == want.columnNames && got.rowCount == 23)
        for name in want.columnNames {
          let x = try want.readColumn(name, rows: 0..<23), y = try got.readColumn(name, rows: 0..<23)
          #expect(x.stringValues == y.stringValues, "column \(name)")
        }
      }
      // A set cut another way, or missing a part, is refused.
      let rowsShard = tmp.file("rows-2.\(ext)")
      try a.annotate(catalog: catalog, output: rowsShard, shard: try AnnotationShard(index: 2, count: 3))
      #expect(throws: ClassifierError.self) {
        try AnnotationMerge.merge([shards[0], shards[1], rowsShard], into: merged)
      }
      #expect(throws: ClassifierError.self) {
        try AnnotationMerge.merge([shards[0], shards[2]], into: tmp.file("x.\(ext)"))
      }
      #expect(!FileManager.default.fileExists(atPath: tmp.file("x.\(ext)").path))
    }
  }

  @Test func aKilledSkyShardResumesToTheSameOutput() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let catalog = try Self.catalog(in: tmp)
    let shard = try AnnotationShard(index: 1, count: 3), scheme = ShardScheme.healpix(nside: 2)
    let whole = tmp.file("whole.csv"), again = tmp.file("again.csv")
    try Self.annotator().annotate(catalog: catalog, output: whole, shard: shard, shardBy: scheme)
    let s1 = try Self.annotator().annotate(
      catalog: catalog, output: again, shard: shard, shardBy: scheme, stopAfterBatches: 1)
    #expect(!s1.finished && s1.rows == 4)
    #expect(throws: ClassifierError.self, "resuming with another --shard-by is refused") {
      try Self.annotator().annotate(catalog: catalog, output: again, resume: true, shard: shard, shardBy: .rows)
    }
    let s2 = try Self.annotator().annotate(catalog: catalog, output: again, resume: true, shard: shard, shardBy: scheme)
    #expect(s2.finished)
    #expect(try Data(contentsOf: again) == Data(contentsOf: whole))
  }

  /// Without positions, or with a bad one, the error names the file and what is wrong; nothing is written.
  @Test func skyShardsNeedPositions() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let plain = try SyntheticGalaxies.writeCatalog(n: 5, size: 36, folder: tmp.url)
    let out = tmp.file("out.csv")
    do {
      try Self.annotator().annotate(
        catalog: plain, output: out, shard: try AnnotationShard(index: 0, count: 2), shardBy: .healpix(nside: 4))
      Issue.record("a catalog without positions was accepted")
    } catch {
      #expect("\(error)".contains(plain.path) && "\(error)".lowercased().contains("ra"), "\(error)")
    }
    let bad = tmp.file("bad.csv")
    try "id,file,ra,dec\n0,img0.png,10,95\n".write(to: bad, atomically: true, encoding: .utf8)
    do {
      try Self.annotator().annotate(
        catalog: bad, output: out, shard: try AnnotationShard(index: 0, count: 2), shardBy: .healpix(nside: 4))
      Issue.record("Dec 95 was accepted")
    } catch {
      #expect("\(error)".contains("dec") && "\(error)".contains("row 1"), "\(error)")
    }
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }
}
