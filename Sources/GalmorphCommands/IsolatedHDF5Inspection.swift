// galmorph — GalmorphCommands
//
// HDF5 inspection in a child process, so that a crash inside libhdf5 on a corrupt file becomes an error message.

import Foundation
import GalmorphSupport
import HDF5IO

/// Runs `HDF5Inspection.inspect` in a child `galmorph` process when this process is the `galmorph` executable.
///
/// Why: Debian's libhdf5 1.10.8 can segfault on some corrupted attribute data (upstream issues HDFGroup/hdf5 #2662
/// and #1368, fixed in 1.14), which no Swift code can catch. The child prints the inspection as JSON; if it dies from
/// a signal, the parent reports the file as corrupt instead of crashing. In-process callers (tests, libraries) and
/// the child itself (`GALMORPH_INSPECT_CHILD` set, to the parent's process id) inspect directly.
enum IsolatedHDF5Inspection {
  static let childMarker = "GALMORPH_INSPECT_CHILD"

  ///
  /// `readingData`: the small datasets' values are read as well (``HDF5Inspection/inspect(url:readingData:)``).
  static func inspect(_ url: URL, readingData: Bool = false) throws -> HDF5Inspection {
    let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    guard ProcessInfo.processInfo.environment[childMarker] == nil, exe.lastPathComponent == "galmorph" else {
      if ProcessInfo.processInfo.environment[childMarker] != nil { exitWithParent() }
      return try HDF5Inspection.inspect(url: url, readingData: readingData)
    }
    var env = ProcessInfo.processInfo.environment
    env[childMarker] = "\(getpid())"
    return try runChild(exe, arguments: childArguments(url, readingData: readingData), environment: env, file: url)
  }

  /// The child's command line: `galmorph inspect FILE --json`, with the hidden `--read-data` when `readingData`.
  static func childArguments(_ url: URL, readingData: Bool) -> [String] {
    ["inspect", url.path, "--json"] + (readingData ? ["--read-data"] : [])
  }

