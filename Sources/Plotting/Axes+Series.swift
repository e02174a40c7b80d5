// galmorph — Plotting
//
// Declarative builders: each appends one element to the axes. Colours default to the next tab10 colour.

extension Axes {
  /// A polyline through (x[i], y[i]); non-finite points break the line (matplotlib `plot`).
  public mutating func line(
    x: [Double], y: [Double], label: String? = nil, color: PlotColor? = nil,
    width: Double = 1.5, dash: Dash = .solid, marker: MarkerShape? = nil,
    markerSize: Double = 6
  ) {
    let c = resolve(color)
    add(
      .line(
        x: x, y: y, style: LineStyle(color: c, width: width, dash: dash),
        marker: marker.map { MarkerStyle(shape: $0, size: markerSize, color: c) }, label: label))
  }

  /// A step line (matplotlib `step`); `position` defaults to matplotlib's `.pre`.
  public mutating func step(
    x: [Double], y: [Double], position: StepPosition = .pre, label: String? = nil,
    color: PlotColor? = nil, width: Double = 1.5, dash: Dash = .solid
  ) {
    add(
      .step(
        x: x, y: y, position: position, style: LineStyle(color: resolve(color), width: width, dash: dash),
        label: label))
  }

  /// Markers at (x[i], y[i]) (matplotlib `scatter`). `size` is the diameter in points (6 pt ≙ `s = 36`);
  /// `colors` gives one colour per point (e.g. from a `Colormap`), overriding `color`.
  public mutating func scatter(
    x: [Double], y: [Double], label: String? = nil, color: PlotColor? = nil,
    colors: [PlotColor]? = nil, size: Double = 6, shape: MarkerShape = .circle,
    alpha: Double = 1
  ) {
    add(
      .scatter(
        x: x, y: y, marker: MarkerStyle(shape: shape, size: size, color: resolve(color)), colors: colors,
        alpha: alpha, label: label))
  }

  /// Markers coloured by `values` through `colormap` with linear limits (default: the finite min…max of `values`);
  /// NaN values take the colormap's bad colour.
  public mutating func scatter(
    x: [Double], y: [Double], values: [Double], colormap: Colormap = .viridis,
    limits: ClosedRange<Double>? = nil, label: String? = nil, size: Double = 6,
    shape: MarkerShape = .circle, alpha: Double = 1
  ) {
    let finite = values.filter(\.isFinite)
    let lo = limits?.lowerBound ?? finite.min() ?? 0, hi = limits?.upperBound ?? finite.max() ?? 1
    let colors = values.map { colormap.color(for: $0, lower: lo, upper: hi) }
    scatter(
      x: x, y: y, label: label, color: colors.first ?? colormap.entry(0), colors: colors, size: size,
      shape: shape, alpha: alpha)
  }

  /// Points with asymmetric error bars from `lower[i]` to `upper[i]` (absolute bounds, not offsets — pass e.g. a
  /// Wilson score interval directly). Caps are `capSize` points wide (default 3); `connect` joins the points.
  public mutating func errorBars(
    x: [Double], y: [Double], lower: [Double], upper: [Double], label: String? = nil,
    color: PlotColor? = nil, marker: MarkerShape? = .circle, markerSize: Double = 5,
    capSize: Double = 3, width: Double = 1.2, connect: Bool = false
  ) {
    let c = resolve(color)
    add(
      .errorBars(
        x: x, y: y, lower: lower, upper: upper, style: LineStyle(color: c, width: width),
        marker: marker.map { MarkerStyle(shape: $0, size: markerSize, color: c) }, capSize: capSize,
        connect: connect, label: label))
  }

  /// A filled band between `lower` and `upper` (matplotlib `fill_between`), translucent (`alpha` 0.25 default).
  public mutating func band(
    x: [Double], lower: [Double], upper: [Double], label: String? = nil,
    color: PlotColor? = nil, alpha: Double = 0.25
  ) {
    add(.band(x: x, lower: lower, upper: upper, color: resolve(color).withAlpha(alpha), label: label))
  }

