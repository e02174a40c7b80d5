// galmorph — Plotting
//
// The one error type of the Plotting target.

/// Errors raised while rendering or writing a figure. Messages name the file, panel or series and say what to do.
public enum PlottingError: Error, CustomStringConvertible, Equatable {
  /// The PNG could not be written to `path` (folder missing or not writable, disk full, ...). No file is left there.
  case cannotWrite(path: String, reason: String)
  /// A PNG could not be read back from `path`.
  case cannotRead(path: String, reason: String)
  /// A series' arrays are inconsistent (e.g. `x` and `y` of different lengths).
  case invalidSeries(panel: String, series: String, reason: String)
  /// The figure size or resolution is out of range.
  case invalidFigureSize(width: Double, height: Double, dpi: Double)
  /// cairo reported an error while drawing.
  case renderingFailed(reason: String)

  public var description: String {
    switch self {
    case let .cannotWrite(path, reason):
      return "cannot write figure to \(path): \(reason); check that the folder exists and is writable"
    case let .cannotRead(path, reason):
      return "cannot read PNG \(path): \(reason)"
    case let .invalidSeries(panel, series, reason):
      return "panel '\(panel)', series '\(series)': \(reason); pass arrays of matching length"
    case let .invalidFigureSize(width, height, dpi):
      return "invalid figure size \(width) × \(height) in at \(dpi) dpi: expected 0.5–100 in and 10–1200 dpi"
        + " (at most 20000 pixels per side)"
    case let .renderingFailed(reason):
      return "rendering failed: \(reason)"
    }
  }
}
