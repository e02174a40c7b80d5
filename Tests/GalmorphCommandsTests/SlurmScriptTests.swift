// galmorph — GalmorphCommandsTests: the text of the generated sbatch scripts (no Slurm needed).

import Foundation
import Testing

@testable import GalmorphCommands

@Suite("galmorph slurm: script text")
struct SlurmScriptTests {
  static let settings = SlurmSettings(
    cpusPerTask: 4, time: "1:00:00", partition: "short", mem: "4G", account: nil, executable: "/opt/gm/galmorph",
    workingDirectory: "/data/run 1", jobsFolder: "/data/run 1/jobs")

  @Test func quotingSurvivesBash() throws {
    #expect(SlurmScripts.quote("plain-name_1.h5") == "plain-name_1.h5")
    #expect(SlurmScripts.quote("two words") == "'two words'")
    #expect(SlurmScripts.quote("it's") == "'it'\\''s'")
    #expect(SlurmScripts.quote("") == "''")
    // bash itself reads the quoted words back verbatim.
    let words = ["a b", "it's", "$HOME", "x;y", "\"q\"", ""]
    let r = try run("/bin/bash", ["-c", "printf '%s\\n' " + words.map(SlurmScripts.quote).joined(separator: " ")])
    #expect(r == words.joined(separator: "\n") + "\n")
  }

  @Test func annotationScripts() {
    let s = SlurmScripts.annotate(
      Self.settings, tasks: 4, annotateArguments: ["--catalog", "my survey.fits", "--tta", "8"],
      output: "/data/out.fits")
    let lines = s.array.split(separator: "\n").map(String.init)
    #expect(lines.first == "#!/bin/bash")
    for line in [
      "#SBATCH --array=0-3", "#SBATCH --cpus-per-task=4", "#SBATCH --requeue", "#SBATCH --time=1:00:00",
      "#SBATCH --partition=short", "#SBATCH --mem=4G", "#SBATCH --chdir='/data/run 1'",
      "#SBATCH --output='/data/run 1/jobs/logs/galmorph-annotate-%A_%a.out'",
      "export GALMORPH_THREADS=\"${SLURM_CPUS_PER_TASK:-1}\" OPENBLAS_NUM_THREADS=1 GALMORPH_PROGRESS=plain",
      "exec /opt/gm/galmorph annotate --catalog 'my survey.fits' --tta 8 --shard \"${SLURM_ARRAY_TASK_ID}/4\""
        + " --output '/data/run 1/jobs/parts/part-'\"${SLURM_ARRAY_TASK_ID}\".csv --resume",
    ] {
      #expect(lines.contains(line), "\(line)")
    }
    #expect(!s.array.contains("--account"))
    #expect(!s.merge.contains("--array") && !s.merge.contains("--requeue") && s.merge.contains("--cpus-per-task=1"))
    #expect(s.parts.count == 4 && s.parts[3] == "/data/run 1/jobs/parts/part-3.csv")
    #expect(
      s.merge.contains(
        "exec /opt/gm/galmorph merge --output /data/out.fits '/data/run 1/jobs/parts/part-0.csv' "
          + "'/data/run 1/jobs/parts/part-1.csv' '/data/run 1/jobs/parts/part-2.csv' '/data/run 1/jobs/parts/part-3.csv'"
      ))
  }

  @Test func auditScripts() {
    let s = SlurmScripts.audit(Self.settings, tasks: 42, auditArguments: ["--images", "sky.h5", "--out", "audit"])
    #expect(s.array.contains("#SBATCH --array=0-41\n") && s.array.contains("#SBATCH --requeue\n"))
    #expect(
      s.array.contains("exec /opt/gm/galmorph audit --images sky.h5 --out audit --task \"${SLURM_ARRAY_TASK_ID}\"\n"))
    #expect(s.collect.contains("exec /opt/gm/galmorph audit --images sky.h5 --out audit --collect\n"))
    #expect(!s.collect.contains("--array"))
  }

  @Test func reservedArgumentsAreRefused() {
    #expect(throws: (any Error).self) {
      try SlurmAnnotateCommand.parse([
        "--jobs-dir", "j", "--tasks", "2", "--output", "o.csv", "--", "--catalog", "c.csv", "--shard", "0/2",
      ])
    }
    #expect(throws: (any Error).self) {
      try SlurmAnnotateCommand.parse([
        "--jobs-dir", "j", "--tasks", "0", "--output", "o.csv", "--", "--catalog", "c.csv",
      ])
    }
    #expect(throws: (any Error).self) {
      try SlurmAuditCommand.parse(["--jobs-dir", "j", "--", "--images", "s.h5", "--out", "a", "--collect"])
    }
  }

  func run(_ exe: String, _ args: [String]) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: exe)
    p.arguments = args
    let pipe = Pipe()
    p.standardOutput = pipe
    try p.run()
    let d = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return String(decoding: d, as: UTF8.self)
  }
}
