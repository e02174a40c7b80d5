// galmorph — Plotting
//
// One panel of x–y plots: scales, limits, labels, legend and the elements to draw.

/// How an axis maps data to position.
public enum AxisScale: Sendable, Equatable {
  /// Linear, with ticks from `TickLocator` (matplotlib AutoLocator).
  case linear
  /// Base-10 logarithmic, ticks at decades; non-positive values are not drawn.
  case log
}

/// Where the legend goes. `.best` picks the corner (upper right, upper left, lower left, lower right, in that order
/// of preference) whose box covers the fewest data points, as matplotlib's `loc='best'` does.
public enum LegendPosition: Sendable, Equatable { case best, upperRight, upperLeft, lowerLeft, lowerRight }

/// A panel with x/y axes (matplotlib `Axes`), built declaratively:
///
/// ```swift
/// var ax = Axes(title: "Spiral fraction", xLabel: "Galactic latitude b [deg]", yLabel: "fraction")
/// ax.errorBars(x: b, y: f, lower: lo, upper: hi, label: "CNN")
/// ax.horizontalLine(at: 0.5)
/// let figure = Figure(width: 6.4, height: 4.8, panels: [.axes(ax)])
/// ```
///
/// Style follows matplotlib's defaults: DejaVu Sans 10 pt tick and axis labels, 12 pt title, 1.5 pt lines,
/// 6 pt markers, 0.8 pt black spines with 3.5 pt outward ticks, colours from the tab10 cycle, and 5 % margins
/// around the data when limits are automatic (none on a side where bars start at 0, matplotlib's "sticky edges").
/// Grid lines (light grey, at the major ticks) are on by default for legibility in reports.
public struct Axes: Sendable, Equatable {
  public var title: String?
  public var xLabel: String?
  public var yLabel: String?
  public var xScale: AxisScale = .linear
  public var yScale: AxisScale = .linear
  /// Fixed x limits; nil = automatic from the data with 5 % margins.
  public var xLimits: ClosedRange<Double>?
  /// Fixed y limits; nil = automatic from the data with 5 % margins.
  public var yLimits: ClosedRange<Double>?
  /// Draw grid lines at the major ticks (default true).
  public var showGrid: Bool = true
  /// Legend position; nil = no legend. A legend is drawn only when some element has a label.
  public var legend: LegendPosition? = .best
  /// The elements, in drawing order.
  public var elements: [PlotElement] = []
  /// The next colour-cycle index.
  public var cycleIndex: Int = 0

  public init(title: String? = nil, xLabel: String? = nil, yLabel: String? = nil) {
    self.title = title; self.xLabel = xLabel; self.yLabel = yLabel
  }

  /// `color` if given, else the next tab10 colour (advancing the cycle).
  public mutating func resolve(_ color: PlotColor?) -> PlotColor {
    if let color { return color }
    defer { cycleIndex += 1 }
    return PlotColor.cycle(cycleIndex)
  }

  /// Appends an element as is.
  public mutating func add(_ element: PlotElement) { elements.append(element) }
}
