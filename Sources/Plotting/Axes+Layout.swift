// galmorph — Plotting
//
// Axis limits, ticks and the placement of the axes box inside its figure cell (all in points).

import Foundation

/// Maps data values on one axis to positions in points.
struct AxisMapping {
  let lo: Double
  let hi: Double
  let scale: AxisScale
  /// Positions (points) of `lo` and `hi`.
  let start: Double
  let end: Double

  func transformed(_ v: Double) -> Double? {
    guard v.isFinite else { return nil }
    switch scale {
    case .linear: return v
    case .log: return v > 0 ? log10(v) : nil
    }
  }

  func position(_ v: Double) -> Double? {
    guard let tv = transformed(v), let a = transformed(lo), let b = transformed(hi), b != a else { return nil }
    return start + (tv - a) / (b - a) * (end - start)
  }

  /// Like `position`, but maps non-positive values on a log axis to far below the axis (for bar bottoms).
  func positionOrBottom(_ v: Double) -> Double {
    position(v) ?? (start + (start - end) * 10)
  }
}

/// A tick label: plain text, or a power of ten `10^k` drawn with a superscript.
enum TickLabel: Equatable {
  case plain(String)
  case power(Int)
}

/// The resolved geometry of an `Axes` in its cell.
struct AxesLayout {
  var box: Rect
  var x: AxisMapping
  var y: AxisMapping
  var xTicks: [Double]
  var yTicks: [Double]
  var xLabels: [TickLabel]
  var yLabels: [TickLabel]
}

/// Sizes in points (matplotlib rcParams defaults).
enum Style {
  static let tickFont = 10.0
  static let labelFont = 10.0
  static let titleFont = 12.0
  static let tickLength = 3.5
  static let tickPad = 3.5
  static let labelPad = 4.0
  static let titlePad = 6.0
  static let spineWidth = 0.8
  static let outerPad = 6.0
}

extension Axes {
  /// All finite x and y data values of the elements, and whether bars sit on y = 0 (sticky bottom edge).
  func dataValues() -> (x: [Double], y: [Double], barsOnZero: Bool) {
    var xs: [Double] = [], ys: [Double] = []
    var bars = false
    for e in elements {
      switch e {
      case let .line(x, y, _, _, _), let .step(x, y, _, _, _), let .scatter(x, y, _, _, _, _):
        xs += x; ys += y
      case let .errorBars(x, y, lo, hi, _, _, _, _, _):
        xs += x; ys += y; ys += lo; ys += hi
      case let .band(x, lo, hi, _, _):
        xs += x; ys += lo; ys += hi
      case let .horizontalLine(y, _, _): ys.append(y)
      case let .verticalLine(x, _, _): xs.append(x)
      case let .bars(l, r, h, _, _, _):
        xs += l; xs += r; ys += h
        if yScale == .linear { ys.append(0); bars = true }
      case .text: break
      }
    }
    return (xs, ys, bars)
  }

  /// View limits for one axis: fixed, or the data range padded by 5 % (in the transformed space), matplotlib's
  /// `axes.xmargin/ymargin`; `stickyZero` suppresses the margin on a side that sits exactly at 0.
  static func limits(_ values: [Double], scale: AxisScale, fixed: ClosedRange<Double>?, stickyZero: Bool)
    -> (Double, Double)
  {
    if let fixed, fixed.upperBound > fixed.lowerBound, scale == .linear || fixed.lowerBound > 0 {
      return (fixed.lowerBound, fixed.upperBound)
    }
    let usable = values.filter { $0.isFinite && (scale == .linear || $0 > 0) }
    guard var lo = usable.min(), var hi = usable.max() else { return scale == .linear ? (0, 1) : (1, 10) }
    switch scale {
    case .linear:
      if lo == hi { (lo, hi) = TickLocator.nonsingular(lo, hi, expander: 0.05, tiny: 1e-15) }
      let d = (hi - lo) * 0.05
      return (stickyZero && lo == 0 ? lo : lo - d, stickyZero && hi == 0 ? hi : hi + d)
    case .log:
      if lo == hi { lo /= 2; hi *= 2 }
      let a = log10(lo), b = log10(hi), d = (b - a) * 0.05
      return (pow(10, a - d), pow(10, b + d))
    }
  }

