// galmorph — GalmorphSupport
//
// Progress for long work: a bar with rate and ETA on a terminal, plain lines when stderr is not a TTY.

import Foundation

/// Reports progress of a counted task on standard error.
///
/// On a terminal it redraws one line: `label [#####.....] 512/2000 25% 310 img/s ETA 0:05 loss=0.41`.
/// When stderr is not a TTY (CI, pipes, log files) it prints a plain line at most every `plainInterval` seconds
/// (default 10 s) and a final line, so logs stay short. `GALMORPH_PROGRESS=0` silences it; `=plain` forces lines.
/// Thread-safe: `advance` may be called from worker threads.
public final class ProgressReporter: @unchecked Sendable {
  public enum Style: Sendable { case bar, plain, silent }

  public let label: String
  public let total: Int
  public let unit: String
  public let style: Style
  private let start = Date()
  private var done = 0
  private var lastDraw = Date.distantPast
  private var note = ""
  private let lock = NSLock()
  private let plainInterval: TimeInterval

  public init(label: String, total: Int, unit: String = "items", plainInterval: TimeInterval = 10, style: Style? = nil)
  {
    self.label = label
    self.total = max(total, 0)
    self.unit = unit
    self.plainInterval = plainInterval
    if let style { self.style = style } else { self.style = ProgressReporter.defaultStyle() }
  }

  /// The style chosen from the environment: `GALMORPH_PROGRESS` (0/off, plain, bar), else bar on a TTY.
  public static func defaultStyle() -> Style {
    switch ProcessInfo.processInfo.environment["GALMORPH_PROGRESS"]?.lowercased() {
    case "0", "off", "none": return .silent
    case "plain", "lines": return .plain
    case "bar": return .bar
    default: return isatty(2) != 0 ? .bar : .plain
    }
  }

  /// Adds `n` finished units and optionally replaces the trailing note (e.g. `loss=0.41 acc=0.83`).
  public func advance(by n: Int = 1, note newNote: String? = nil) {
    lock.lock(); defer { lock.unlock() }
    done += n
    if let newNote { note = newNote }
    let now = Date()
    let interval = style == .bar ? 0.1 : plainInterval
    if now.timeIntervalSince(lastDraw) >= interval || done >= total {
      lastDraw = now
      draw(final: false)
    }
  }

  /// Ends the display with a summary line (elapsed time and mean rate).
  public func finish(note newNote: String? = nil) {
    lock.lock(); defer { lock.unlock() }
    if let newNote { note = newNote }
    draw(final: true)
  }

  /// Seconds since the reporter was created.
  public var elapsed: TimeInterval { Date().timeIntervalSince(start) }

  private func draw(final: Bool) {
    guard style != .silent else { return }
    let t = max(Date().timeIntervalSince(start), 1e-9)
    let rate = Double(done) / t
    let frac = total > 0 ? min(1, Double(done) / Double(total)) : 0
    let eta = rate > 0 && total > done ? Double(total - done) / rate : 0
    let rateText = String(format: rate >= 100 ? "%.0f" : "%.1f", rate)
    var line: String
    if final {
      line = "\(label): \(done)/\(total) \(unit) in \(ProgressReporter.clock(t)) (\(rateText) \(unit)/s)"
    } else if style == .bar {
      let width = 24
      let filled = Int(frac * Double(width))
      let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
      line =
        "\(label) [\(bar)] \(done)/\(total) \(Int(frac * 100))% \(rateText) \(unit)/s ETA \(ProgressReporter.clock(eta))"
    } else {
      line =
        "\(label): \(done)/\(total) \(unit) (\(Int(frac * 100))%), \(rateText) \(unit)/s, ETA \(ProgressReporter.clock(eta))"
    }
    if !note.isEmpty { line += " " + note }
    if style == .bar {
      FileHandle.standardError.write(Data(("\r\u{1B}[K" + line + (final ? "\n" : "")).utf8))
    } else {
      FileHandle.standardError.write(Data((line + "\n").utf8))
    }
  }

  /// `h:mm:ss` or `m:ss`.
  public static func clock(_ seconds: TimeInterval) -> String {
    let s = Int(seconds.rounded())
    return s >= 3600
      ? String(format: "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
  }
}
