// galmorph — GalmorphCommands

import AnisotropyAudit
import ArgumentParser
import Foundation
import GalmorphSupport

/// `galmorph slurm`: ready sbatch scripts for annotating a survey and auditing on a Slurm cluster.
struct SlurmCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "slurm",
    abstract: "Write (and optionally submit) sbatch scripts: annotation in shards, or an audit as one task per model.",
    subcommands: [SlurmAnnotateCommand.self, SlurmAuditCommand.self]
  )
}

/// The sbatch options of both subcommands.
struct SlurmOptions: ParsableArguments {
  @Option(name: .customLong("jobs-dir"), help: "Folder for the scripts, the logs (and the annotation's parts).")
  var jobsDir: String

  @Option(
    name: .customLong("cpus-per-task"),
    help: "CPUs per task (sbatch --cpus-per-task); galmorph's threads follow SLURM_CPUS_PER_TASK.")
  var cpusPerTask: Int = 2

  @Option(help: "Time limit per task (sbatch --time, e.g. 2:00:00).")
  var time: String?

  @Option(help: "Partition (sbatch --partition).")
  var partition: String?

  @Option(help: "Memory per node (sbatch --mem, e.g. 4G).")
  var mem: String?

  @Option(help: "Account (sbatch --account).")
  var account: String?

  @Option(help: "The galmorph executable the jobs run (default: this one).")
  var galmorph: String?

  @Flag(help: "Submit the array job and the dependent job with sbatch and print their ids.")
  var submit = false

  func validate() throws {
    guard cpusPerTask >= 1 else { throw ValidationError("--cpus-per-task must be at least 1") }
  }

  /// The settings, with absolute paths, after creating the jobs folder and its `logs/`.
  func settings() throws -> SlurmSettings {
    let cwd = FileManager.default.currentDirectoryPath
    let jobs = URL(fileURLWithPath: jobsDir, relativeTo: URL(fileURLWithPath: cwd, isDirectory: true))
      .standardizedFileURL
    try OutputLocation.prepareFolder(jobs.appendingPathComponent("logs", isDirectory: true))
    let exe =
      galmorph.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
      ?? URL(fileURLWithPath: CommandLine.arguments[0], relativeTo: URL(fileURLWithPath: cwd, isDirectory: true))
      .standardizedFileURL.resolvingSymlinksInPath().path
    return SlurmSettings(
      cpusPerTask: cpusPerTask, time: time, partition: partition, mem: mem, account: account, executable: exe,
      workingDirectory: cwd, jobsFolder: jobs.path)
  }

  /// Writes the array script (`tasks` tasks) and the script that runs after it (`then`: merge or collect) into the
  /// jobs folder; with `--submit` submits both, the second with `--dependency=afterok` on the first.
  func emit(
    array: (text: String, name: String), tasks: Int, then: (text: String, name: String, role: String),
    in s: SlurmSettings
  ) throws {
    let arrayPath = try write(array.text, array.name, in: s)
    let thenPath = try write(then.text, then.name, in: s)
    print("wrote \(arrayPath) (\(tasks) tasks) and \(thenPath)")
    guard submit else { return }
    let id = try Sbatch.submit(arrayPath)
    let thenID = try Sbatch.submit(thenPath, afterOK: id)
    print("submitted array job \(id) and \(then.role) job \(thenID) (after the array succeeds)")
  }

  /// Writes `text` to `jobsFolder/name` (atomically, executable) and returns the path.
  func write(_ text: String, _ name: String, in s: SlurmSettings) throws -> String {
    let url = URL(fileURLWithPath: s.jobsFolder).appendingPathComponent(name)
    try AtomicFile.write(text, to: url)
    chmod(url.path, 0o755)
    return url.path
  }
}

/// `galmorph slurm annotate`: an array job of `annotate --shard K/N` and a dependent `merge`.
struct SlurmAnnotateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "annotate",
    abstract: "Scripts for annotating a catalog in N shards (an array job) and merging them (a dependent job).",
    discussion: """
      Arguments after `--` go to every `galmorph annotate` (e.g. -- --catalog survey.fits --tta 8). Task K writes \
      JOBS/parts/part-K.csv with --shard K/N and --resume (a killed or requeued task continues; resubmit one \
      with `sbatch --array=K JOBS/annotate.sbatch`); JOBS/merge.sbatch merges every part into --output. With \
      --submit the merge runs after the array (--dependency=afterok).
      """
  )

  @OptionGroup var slurm: SlurmOptions

  @Option(help: "Number of shards (array tasks).")
  var tasks: Int

  @Option(help: "The merged catalog (FITS for .fits, else CSV).")
  var output: String

  @Argument(parsing: .postTerminator, help: "Arguments of `galmorph annotate` (after --).")
  var annotateArguments: [String] = []

  func validate() throws {
    guard tasks >= 1 else { throw ValidationError("--tasks must be at least 1") }
    for reserved in ["--shard", "--output", "--resume"] where annotateArguments.contains(reserved) {
      throw ValidationError("\(reserved) is set by the scripts; leave it out of the annotate arguments")
    }
    _ = try AnnotateCommand.parse(annotateArguments + ["--output", "x.csv"])  // fails early on a typo
  }

  func run() throws {
    let s = try slurm.settings()
    let out = URL(fileURLWithPath: output, relativeTo: URL(fileURLWithPath: s.workingDirectory, isDirectory: true))
      .standardizedFileURL.path
    let scripts = SlurmScripts.annotate(s, tasks: tasks, annotateArguments: annotateArguments, output: out)
    try slurm.emit(
      array: (scripts.array, "annotate.sbatch"), tasks: tasks, then: (scripts.merge, "merge.sbatch", "merge"), in: s)
  }
}

/// `galmorph slurm audit`: plans the audit, then an array job of `audit --task I` and a dependent `--collect`.
struct SlurmAuditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit",
    abstract: "Plan an audit and write scripts for its models (an array job, one per task) and the collect step.",
    discussion: """
      Arguments after `--` go to every `galmorph audit` (e.g. -- --images sky.h5 --split dec:0 --out audit). Runs \
      `galmorph audit … --plan` here (the audit folder must be on a file system the nodes share), then writes \
      JOBS/audit-tasks.sbatch (task I trains model I; requeue-safe) and JOBS/audit-collect.sbatch.
      """
  )

  @OptionGroup var slurm: SlurmOptions

  @Argument(parsing: .postTerminator, help: "Arguments of `galmorph audit` (after --).")
  var auditArguments: [String] = []

  func validate() throws {
    for reserved in ["--plan", "--task", "--collect"] where auditArguments.contains(reserved) {
      throw ValidationError("\(reserved) is set by the scripts; leave it out of the audit arguments")
    }
  }

  func run() throws {
    let s = try slurm.settings()
    let plan = try AuditCommand.parse(auditArguments + ["--plan"])
    try plan.run()
    let folder = URL(fileURLWithPath: plan.out, relativeTo: URL(fileURLWithPath: s.workingDirectory, isDirectory: true))
    let tasks = try JSONCoding.decoder().decode(
      AuditTasks.self, from: Data(contentsOf: folder.appendingPathComponent(AuditTasks.fileName))
    ).tasks.count
    let scripts = SlurmScripts.audit(s, tasks: tasks, auditArguments: auditArguments)
    try slurm.emit(
      array: (scripts.array, "audit-tasks.sbatch"), tasks: tasks,
      then: (scripts.collect, "audit-collect.sbatch", "collect"), in: s)
  }
}
