// galmorph — Plotting
//
// Drawing an Axes: grid, elements (clipped to the box), spines, ticks, labels, title, legend.

import Foundation

extension Axes {
  /// The name used in error messages: the title, or the given fallback ("row r, column c").
  func panelName(_ fallback: String) -> String { title ?? fallback }

  /// Checks every element's array lengths.
  func validate(panel: String) throws {
    for (i, e) in elements.enumerated() {
      if let why = e.inconsistency {
        throw PlottingError.invalidSeries(panel: panel, series: e.label ?? "#\(i + 1)", reason: why)
      }
    }
  }

  /// Draws the axes into `cell` (points).
  func draw(in cell: Rect, canvas: Canvas, panel: String) throws {
    try validate(panel: panel)
    let L = layout(in: cell, canvas: canvas)
    let box = L.box
    if showGrid {
      canvas.setColor(PlotColor.gridGrey.withAlpha(0.5))
      canvas.setLine(width: 0.8)
      for t in L.xTicks { if let p = L.x.position(t) { canvas.segment(p, box.y, p, box.maxY) } }
      for t in L.yTicks { if let p = L.y.position(t) { canvas.segment(box.x, p, box.maxX, p) } }
    }
    canvas.save()
    canvas.clip(to: box)
    for e in elements { drawElement(e, L, canvas) }
    canvas.restore()
    for e in elements { if case .text = e { drawElement(e, L, canvas, textPass: true) } }
    // Spines and ticks.
    canvas.setColor(.black)
    canvas.setLine(width: Style.spineWidth)
    canvas.rect(box)
    canvas.stroke()
    for (t, label) in zip(L.xTicks, L.xLabels) {
      guard let p = L.x.position(t) else { continue }
      canvas.segment(p, box.maxY, p, box.maxY + Style.tickLength)
      Axes.draw(
        label, at: p, box.maxY + Style.tickLength + Style.tickPad, horizontal: .center, vertical: .top,
        canvas: canvas)
    }
    for (t, label) in zip(L.yTicks, L.yLabels) {
      guard let p = L.y.position(t) else { continue }
      canvas.segment(box.x - Style.tickLength, p, box.x, p)
      Axes.draw(
        label, at: box.x - Style.tickLength - Style.tickPad, p, horizontal: .right, vertical: .center,
        canvas: canvas)
    }
    if let xLabel {
      canvas.text(
        xLabel, at: box.midX, box.maxY + Style.tickLength + Style.tickPad + Style.tickFont + Style.labelPad,
        size: Style.labelFont, horizontal: .center, vertical: .top)
    }
    if let yLabel {
      canvas.text(
        yLabel, at: cell.x + Style.outerPad, box.midY, size: Style.labelFont, horizontal: .center,
        vertical: .top, angle: 90)
    }
    if let title {
      canvas.text(
        title, at: box.midX, box.y - Style.titlePad, size: Style.titleFont, horizontal: .center,
        vertical: .bottom)
    }
    if let legend { drawLegend(legend, L, canvas) }
    try canvas.check()
  }

  /// Polyline through mapped points, broken at points that cannot be mapped.
  private func polyline(_ xs: [Double], _ ys: [Double], _ L: AxesLayout, _ canvas: Canvas) {
    var penDown = false
    for (x, y) in zip(xs, ys) {
      guard let px = L.x.position(x), let py = L.y.position(y) else { penDown = false; continue }
      if penDown { canvas.line(px, py) } else { canvas.move(px, py); penDown = true }
    }
    canvas.stroke()
  }

  private func apply(_ s: LineStyle, _ canvas: Canvas) {
    canvas.setColor(s.color)
    canvas.setLine(width: s.width, dash: s.dash)
  }

  /// The vertices of a step line.
  static func stepVertices(_ x: [Double], _ y: [Double], _ position: StepPosition) -> ([Double], [Double]) {
    guard x.count > 1 else { return (x, y) }
    var sx: [Double] = [x[0]], sy: [Double] = [y[0]]
    for i in 1..<x.count {
      switch position {
      case .pre: sx += [x[i - 1], x[i]]; sy += [y[i], y[i]]
      case .post: sx += [x[i], x[i]]; sy += [y[i - 1], y[i]]
      case .mid:
        let m = (x[i - 1] + x[i]) / 2
        sx += [m, m, x[i]]; sy += [y[i - 1], y[i], y[i]]
      }
    }
    return (sx, sy)
  }