  /// In the child: ends this process when its parent is gone — the parent process id is no longer the one the
  /// parent put in `GALMORPH_INSPECT_CHILD` (checked now and every 0.5 s; a parent killed before this child got
  /// here is caught too) — so that a walk caught in a libhdf5 loop does not outlive a parent killed by SIGKILL.
  static func exitWithParent() {
    guard let parent = ProcessInfo.processInfo.environment[childMarker].flatMap({ pid_t($0) }), parent > 1 else {
      return
    }
    if getppid() != parent { _exit(70) }
    let timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global())
    timer.schedule(deadline: .now() + 0.5, repeating: 0.5)
    timer.setEventHandler { if getppid() != parent { _exit(70) } }
    timer.resume()
    orphanWatch = timer
  }
  nonisolated(unsafe) private static var orphanWatch: (any DispatchSourceTimer)?

  /// Installs ``verifyInChild(_:executable:)`` as `HDF5File.openCheck` when this process is the `galmorph` executable (not its
  /// inspection child), so that every HDF5 file the command opens — image stacks, model files, catalogs — is first
  /// walked in a child process. Measured: 0.34 s for the bundled 64-px GZ1 stack and for a 4000-galaxy simulated
  /// stack. The walk reads metadata, attributes and the values of the small datasets (each ≤ 16 MiB, 64 MiB in all:
  /// a model's weights, a stack's columns), not the images: a crash inside a chunk of image data is not caught this
  /// way.
  static func installOpenCheck() {
    let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    guard ProcessInfo.processInfo.environment[childMarker] == nil, exe.lastPathComponent == "galmorph" else { return }
    HDF5File.openCheck = { url in try verifyInChild(url, executable: exe) }
    HDF5File.created = { url in _ = verified.insert(key(url)) }
  }

  /// A file's identity for the cache: path, size and modification time (a file rewritten since is walked again).
  static func key(_ url: URL) -> String {
    let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
    return "\(url.standardizedFileURL.path)|\((attributes?[.size] as? NSNumber)?.int64Value ?? -1)|"
      + "\((attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
  }

  /// Files already walked by a child, or written by this process (``key(_:)``): each is checked once per process.
  private static let verified = LockedSet()

  /// Walks `url` in a child `galmorph inspect` and throws ``HDF5IOError/cannotOpen(file:reason:)`` when the child
  /// dies from a signal (libhdf5 crashed) or fails: the walk is fatal only when the file cannot be opened or its
  /// group structure cannot be walked, and the in-process reader must not go on into a structure libhdf5 has just
  /// failed on — `make fuzz` found files whose root group the walk reported unreadable ("attempting I/O in temporary
  /// file space") on which the reader's own `H5Lexists` then segfaulted. The reason is the child's message.
  static func verifyInChild(_ url: URL, executable exe: URL) throws {
    let key = key(url)
    guard verified.insert(key) else { return }
    var env = ProcessInfo.processInfo.environment
    env[childMarker] = "\(getpid())"
    do {
      _ = try runChild(exe, arguments: childArguments(url, readingData: true), environment: env, file: url)
    } catch let error as CommandError {
      verified.remove(key)
      throw HDF5IOError.cannotOpen(file: url.path, reason: childReason(error, file: url.path))
    }
  }

  /// The child's error without what ``HDF5IOError/cannotOpen(file:reason:)`` adds again: the leading file name, a
  /// leading "cannot open as HDF5: " and the closing advice.
  static func childReason(_ error: CommandError, file: String) -> String {
    var text: String
    if case .input(_, let reason) = error { text = reason } else { text = "\(error)" }
    for prefix in [file + ": ", "cannot open as HDF5: "] where text.hasPrefix(prefix) {
      text.removeFirst(prefix.count)
    }
    let advice = ". Check that the file exists, is complete (not truncated) and is an HDF5 file."
    if text.hasSuffix(advice) { text.removeLast(advice.count) }
    return text
  }

  /// How long a child may take before it is killed: `GALMORPH_INSPECT_TIMEOUT` seconds, default 300. The walk reads
  /// metadata and attributes only (0.34 s for a 4000-galaxy stack), so a child still running after minutes is a
  /// libhdf5 caught in a loop on a corrupt file.
  static var timeout: Double {
    ProcessInfo.processInfo.environment["GALMORPH_INSPECT_TIMEOUT"].flatMap(Double.init).flatMap { $0 > 0 ? $0 : nil }
      ?? 300
  }

  /// glibc's heap checking for the child: `MALLOC_CHECK_=3` with `libc_malloc_debug.so.0` preloaded (glibc ≥ 2.34
  /// needs the library for the variable to act). libhdf5 1.10.8 overruns heap buffers on some corrupt files without
  /// crashing (a `make fuzz` hdf5-model finding: `H5HG_read` of a variable-length string attribute pointing into a
  /// corrupt global heap); the checks abort the child at the next free, so the file is refused instead of the same
  /// read corrupting the parent's heap (glibc then aborted it later: "corrupted size vs. prev_size"). Not under
  /// AddressSanitizer or ThreadSanitizer (their runtime must be the first library) nor without the library.
  static func heapChecked(_ environment: [String: String]) -> [String: String] {
    guard dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__asan_init") == nil,
      dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__tsan_init") == nil,
      let library = ["/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib64", "/lib64"].lazy
        .map({ $0 + "/libc_malloc_debug.so.0" }).first(where: { FileManager.default.fileExists(atPath: $0) })
    else { return environment }
    var environment = environment
    environment["LD_PRELOAD"] = [environment["LD_PRELOAD"], library].compactMap { $0 }.joined(separator: " ")
    environment["MALLOC_CHECK_"] = "3"
    return environment
  }

  /// Runs the child and turns its outcome into an inspection or an error naming `file`: a child killed by a signal
  /// means libhdf5 crashed on the file; a child still running after `timeout` seconds is killed (SIGKILL: it may
  /// have inherited an ignored SIGTERM from ``Interruption``) and the file reported as unreadable. Both pipes are
  /// drained at once, so a child that writes much to stderr cannot block on a full pipe.
  static func runChild(
    _ exe: URL, arguments: [String], environment: [String: String], file url: URL, timeout: Double = timeout
  ) throws -> HDF5Inspection {
    let child = Process()
    child.executableURL = exe
    child.arguments = arguments
    child.environment = heapChecked(environment)
    let out = Pipe(), err = Pipe()
    child.standardOutput = out
    child.standardError = err
    try child.run()
    let killed = LockedSet()
    let pid = child.processIdentifier
    // Every 0.1 s: past the timeout, or once the user has pressed Ctrl-C / sent SIGTERM (``Interruption``), the
    // child is killed, so that neither a looping libhdf5 nor a signal waits out the timeout.
    let deadline = DispatchTime.now() + timeout
    let watchdog = DispatchSource.makeTimerSource(queue: DispatchQueue.global())
    watchdog.schedule(deadline: .now() + 0.1, repeating: 0.1)
    watchdog.setEventHandler {
      let reason = Interruption.received != nil ? "interrupted" : DispatchTime.now() >= deadline ? "timeout" : nil
      if let reason, killed.insert(reason) { kill(pid, SIGKILL) }
    }
    watchdog.resume()
    let errData = LockedData()
    let drained = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
      errData.set(err.fileHandleForReading.readDataToEndOfFile())
      drained.signal()
    }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    drained.wait()
    child.waitUntilExit()
    watchdog.cancel()
    let errText = String(decoding: errData.get(), as: UTF8.self)
    if killed.contains("interrupted") {
      try Interruption.check(resume: "nothing had been written yet; run the same command again")
    }
    if killed.contains("timeout") {
      throw CommandError.input(
        path: url.path,
        reason: "libhdf5 had not finished reading this file's structure after \(Int(timeout)) s "
          + "(GALMORPH_INSPECT_TIMEOUT): it is probably corrupt; h5dump or h5check may locate the damage")
    }
    if child.terminationReason == .uncaughtSignal {
      throw CommandError.input(
        path: url.path,
        reason:
          "libhdf5 crashed (signal \(child.terminationStatus)) while reading this file: it is corrupt; h5dump or h5check may locate the damage"
      )
    }
    guard child.terminationStatus == 0 else {
      var message = errText.trimmingCharacters(in: .whitespacesAndNewlines)
      if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
      throw CommandError.message(
        message.isEmpty ? "\(url.path): inspection failed (exit \(child.terminationStatus))" : message)
    }
    do { return try JSONCoding.decoder().decode(HDF5Inspection.self, from: data) } catch {
      throw CommandError.input(path: url.path, reason: "could not read the inspection of the child process: \(error)")
    }
  }
}

/// Bytes behind a lock: what a reading thread hands to the waiting one.
final class LockedData: @unchecked Sendable {
  private var data = Data()
  private let lock = NSLock()
  func set(_ value: Data) { lock.withLock { data = value } }
  func get() -> Data { lock.withLock { data } }
}

/// A set of strings behind a lock, for ``IsolatedHDF5Inspection``'s cache of checked files.
final class LockedSet: @unchecked Sendable {
  private var items = Set<String>()
  private let lock = NSLock()
  /// Inserts `item`; false when it was there already.
  func insert(_ item: String) -> Bool { lock.withLock { items.insert(item).inserted } }
  func remove(_ item: String) { _ = lock.withLock { items.remove(item) } }
  func contains(_ item: String) -> Bool { lock.withLock { items.contains(item) } }
}
