// galmorph — GalmorphCommandsTests
//
// A private one-node Slurm cluster for the tests: munged, slurmctld and slurmd from Debian's munge and slurm-wlm,
// run in the foreground as the current user (root in CI) with every file under a temporary folder, started by the
// test and stopped by the pids it started (never by name).

import Foundation
import Testing
import _GalmorphTestSupport

@testable import GalmorphCommands

final class SlurmCluster {
  static let programs = ["munged", "mungekey", "slurmctld", "slurmd", "sbatch", "scontrol", "scancel", "squeue"]

  /// Why the cluster cannot run here (nil when it can): a program missing, or not root.
  static let unavailableReason: String? = {
    let missing = programs.filter {
      ExternalTool.find($0) == nil && !FileManager.default.isExecutableFile(atPath: "/usr/sbin/\($0)")
    }
    if !missing.isEmpty {
      return
        "skipped: Slurm is not installed (missing \(missing.joined(separator: ", ")); `bash .ci/deps.sh` installs slurm-wlm and munge)"
    }
    if getuid() != 0 {
      return "skipped: the private Slurm cluster runs its daemons as root (SlurmUser=root); run as root"
    }
    return nil
  }()

  let folder: URL
  private var daemons: [(pid: pid_t, name: String)] = []
  private(set) var environment: [String: String] = [:]

  static func path(_ name: String) -> String {
    ExternalTool.find(name) ?? "/usr/sbin/\(name)"
  }