  static func ticks(lo: Double, hi: Double, scale: AxisScale, bins: Int) -> ([Double], [TickLabel]) {
    let tol = 1e-9 * abs(hi - lo)
    switch scale {
    case .linear:
      let t = TickLocator(maxBins: bins).ticks(from: lo, to: hi).filter { $0 >= lo - tol && $0 <= hi + tol }
      return (t, TickFormatter.labels(for: t).map { .plain($0) })
    case .log:
      let t = TickFormatter.logTicks(from: lo, to: hi, maxTicks: bins).filter {
        $0 >= lo * (1 - 1e-9) && $0 <= hi * (1 + 1e-9)
      }
      return (t, t.map { .power(Int(log10($0).rounded())) })
    }
  }

  /// Places the axes box in `cell` (points), leaving room for title, tick labels and axis labels.
  func layout(in cell: Rect, canvas: Canvas) -> AxesLayout {
    let data = dataValues()
    let (x0, x1) = Axes.limits(data.x, scale: xScale, fixed: xLimits, stickyZero: false)
    let (y0, y1) = Axes.limits(data.y, scale: yScale, fixed: yLimits, stickyZero: data.barsOnZero)
    let top = Style.outerPad + (title == nil ? 4 : Style.titleFont * 1.2 + Style.titlePad)
    let bottom =
      Style.outerPad + Style.tickLength + Style.tickPad + Style.tickFont * 1.0
      + (xLabel == nil ? 0 : Style.labelPad + Style.labelFont * 1.2)
    let right = Style.outerPad + 10
    // y ticks depend on the box height only, so measure their labels to size the left margin.
    let height = max(1, cell.height - top - bottom)
    let (yt, yl) = Axes.ticks(
      lo: y0, hi: y1, scale: yScale, bins: TickLocator.autoBins(axisLength: height, vertical: true))
    let labelWidth = yl.map { Axes.width(of: $0, canvas: canvas) }.max() ?? 0
    let left =
      Style.outerPad + Style.tickLength + Style.tickPad + labelWidth
      + (yLabel == nil ? 0 : Style.labelPad + Style.labelFont * 1.2)
    let box = cell.inset(left: left, top: top, right: right, bottom: bottom)
    let (xt, xl) = Axes.ticks(
      lo: x0, hi: x1, scale: xScale, bins: TickLocator.autoBins(axisLength: box.width, vertical: false))
    return AxesLayout(
      box: box, x: AxisMapping(lo: x0, hi: x1, scale: xScale, start: box.x, end: box.maxX),
      y: AxisMapping(lo: y0, hi: y1, scale: yScale, start: box.maxY, end: box.y),
      xTicks: xt, yTicks: yt, xLabels: xl, yLabels: yl)
  }

  static func width(of label: TickLabel, canvas: Canvas) -> Double {
    switch label {
    case let .plain(s): return canvas.textWidth(s, size: Style.tickFont)
    case let .power(k):
      return canvas.textWidth("10", size: Style.tickFont)
        + canvas.textWidth(TickFormatter.minus(String(k)), size: Style.tickFont * 0.7)
    }
  }

  /// Draws a tick label anchored at (x, y).
  static func draw(
    _ label: TickLabel, at x: Double, _ y: Double, horizontal: HorizontalAlignment,
    vertical: VerticalAlignment, canvas: Canvas
  ) {
    switch label {
    case let .plain(s):
      canvas.text(s, at: x, y, size: Style.tickFont, horizontal: horizontal, vertical: vertical)
    case let .power(k):
      let w = width(of: label, canvas: canvas)
      let left: Double
      switch horizontal {
      case .left: left = x
      case .center: left = x - w / 2
      case .right: left = x - w
      }
      canvas.text("10", at: left, y, size: Style.tickFont, horizontal: .left, vertical: vertical)
      let base = canvas.textWidth("10", size: Style.tickFont)
      canvas.text(
        TickFormatter.minus(String(k)), at: left + base, y - Style.tickFont * 0.45,
        size: Style.tickFont * 0.7, horizontal: .left, vertical: vertical)
    }
  }
}