  /// A horizontal reference line across the axes (matplotlib `axhline`), dark grey dashed by default.
  public mutating func horizontalLine(
    at y: Double, label: String? = nil, color: PlotColor = .darkGrey,
    width: Double = 1, dash: Dash = .dashed
  ) {
    add(.horizontalLine(y: y, style: LineStyle(color: color, width: width, dash: dash), label: label))
  }

  /// A vertical reference line across the axes (matplotlib `axvline`), dark grey dashed by default.
  public mutating func verticalLine(
    at x: Double, label: String? = nil, color: PlotColor = .darkGrey,
    width: Double = 1, dash: Dash = .dashed
  ) {
    add(.verticalLine(x: x, style: LineStyle(color: color, width: width, dash: dash), label: label))
  }

  /// Bars centred on `centers` with a common `width` in data units (matplotlib `bar`, default width 0.8).
  public mutating func bars(
    centers: [Double], heights: [Double], width: Double = 0.8, label: String? = nil,
    color: PlotColor? = nil, alpha: Double = 1
  ) {
    add(
      .bars(
        left: centers.map { $0 - width / 2 }, right: centers.map { $0 + width / 2 }, height: heights,
        color: resolve(color).withAlpha(alpha), edge: nil, label: label))
  }

  /// A histogram from bin `edges` (n + 1 values, increasing) and `counts` (n values), drawn as adjacent bars with
  /// a thin white edge.
  public mutating func histogram(
    edges: [Double], counts: [Double], label: String? = nil, color: PlotColor? = nil,
    alpha: Double = 1
  ) {
    let n = max(0, edges.count - 1)
    // A counts/edges mismatch is reported at render time through the left/right/height lengths.
    add(
      .bars(
        left: Array(edges.prefix(n)), right: Array(edges.dropFirst()), height: counts,
        color: resolve(color).withAlpha(alpha), edge: .white, label: label))
  }

  /// A histogram of `values` in `bins` equal bins over `range` (default: min…max of the finite values), counted
  /// as `numpy.histogram` does (bins half-open `[a, b)`, the last one closed). Returns the edges and counts.
  @discardableResult
  public mutating func histogram(
    values: [Double], bins: Int = 30, range: ClosedRange<Double>? = nil,
    label: String? = nil, color: PlotColor? = nil,
    alpha: Double = 1
  ) -> (edges: [Double], counts: [Double]) {
    let h = Histogram.count(values, bins: bins, range: range)
    histogram(edges: h.edges, counts: h.counts, label: label, color: color, alpha: alpha)
    return h
  }

  /// A text annotation at (x, y) in data or axes-fraction coordinates.
  public mutating func text(
    _ text: String, x: Double, y: Double, coordinates: TextCoordinates = .data,
    size: Double = 9, color: PlotColor = .black, horizontal: HorizontalAlignment = .left,
    vertical: VerticalAlignment = .baseline
  ) {
    add(
      .text(
        text, x: x, y: y, coordinates: coordinates, size: size, color: color, horizontal: horizontal,
        vertical: vertical))
  }
}

/// Equal-width binning with numpy.histogram's rules.
public enum Histogram {
  /// Edges (`bins + 1`, `lo + i·(hi − lo)/bins`) and counts; values outside the range or non-finite are ignored;
  /// the last bin includes its right edge. An empty or degenerate range becomes `[v − 0.5, v + 0.5]` (numpy).
  public static func count(_ values: [Double], bins: Int, range: ClosedRange<Double>? = nil)
    -> (edges: [Double], counts: [Double])
  {
    let n = max(1, bins)
    let finite = values.filter(\.isFinite)
    var lo = range?.lowerBound ?? finite.min() ?? 0
    var hi = range?.upperBound ?? finite.max() ?? 1
    if lo == hi { lo -= 0.5; hi += 0.5 }
    let edges = (0...n).map { lo + Double($0) * (hi - lo) / Double(n) }
    var counts = [Double](repeating: 0, count: n)
    for v in finite where v >= lo && v <= hi {
      var i = Int((v - lo) / (hi - lo) * Double(n))
      if i >= n { i = n - 1 }
      // numpy corrects the computed index against the edges (floating-point round-off at bin boundaries).
      if i > 0 && v < edges[i] { i -= 1 } else if i < n - 1 && v >= edges[i + 1] { i += 1 }
      counts[i] += 1
    }
    return (edges, counts)
  }
}