  /// A free TCP port (bound and released).
  static func freePort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = 0
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    withUnsafeMutablePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { p in
        _ = bind(fd, p, len)
        _ = getsockname(fd, p, &len)
      }
    }
    return Int(UInt16(bigEndian: addr.sin_port))
  }

  /// Starts munged, slurmctld and slurmd and waits until the node is idle (at most `timeout` seconds).
  init(folder: URL, timeout: TimeInterval = 60) throws {
    self.folder = folder
    let fm = FileManager.default
    for sub in ["state", "spool", "munge", "log"] {
      try fm.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
    }
    let f = folder.path
    // munge: a private key, socket, pid and log.
    let key = "\(f)/munge/munge.key", socketPath = "\(f)/munge/munge.socket"
    let made = try ExternalTool.run(Self.path("mungekey"), ["--create", "--keyfile=\(key)", "--force"])
    guard made.status == 0 else { throw CommandError.message("mungekey failed: \(made.output)") }
    chmod(key, 0o400)
    chmod("\(f)/munge", 0o700)
    try start(
      Self.path("munged"),
      [
        "--foreground", "--force", "--key-file=\(key)", "--socket=\(socketPath)", "--pid-file=\(f)/munge/munged.pid",
        "--log-file=\(f)/log/munged.log", "--seed-file=\(f)/munge/munged.seed",
      ])
    try waitFor(timeout: 15, "munged's socket") { fm.fileExists(atPath: socketPath) }

    // slurm.conf with the node line of `slurmd -C`.
    let probe = try ExternalTool.run(Self.path("slurmd"), ["-C"])
    guard probe.status == 0,
      let nodeLine = probe.output.split(separator: "\n").first(where: { $0.hasPrefix("NodeName=") })
    else { throw CommandError.message("slurmd -C failed: \(probe.output)") }
    let host = String(nodeLine.split(separator: " ")[0].dropFirst("NodeName=".count))
    let conf = """
      ClusterName=galmorphtest
      SlurmctldHost=\(host)
      SlurmUser=root
      SlurmdUser=root
      SlurmctldPort=\(Self.freePort())
      SlurmdPort=\(Self.freePort())
      AuthType=auth/munge
      CredType=cred/munge
      AuthInfo=socket=\(socketPath)
      StateSaveLocation=\(f)/state
      SlurmdSpoolDir=\(f)/spool
      SlurmctldPidFile=\(f)/slurmctld.pid
      SlurmdPidFile=\(f)/slurmd.pid
      SlurmctldLogFile=\(f)/log/slurmctld.log
      SlurmdLogFile=\(f)/log/slurmd.log
      ProctrackType=proctrack/linuxproc
      TaskPlugin=task/none
      SelectType=select/cons_tres
      SelectTypeParameters=CR_Core
      SchedulerType=sched/backfill
      MpiDefault=none
      ReturnToService=2
      JobCompType=jobcomp/none
      AccountingStorageType=accounting_storage/none
      MinJobAge=600
      SlurmdTimeout=30
      \(nodeLine.split(separator: " ").filter { !$0.hasPrefix("UpTime=") }.joined(separator: " ")) State=UNKNOWN
      PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP OverSubscribe=NO

      """
    let confPath = "\(f)/slurm.conf"
    try conf.write(toFile: confPath, atomically: true, encoding: .utf8)
    environment = ["SLURM_CONF": confPath]
    try start(Self.path("slurmctld"), ["-D", "-i", "-f", confPath])
    try start(Self.path("slurmd"), ["-D", "-f", confPath])
    try waitFor(timeout: timeout, "the node to become idle") {
      (try? self.run("scontrol", ["show", "node"]).output.contains("State=IDLE")) ?? false
    }
  }

  /// Starts a daemon in the foreground with posix_spawn (not Foundation's Process: a daemon that closes its
  /// inherited descriptors, as slurmctld does, makes Process take it for exited and block in waitpid, which stalls
  /// every later Process), output appended to `log/<name>.out`.
  private func start(_ executable: String, _ arguments: [String]) throws {
    let log = folder.appendingPathComponent("log/\(URL(fileURLWithPath: executable).lastPathComponent).out").path
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { for p in argv + envp { free(p) } }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, executable, &actions, nil, argv, envp)
    guard rc == 0 else { throw CommandError.message("cannot start \(executable): \(String(cString: strerror(rc)))") }
    daemons.append((pid, URL(fileURLWithPath: executable).lastPathComponent))
  }

  /// Whether the daemon `pid` still runs (reaps it when it has exited).
  private func running(_ pid: pid_t) -> Bool {
    var status: Int32 = 0
    return waitpid(pid, &status, WNOHANG) == 0
  }

  private func waitFor(timeout: TimeInterval, _ what: String, _ ready: () -> Bool) throws {
    let end = Date().addingTimeInterval(timeout)
    while Date() < end {
      if ready() { return }
      for d in daemons where !running(d.pid) {
        throw CommandError.message("\(d.name) exited while waiting for \(what); logs in \(folder.path)/log: " + logs())
      }
      usleep(200_000)
    }
    throw CommandError.message("timed out after \(Int(timeout)) s waiting for \(what); " + logs())
  }

  func logs() -> String {
    let dir = folder.appendingPathComponent("log")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
    return names.sorted().map { name in
      let text = (try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)) ?? ""
      return "--- \(name)\n" + text.split(separator: "\n").suffix(15).joined(separator: "\n")
    }.joined(separator: "\n")
  }

  /// Runs a Slurm client program with this cluster's SLURM_CONF.
  func run(_ program: String, _ arguments: [String], in directory: URL? = nil) throws -> (status: Int32, output: String)
  {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: Self.path(program))
    p.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    p.environment = env
    if let directory { p.currentDirectoryURL = directory }
    let pipe = Pipe()
    p.standardOutput = pipe; p.standardError = pipe
    p.standardInput = FileHandle.nullDevice
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  /// The state of job `id` (e.g. COMPLETED, FAILED, CANCELLED, RUNNING); for an array, every task's state.
  func states(_ id: String) throws -> [String] {
    let r = try run("scontrol", ["show", "job", id, "-o"])
    return r.output.split(separator: "\n").compactMap { line in
      line.split(separator: " ").first { $0.hasPrefix("JobState=") }.map { String($0.dropFirst("JobState=".count)) }
    }
  }

  /// Waits until every task of job `id` has ended; returns their states.
  @discardableResult
  func wait(_ id: String, timeout: TimeInterval = 600) throws -> [String] {
    let end = Date().addingTimeInterval(timeout)
    let ended: Set<String> = [
      "COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY", "PREEMPTED", "BOOT_FAIL", "DEADLINE",
    ]
    while Date() < end {
      let s = try states(id)
      if !s.isEmpty, s.allSatisfy({ ended.contains($0) }) { return s }
      usleep(500_000)
    }
    throw CommandError.message("job \(id) did not finish in \(Int(timeout)) s: \(try states(id)); " + logs())
  }

  /// Stops the daemons it started, by their pids (SIGTERM, then SIGKILL after 10 s), newest first.
  func stop() {
    for d in daemons.reversed() {
      guard running(d.pid) else { continue }
      kill(d.pid, SIGTERM)
      let end = Date().addingTimeInterval(10)
      while running(d.pid) && Date() < end { usleep(100_000) }
      if running(d.pid) {
        kill(d.pid, SIGKILL)
        var status: Int32 = 0
        waitpid(d.pid, &status, 0)
      }
    }
    daemons = []
  }

  deinit { stop() }
}
