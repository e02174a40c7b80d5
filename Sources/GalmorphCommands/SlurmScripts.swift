// galmorph — GalmorphCommands
//
// sbatch scripts for annotating a survey and auditing on a Slurm cluster: an array job of independent tasks and a
// dependent job that merges or collects. Slurm schedules; galmorph only writes the scripts (and, asked, submits).

import Foundation

/// The sbatch settings every generated job shares.
struct SlurmSettings: Equatable {
  var cpusPerTask = 2
  var time: String?
  var partition: String?
  var mem: String?
  var account: String?
  /// The galmorph executable the jobs run (absolute).
  var executable: String
  /// The jobs' working folder (`--chdir`): where relative paths in the arguments were meant.
  var workingDirectory: String
  /// Where the scripts and the `logs/` folder go (absolute).
  var jobsFolder: String
}

/// Text of generated sbatch scripts.
enum SlurmScripts {
  /// `s` quoted for bash: single quotes, an embedded `'` as `'\''`.
  static func quote(_ s: String) -> String {
    if !s.isEmpty, s.allSatisfy({ $0.isLetter || $0.isNumber || "-_./:=,+@%".contains($0) }) { return s }
    return "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  /// An sbatch script: `#SBATCH` lines, then strict mode, galmorph's threads matched to the task's CPUs, and `body`.
  /// `array` = N gives `--array=0-(N−1)`; array tasks are `--requeue`-able (every task resumes on its own).
  static func script(name: String, settings s: SlurmSettings, array: Int?, cpus: Int, body: [String]) -> String {
    var lines = ["#!/bin/bash", "#SBATCH --job-name=\(name)"]
    if let n = array { lines.append("#SBATCH --array=0-\(n - 1)") }
    lines.append("#SBATCH --cpus-per-task=\(cpus)")
    lines.append("#SBATCH --chdir=\(quote(s.workingDirectory))")
    let log = array == nil ? "\(name)-%j.out" : "\(name)-%A_%a.out"
    lines.append("#SBATCH --output=\(quote(s.jobsFolder + "/logs/" + log))")
    if array != nil { lines.append("#SBATCH --requeue") }
    if let t = s.time { lines.append("#SBATCH --time=\(t)") }
    if let p = s.partition { lines.append("#SBATCH --partition=\(p)") }
    if let m = s.mem { lines.append("#SBATCH --mem=\(m)") }
    if let a = s.account { lines.append("#SBATCH --account=\(a)") }
    lines += [
      "set -euo pipefail",
      "# galmorph's engine workers follow the task's CPUs and OpenBLAS runs single-threaded inside them (the results",
      "# do not depend on the number of workers)",
      "export GALMORPH_THREADS=\"${SLURM_CPUS_PER_TASK:-1}\" OPENBLAS_NUM_THREADS=1 GALMORPH_PROGRESS=plain",
    ]
    return (lines + body).joined(separator: "\n") + "\n"
  }

  /// `galmorph` followed by `arguments`, quoted, as one command line.
  static func command(_ s: SlurmSettings, _ arguments: [String]) -> String {
    ([s.executable] + arguments).map(quote).joined(separator: " ")
  }

  /// Annotation in `tasks` shards: the array script (task K annotates shard K/N into `parts/part-K.csv`, resuming
  /// a killed or requeued run) and the merge script (every part named, so a missing one is an error).
  static func annotate(_ s: SlurmSettings, tasks n: Int, annotateArguments: [String], output: String) -> (
    array: String, merge: String, parts: [String]
  ) {
    let parts = (0..<n).map { "\(s.jobsFolder)/parts/part-\($0).csv" }
    // N is written into the script rather than read from SLURM_ARRAY_TASK_COUNT, so that resubmitting one task
    // (`sbatch --array=K annotate.sbatch`) still annotates shard K of N.
    let array = script(
      name: "galmorph-annotate", settings: s, array: n, cpus: s.cpusPerTask,
      body: [
        "exec " + command(s, ["annotate"] + annotateArguments) + " --shard \"${SLURM_ARRAY_TASK_ID}/\(n)\""
          + " --output " + quote(s.jobsFolder + "/parts/part-") + "\"${SLURM_ARRAY_TASK_ID}\".csv --resume"
      ])
    let merge = script(
      name: "galmorph-merge", settings: s, array: nil, cpus: 1,
      body: ["exec " + command(s, ["merge", "--output", output] + parts)])
    return (array, merge, parts)
  }

  /// An audit as tasks: the array script (task I trains model I; requeue-safe) and the collect script.
  static func audit(_ s: SlurmSettings, tasks n: Int, auditArguments: [String]) -> (array: String, collect: String) {
    let array = script(
      name: "galmorph-audit-task", settings: s, array: n, cpus: s.cpusPerTask,
      body: ["exec " + command(s, ["audit"] + auditArguments) + " --task \"${SLURM_ARRAY_TASK_ID}\""])
    let collect = script(
      name: "galmorph-audit-collect", settings: s, array: nil, cpus: s.cpusPerTask,
      body: ["exec " + command(s, ["audit"] + auditArguments + ["--collect"])])
    return (array, collect)
  }
}

/// Runs `sbatch --parsable [--dependency=afterok:ID] SCRIPT` and returns the job id.
enum Sbatch {
  static func submit(_ script: String, afterOK dependency: String? = nil) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["sbatch", "--parsable"] + (dependency.map { ["--dependency=afterok:\($0)"] } ?? []) + [script]
    let out = Pipe(), err = Pipe()
    p.standardOutput = out; p.standardError = err
    do { try p.run() } catch {
      throw CommandError.input(path: script, reason: "cannot run sbatch: \(error.localizedDescription)")
    }
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    guard p.terminationStatus == 0 else {
      throw CommandError.input(
        path: script,
        reason: "sbatch failed (exit \(p.terminationStatus)): "
          + message.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    // `--parsable` prints "ID" or "ID;CLUSTER".
    let id = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ";").first.map(String.init) ?? ""
    guard !id.isEmpty, id.allSatisfy(\.isNumber) else {
      throw CommandError.input(path: script, reason: "sbatch printed no job id: \(text)")
    }
    return id
  }
}
