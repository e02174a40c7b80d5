// galmorph — GalmorphSupport
//
// Ctrl-C and SIGTERM stop a long command at its next safe point, with its progress saved.

import Dispatch
import Foundation

/// A graceful stop on SIGINT (Ctrl-C) and SIGTERM (`kill`, `scancel`, a batch system's time limit).
///
/// A long command calls ``install()`` and then ``check(resume:)`` at its safe points — after each batch of rows,
/// galaxies or training steps, once everything before it is on disk. After a signal the next check throws
/// ``SupportError/interrupted(signal:resume:)``: the command's outputs unwind as for any error (temporary files
/// removed, nothing half-written under a final name), its progress file already records every finished batch, and
/// the process exits with status 128 + the signal (130 for SIGINT, 143 for SIGTERM), as a shell expects. A second
/// signal stops the process at once (the default action is restored after the first), and SIGKILL is always
/// immediate — the progress files make both safe to `--resume` too, losing at most the unfinished batch.
///
/// The signals are received on a dispatch queue (`DispatchSource.makeSignalSource`), not in a signal handler, so
/// no code runs in signal context. Commands that never call ``install()`` keep the default action.
public enum Interruption {
  private final class State: @unchecked Sendable {
    let lock = NSLock()
    var received: Int32?
    var sources: [any DispatchSourceSignal] = []
    var enabled = false
  }
  private static let state = State()
  private static let queue = DispatchQueue(label: "galmorph.interruption")

  /// Lets ``install(signals:)`` take over the signals: called once by the galmorph executable at start-up. A process
  /// that runs commands in-process (the test suite) never calls it, so its own signals, and those its children
  /// inherit (an ignored signal stays ignored across exec), keep their default actions.
  public static func enable() {
    state.lock.lock(); defer { state.lock.unlock() }
    state.enabled = true
  }

  /// Starts watching `signals` (default SIGINT and SIGTERM) once ``enable()`` has been called; idempotent.
  public static func install(signals: [Int32] = [SIGINT, SIGTERM]) {
    state.lock.lock(); defer { state.lock.unlock() }
    guard state.enabled, state.sources.isEmpty else { return }
    for sig in signals {
      signal(sig, SIG_IGN)  // the dispatch source receives it instead of the default action
      let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
      source.setEventHandler {
        state.lock.lock()
        if state.received == nil { state.received = sig }
        state.lock.unlock()
        signal(sig, SIG_DFL)  // a second signal stops the process at once
        let text = "\ngalmorph: \(name(of: sig)) received; stopping after the current batch (again to stop now)\n"
        FileHandle.standardError.write(Data(text.utf8))
      }
      source.resume()
      state.sources.append(source)
    }
  }

  /// The first signal received since ``install()``, if any.
  public static var received: Int32? {
    state.lock.lock(); defer { state.lock.unlock() }
    return state.received
  }

  /// Throws ``SupportError/interrupted(signal:resume:)`` once a signal has been received; `resume` tells the user
  /// how to continue (e.g. "run the same command with --resume to continue from row 5120").
  public static func check(resume: String) throws {
    if let sig = received { throw SupportError.interrupted(signal: sig, resume: resume) }
  }

  /// "SIGINT", "SIGTERM" or "signal N".
  public static func name(of sig: Int32) -> String {
    switch sig {
    case SIGINT: return "SIGINT"
    case SIGTERM: return "SIGTERM"
    case SIGHUP: return "SIGHUP"
    default: return "signal \(sig)"
    }
  }
}
