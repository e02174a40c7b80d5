// galmorph — GalmorphCommandsTests
//
// `galmorph slurm` against a real slurmctld/slurmd (SlurmCluster): a 4-shard annotation of the bundled GZ1 stack as
// an array job plus the dependent merge, a shard cancelled midway and resubmitted, a small audit as an array of
// model tasks plus collect, and sky-patch shards (--shard-by healpix) from a jobs folder whose name has a space —
// each compared with the single-machine run.

import Foundation
import MorphologyClassifier
import Testing
import _GalmorphTestSupport

@testable import GalmorphCommands

@Suite(
  "galmorph slurm on a private Slurm cluster", .serialized,
  .enabled(if: GalmorphBinary.isAvailable, GalmorphBinary.skipMessage),
  .enabled(if: SlurmCluster.unavailableReason == nil, Comment(rawValue: SlurmCluster.unavailableReason ?? "")))
struct SlurmTests {
  static let stack = packageRoot().appendingPathComponent("Catalogs/gz1_cutouts_64.h5").path

  static func packageRoot() -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  }

  /// Runs galmorph (the built executable) with the cluster's environment; fails the test on a non-zero exit.
  static func galmorph(_ args: [String], _ cluster: SlurmCluster, in dir: URL) throws -> String {
    let r = try GalmorphBinary.run(args, environment: cluster.environment.mapValues { Optional($0) }, in: dir)
    guard r.status == 0 else { throw CommandError.message("galmorph \(args.joined(separator: " ")) failed: \(r.err)") }
    return r.out
  }

  static func sbatch(_ cluster: SlurmCluster, _ args: [String], in dir: URL) throws -> String {
    let r = try cluster.run("sbatch", ["--parsable"] + args, in: dir)
    guard r.status == 0 else { throw CommandError.message("sbatch \(args) failed: \(r.output)") }
    return String(r.output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ";")[0])
  }

  @Test func annotationInShardsAKilledShardAndAnAuditAsTasks() throws {
    let tmp = try TemporaryFolder(); defer { tmp.cleanup() }
    let cluster = try SlurmCluster(folder: tmp.file("slurm"))
    defer { cluster.stop() }
    let bin = GalmorphBinary.url!.path
    let dir = tmp.url
    let slurmArgs = ["--galmorph", bin, "--cpus-per-task", "1"]

    // 1. Four shards as an array job, the merge as a dependent job; identical to one unsharded run.
    _ = try Self.galmorph(["annotate", "--image-stack", Self.stack, "--output", "full.csv"], cluster, in: dir)
    let out = try Self.galmorph(
      ["slurm", "annotate", "--jobs-dir", "jobs", "--tasks", "4", "--output", "merged.csv", "--submit"] + slurmArgs
        + ["--", "--image-stack", Self.stack], cluster, in: dir)
    let ids = out.split(separator: "\n").last.map { Self.numbers(String($0)) } ?? []
    try #require(ids.count == 2, "job ids in: \(out)")
    #expect(try cluster.wait(ids[0]).allSatisfy { $0 == "COMPLETED" })
    #expect(try cluster.wait(ids[1]) == ["COMPLETED"], "\(cluster.logs())")
    #expect(try Data(contentsOf: tmp.file("merged.csv")) == Data(contentsOf: tmp.file("full.csv")))

    // 2. A shard cancelled midway (scancel of one array task) and resubmitted resumes; the merge is still identical.
    let tta = ["--tta", "8", "--batch-size", "32"]
    _ = try Self.galmorph(["annotate", "--image-stack", Self.stack, "--output", "full8.csv"] + tta, cluster, in: dir)
    _ = try Self.galmorph(
      ["slurm", "annotate", "--jobs-dir", "jobs8", "--tasks", "4", "--output", "merged8.csv"] + slurmArgs
        + ["--", "--image-stack", Self.stack] + tta, cluster, in: dir)
    let array = try Self.sbatch(cluster, ["jobs8/annotate.sbatch"], in: dir)
    let state = tmp.file("jobs8/parts/part-2.csv.partial.json")
    let end = Date().addingTimeInterval(300)
    while Date() < end {
      if let d = try? Data(contentsOf: state), let j = try? JSONSerialization.jsonObject(with: d) as? [String: Any],
        let done = j["rowsDone"] as? Int, done > 0
      {
        break
      }
      usleep(100_000)
    }
    _ = try cluster.run("scancel", ["\(array)_2"])
    let states = try cluster.wait(array)
    #expect(states.contains("CANCELLED"), "\(states)")
    #expect(!FileManager.default.fileExists(atPath: tmp.file("jobs8/parts/part-2.csv.shard.json").path))
    #expect(FileManager.default.fileExists(atPath: tmp.file("jobs8/parts/part-2.csv.partial").path))
    let again = try Self.sbatch(cluster, ["--array=2", "jobs8/annotate.sbatch"], in: dir)
    #expect(try cluster.wait(again) == ["COMPLETED"], "\(cluster.logs())")
    let merge = try Self.sbatch(cluster, ["jobs8/merge.sbatch"], in: dir)
    #expect(try cluster.wait(merge) == ["COMPLETED"], "\(cluster.logs())")
    #expect(try Data(contentsOf: tmp.file("merged8.csv")) == Data(contentsOf: tmp.file("full8.csv")))

    // 3. A small audit as an array of model tasks plus the dependent collect: the single-machine run's tables.
    _ = try Self.galmorph(
      ["simulate", "--preset", "context-dec", "--count", "400", "--seed", "5", "--out", "sim"], cluster, in: dir)
    let audit = [
      "--images", "sim", "--split", "dec:0", "--seeds", "2", "--controls", "1", "--epochs", "1", "--architecture",
      "net-a", "--train-size", "120", "--permutations", "100", "--bootstrap", "50",
    ]
    _ = try Self.galmorph(["audit"] + audit + ["--out", "whole"], cluster, in: dir)
    let auditOut = try Self.galmorph(
      ["slurm", "audit", "--jobs-dir", "jobs-audit", "--submit"] + slurmArgs + ["--"] + audit + ["--out", "tasks"],
      cluster, in: dir)
    let auditIDs = auditOut.split(separator: "\n").last.map { Self.numbers(String($0)) } ?? []
    try #require(auditIDs.count == 2, "job ids in: \(auditOut)")
    #expect(try cluster.wait(auditIDs[0]).count == 8)
    #expect(try cluster.wait(auditIDs[1]) == ["COMPLETED"], "\(cluster.logs())")
    for name in ["audit.csv", "audit_seeds.csv", "audit_controls.csv", "test_annotations.csv"] {
      #expect(
        try Data(contentsOf: tmp.file("whole/" + name)) == Data(contentsOf: tmp.file("tasks/" + name)), "\(name)")
    }

    // 4. Sky-patch shards (--shard-by healpix) of the simulated stack, scripts in a folder whose name has a space
    // (quoted #SBATCH paths): the merge restores the input's order, identical to one unsharded run.
    let sky = ["--image-stack", "sim/cutouts.h5"]
    _ = try Self.galmorph(["annotate"] + sky + ["--output", "sky-full.csv"], cluster, in: dir)
    let skyOut = try Self.galmorph(
      ["slurm", "annotate", "--jobs-dir", "jobs sky", "--tasks", "3", "--output", "sky-merged.csv", "--submit"]
        + slurmArgs + ["--"] + sky + ["--shard-by", "healpix:4"], cluster, in: dir)
    let skyIDs = skyOut.split(separator: "\n").last.map { Self.numbers(String($0)) } ?? []
    try #require(skyIDs.count == 2, "job ids in: \(skyOut)")
    #expect(try cluster.wait(skyIDs[0]).allSatisfy { $0 == "COMPLETED" }, "\(cluster.logs())")
    #expect(try cluster.wait(skyIDs[1]) == ["COMPLETED"], "\(cluster.logs())")
    let part = try ShardManifest.read(for: tmp.file("jobs sky/parts/part-1.csv"))
    #expect(part.shardBy == .healpix(nside: 4) && part.runs.count > 1, "a sky patch is scattered over the input")
    #expect(try Data(contentsOf: tmp.file("sky-merged.csv")) == Data(contentsOf: tmp.file("sky-full.csv")))
  }

  /// The decimal numbers in `text`, in order.
  static func numbers(_ text: String) -> [String] {
    text.split(whereSeparator: { !$0.isNumber }).map(String.init)
  }
}
