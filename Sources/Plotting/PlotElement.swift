// galmorph — Plotting
//
// The things an Axes draws: series, reference lines, annotations. Built through Axes' methods (Axes+Series.swift).

/// Line appearance. Widths are in points (matplotlib default 1.5 pt).
public struct LineStyle: Sendable, Equatable {
  public var color: PlotColor
  public var width: Double
  public var dash: Dash
  public init(color: PlotColor, width: Double = 1.5, dash: Dash = .solid) {
    self.color = color; self.width = width; self.dash = dash
  }
}

/// Marker shapes (matplotlib 'o', 's', 'D', '^', 'x', '+', '*').
public enum MarkerShape: Sendable, Equatable { case circle, square, diamond, triangle, cross, plus, star }

/// Marker appearance. `size` is the marker's diameter in points (matplotlib `markersize`, default 6 pt, i.e.
/// scatter `s = 36 pt²`).
public struct MarkerStyle: Sendable, Equatable {
  public var shape: MarkerShape
  public var size: Double
  public var color: PlotColor
  /// Edge colour; nil = same as `color`.
  public var edgeColor: PlotColor?
  public init(shape: MarkerShape = .circle, size: Double = 6, color: PlotColor, edgeColor: PlotColor? = nil) {
    self.shape = shape; self.size = size; self.color = color; self.edgeColor = edgeColor
  }
}

/// Where a step plot's level changes relative to its x values (matplotlib `where=`).
public enum StepPosition: Sendable, Equatable {
  /// The level `y[i]` applies on `(x[i-1], x[i]]` (matplotlib's default 'pre').
  case pre
  /// The level `y[i]` applies on `[x[i], x[i+1])` ('post').
  case post
  /// The level changes halfway between x values ('mid').
  case mid
}

/// Which coordinates a text annotation's position is in.
public enum TextCoordinates: Sendable, Equatable {
  /// Data coordinates of the axes.
  case data
  /// Fractions of the axes box: (0, 0) bottom-left, (1, 1) top-right.
  case axesFraction
}

/// One drawable element of an `Axes`. Colours are resolved (from the tab10 cycle) when the element is added.
public enum PlotElement: Sendable, Equatable {
  case line(x: [Double], y: [Double], style: LineStyle, marker: MarkerStyle?, label: String?)
  case step(x: [Double], y: [Double], position: StepPosition, style: LineStyle, label: String?)
  case scatter(x: [Double], y: [Double], marker: MarkerStyle, colors: [PlotColor]?, alpha: Double, label: String?)
  /// Error bars with absolute interval bounds `lower[i] ≤ y[i] ≤ upper[i]` (asymmetric, e.g. Wilson intervals).
  case errorBars(
    x: [Double], y: [Double], lower: [Double], upper: [Double], style: LineStyle, marker: MarkerStyle?,
    capSize: Double, connect: Bool, label: String?)
  case band(x: [Double], lower: [Double], upper: [Double], color: PlotColor, label: String?)
  case horizontalLine(y: Double, style: LineStyle, label: String?)
  case verticalLine(x: Double, style: LineStyle, label: String?)
  /// Bars spanning `[left[i], right[i]]` from 0 (or the axis bottom on a log axis) to `height[i]`.
  case bars(left: [Double], right: [Double], height: [Double], color: PlotColor, edge: PlotColor?, label: String?)
  case text(
    String, x: Double, y: Double, coordinates: TextCoordinates, size: Double, color: PlotColor,
    horizontal: HorizontalAlignment, vertical: VerticalAlignment)

  /// The legend label, if any.
  public var label: String? {
    switch self {
    case let .line(_, _, _, _, l), let .step(_, _, _, _, l), let .scatter(_, _, _, _, _, l),
      let .errorBars(_, _, _, _, _, _, _, _, l), let .band(_, _, _, _, l), let .horizontalLine(_, _, l),
      let .verticalLine(_, _, l), let .bars(_, _, _, _, _, l):
      return l
    case .text: return nil
    }
  }

  /// A description of the first inconsistency (array lengths), or nil when the element is well formed.
  var inconsistency: String? {
    func same(_ names: [String], _ counts: [Int]) -> String? {
      guard let first = counts.first, counts.contains(where: { $0 != first }) else { return nil }
      return zip(names, counts).map { "\($0.0) has \($0.1)" }.joined(separator: ", ") + " values"
    }
    switch self {
    case let .line(x, y, _, _, _), let .step(x, y, _, _, _): return same(["x", "y"], [x.count, y.count])
    case let .scatter(x, y, _, colors, _, _):
      return same(
        ["x", "y"] + (colors == nil ? [] : ["colors"]), [x.count, y.count] + (colors.map { [$0.count] } ?? []))
    case let .errorBars(x, y, lo, hi, _, _, _, _, _):
      return same(["x", "y", "lower", "upper"], [x.count, y.count, lo.count, hi.count])
    case let .band(x, lo, hi, _, _): return same(["x", "lower", "upper"], [x.count, lo.count, hi.count])
    case let .bars(l, r, h, _, _, _): return same(["left", "right", "height"], [l.count, r.count, h.count])
    case .horizontalLine, .verticalLine, .text: return nil
    }
  }
}
