// galmorph — MorphologyClassifierTests: annotate --shard K/N and merge.

import CatalogIO
import Foundation
import GalmorphSupport
@testable import MorphologyClassifier
import Testing
import _GalmorphTestSupport

@Suite("Sharded annotation and merge")
struct AnnotationShardTests {
  @Test func shardsPartitionTheRows() throws {
    for total in [0, 1, 5, 23, 100] {
      for count in 1...7 {
        let parts = try (0..<count).map { try AnnotationShard(index: $0, count: count).rows(of: total) }
        #expect(parts.first?.lowerBound == 0 && parts.last?.upperBound == total, "T \(total) N \(count)")
        for k in 1..<count { #expect(parts[k].lowerBound == parts[k - 1].upperBound) }
        let sizes = parts.map(\.count)
        #expect(sizes.max()! - sizes.min()! <= 1)
      }
    }
    #expect(try AnnotationShard(parsing: "2/5") == AnnotationShard(index: 2, count: 5))
    for bad in ["4/4", "-1/3", "a/b", "3", "1/0", "1/2/3"] {
      #expect(throws: ClassifierError.self, "\(bad)") { try AnnotationShard(parsing: bad) }
    }
  }

  /// The catalog, the unsharded CSV and FITS annotations, and `count` CSV shards.
  struct Fixture {
    let tmp: TemporaryFolder, catalog: URL, full: URL, shards: [URL]
    func annotator(_ sha: String = "m") throws -> Annotator {
      Annotator(model: try SyntheticGalaxies.untrainedModel(), modelSHA256: sha, batchSize: 4, progressStyle: .silent)
    }

    init(count: Int = 4, ext: String = "csv") throws {
      let tmp = try TemporaryFolder()
      let catalog = try SyntheticGalaxies.writeCatalog(n: 23, size: 36, folder: tmp.url, missing: [3, 17])
      let a = Annotator(
        model: try SyntheticGalaxies.untrainedModel(), modelSHA256: "m", batchSize: 4, progressStyle: .silent)
      full = tmp.file("full.\(ext)")
      try a.annotate(catalog: catalog, output: full)
      shards = try (0..<count).map { k in
        let out = tmp.file("part-\(k).\(ext)")
        try a.annotate(catalog: catalog, output: out, shard: try AnnotationShard(index: k, count: count))
        return out
      }
      self.tmp = tmp; self.catalog = catalog
    }
  }

  @Test func mergedCSVShardsEqualTheUnshardedRunByteForByte() throws {
    let f = try Fixture(); defer { f.tmp.cleanup() }
    let m = try ShardManifest.read(for: f.shards[1])
    #expect(
      m.runs == [5..<11] && m.shardBy == .rows && m.rowCount == 6 && m.totalRows == 23 && m.modelSHA256 == "m"
        && m.options["tta"] == "1")
    #expect(m.outputSHA256 == (try Checksum.sha256(fileAt: f.shards[1])))
    #expect(try csvRows(f.shards[1]).count == 1 + 6, "a shard is a whole catalog of its rows")
    let merged = f.tmp.file("merged.csv")
    let s = try AnnotationMerge.merge(f.shards.reversed(), into: merged)
    #expect(s == AnnotationMerge.Summary(rows: 23, shards: 4))
    #expect(try Data(contentsOf: merged) == Data(contentsOf: f.full))
    let meta = try JSONDecoder().decode(Provenance.self, from: Data(contentsOf: f.tmp.file("merged.csv.meta.json")))
    #expect(meta.extra["shards"] == "4" && meta.inputs[f.shards[1].path] == m.outputSHA256)
  }

  @Test func mergedFITSShardsEqualTheUnshardedFITSTable() throws {
    let f = try Fixture(count: 3, ext: "fits"); defer { f.tmp.cleanup() }
    let merged = f.tmp.file("merged.fits")
    try AnnotationMerge.merge(f.shards, into: merged)
    let want = try CatalogFile.open(f.full), got = try CatalogFile.open(merged)
    #expect(got.columnNames == want.columnNames && got.rowCount == 23)
    for name in want.columnNames {
      let a = try want.readColumn(name, rows: 0..<23), b = try got.readColumn(name, rows: 0..<23)
      #expect(a.stringValues == b.stringValues, "column \(name)")
    }
  }