  private func drawElement(_ e: PlotElement, _ L: AxesLayout, _ canvas: Canvas, textPass: Bool = false) {
    let box = L.box
    switch e {
    case let .line(x, y, style, marker, _):
      apply(style, canvas)
      polyline(x, y, L, canvas)
      if let marker {
        for (a, b) in zip(x, y) {
          if let px = L.x.position(a), let py = L.y.position(b) { canvas.marker(marker, at: px, py) }
        }
      }
    case let .step(x, y, position, style, _):
      apply(style, canvas)
      let (sx, sy) = Axes.stepVertices(x, y, position)
      polyline(sx, sy, L, canvas)
    case let .scatter(x, y, marker, colors, alpha, _):
      for i in 0..<min(x.count, y.count) {
        guard let px = L.x.position(x[i]), let py = L.y.position(y[i]) else { continue }
        canvas.marker(marker, at: px, py, fill: colors?[i], alpha: alpha)
      }
    case let .errorBars(x, y, lo, hi, style, marker, cap, connect, _):
      apply(LineStyle(color: style.color, width: style.width), canvas)
      if connect { polyline(x, y, L, canvas) }
      for i in 0..<x.count {
        guard let px = L.x.position(x[i]) else { continue }
        let p0 = L.y.position(lo[i]) ?? (lo[i].isFinite ? box.maxY + 10 : nil)
        if let p0, let p1 = L.y.position(hi[i]) {
          canvas.segment(px, p0, px, p1)
          if cap > 0 {
            canvas.segment(px - cap, p0, px + cap, p0)
            canvas.segment(px - cap, p1, px + cap, p1)
          }
        }
      }
      if let marker {
        for (a, b) in zip(x, y) {
          if let px = L.x.position(a), let py = L.y.position(b) { canvas.marker(marker, at: px, py) }
        }
      }
    case let .band(x, lo, hi, color, _):
      // One polygon per run of drawable points.
      var run: [(Double, Double, Double)] = []
      func flush() {
        guard run.count > 1 else { run = []; return }
        canvas.newPath()
        canvas.move(run[0].0, run[0].1)
        for p in run.dropFirst() { canvas.line(p.0, p.1) }
        for p in run.reversed() { canvas.line(p.0, p.2) }
        canvas.close()
        canvas.setColor(color)
        canvas.fill()
        run = []
      }
      for i in 0..<x.count {
        if let px = L.x.position(x[i]), let a = L.y.position(lo[i]), let b = L.y.position(hi[i]) {
          run.append((px, a, b))
        } else {
          flush()
        }
      }
      flush()
    case let .horizontalLine(y, style, _):
      if let p = L.y.position(y) { apply(style, canvas); canvas.segment(box.x, p, box.maxX, p) }
    case let .verticalLine(x, style, _):
      if let p = L.x.position(x) { apply(style, canvas); canvas.segment(p, box.y, p, box.maxY) }
    case let .bars(left, right, height, color, edge, _):
      for i in 0..<left.count {
        guard let a = L.x.position(left[i]), let b = L.x.position(right[i]), height[i].isFinite else { continue }
        let top = L.y.positionOrBottom(height[i]), base = L.y.positionOrBottom(0)
        let r = Rect(x: min(a, b), y: min(top, base), width: abs(b - a), height: abs(top - base))
        canvas.newPath()
        canvas.rect(r)
        canvas.setColor(color)
        if let edge {
          canvas.fillPreserve()
          canvas.setColor(edge)
          canvas.setLine(width: 0.5)
          canvas.stroke()
        } else {
          canvas.fill()
        }
      }
    case let .text(s, x, y, coords, size, color, h, v):
      guard textPass else { return }
      let px: Double?, py: Double?
      switch coords {
      case .data: px = L.x.position(x); py = L.y.position(y)
      case .axesFraction: px = box.x + x * box.width; py = box.maxY - y * box.height
      }
      if let px, let py { canvas.text(s, at: px, py, size: size, color: color, horizontal: h, vertical: v) }
    }
  }
}