  /// Every defect is refused with an error naming the file, and no output (nor a temporary file) appears.
  @Test func mergeRefusesBrokenShardSets() throws {
    let f = try Fixture(); defer { f.tmp.cleanup() }
    let out = f.tmp.file("merged.csv")
    func refuses(_ shards: [URL], _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
      do {
        try AnnotationMerge.merge(shards, into: out)
        Issue.record("merge accepted a broken set (\(fragment))", sourceLocation: sourceLocation)
      } catch {
        #expect("\(error)".contains(fragment), "\(error)", sourceLocation: sourceLocation)
      }
      let left = (try? FileManager.default.contentsOfDirectory(atPath: f.tmp.url.path)) ?? []
      #expect(!left.contains { $0.hasPrefix("merged") || $0.hasPrefix(".merged") }, sourceLocation: sourceLocation)
    }
    refuses(Array(f.shards.prefix(3)), "missing shard(s) 3/4")
    refuses([f.shards[0], f.shards[1], f.shards[1], f.shards[2], f.shards[3]], "appears twice")
    // Truncated after it finished (a copy keeps the original intact for the other cases).
    let cut = f.tmp.file("cut")
    try FileManager.default.createDirectory(at: cut, withIntermediateDirectories: true)
    let cutShard = cut.appendingPathComponent("part-2.csv")
    let bytes = try Data(contentsOf: f.shards[2])
    try bytes.prefix(bytes.count - 30).write(to: cutShard)
    try FileManager.default.copyItem(at: ShardManifest.url(for: f.shards[2]), to: ShardManifest.url(for: cutShard))
    refuses([f.shards[0], f.shards[1], cutShard, f.shards[3]], "truncated or changed")
    // Made with another model.
    let other = f.tmp.file("other-3.csv")
    try f.annotator("m2").annotate(catalog: f.catalog, output: other, shard: try AnnotationShard(index: 3, count: 4))
    refuses([f.shards[0], f.shards[1], f.shards[2], other], "model differs")
    // From a set of another size.
    let five = f.tmp.file("five-3.csv")
    try f.annotator().annotate(catalog: f.catalog, output: five, shard: try AnnotationShard(index: 3, count: 5))
    refuses([f.shards[0], f.shards[1], f.shards[2], five], "shard count differs")
    // Killed before it finished: no manifest.
    let killed = f.tmp.file("killed-3.csv")
    try f.annotator().annotate(
      catalog: f.catalog, output: killed, shard: try AnnotationShard(index: 3, count: 4), stopAfterBatches: 1)
    refuses([f.shards[0], f.shards[1], f.shards[2], killed], "has not finished")
    // Not a shard output at all.
    refuses([f.full], "has not finished (or is not a shard output)")
    // The intact set still merges.
    try AnnotationMerge.merge(f.shards, into: out)
    #expect(try Data(contentsOf: out) == Data(contentsOf: f.full))
  }

  @Test func aKilledShardResumesToTheSameOutput() throws {
    let f = try Fixture(); defer { f.tmp.cleanup() }
    let again = f.tmp.file("again-1.csv"), shard = try AnnotationShard(index: 1, count: 4)
    let s1 = try f.annotator().annotate(catalog: f.catalog, output: again, shard: shard, stopAfterBatches: 1)
    #expect(!s1.finished && s1.rows == 4)
    #expect(throws: ClassifierError.self, "resuming as another shard is refused") {
      try f.annotator().annotate(
        catalog: f.catalog, output: again, resume: true, shard: try AnnotationShard(index: 2, count: 4))
    }
    let s2 = try f.annotator().annotate(catalog: f.catalog, output: again, resume: true, shard: shard)
    #expect(s2.finished && s2.rows == 6)
    #expect(try Data(contentsOf: again) == Data(contentsOf: f.shards[1]))
    // A requeued task that had already finished keeps its output (same bytes, same manifest) without redoing it.
    let manifest = try Data(contentsOf: ShardManifest.url(for: again))
    let s3 = try f.annotator().annotate(catalog: f.catalog, output: again, resume: true, shard: shard)
    #expect(s3.finished && s3.rows == 6 && s3.statusCounts.isEmpty)
    #expect(try Data(contentsOf: ShardManifest.url(for: again)) == manifest)
  }
}
