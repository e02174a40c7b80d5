// galmorph — Plotting
//
// The legend: one row per labelled element, a short sample of its style, in a translucent rounded frame.

import Foundation

extension Axes {
  /// Legend metrics in points (matplotlib `legend.*` rcParams at 10 pt: handle 2 em, gap 0.8 em, pad 0.4 em,
  /// row spacing 0.5 em, 0.5 em from the axes edge; frame white at alpha 0.8 with a #cccccc edge).
  private enum Metrics {
    static let font = 10.0
    static let handleLength = 20.0
    static let handleGap = 8.0
    static let pad = 4.0
    static let rowGap = 5.0
    static let inset = 5.0
  }

  func drawLegend(_ position: LegendPosition, _ L: AxesLayout, _ canvas: Canvas) {
    let entries = elements.compactMap { e in e.label.map { ($0, e) } }
    guard !entries.isEmpty else { return }
    let textWidth = entries.map { canvas.textWidth($0.0, size: Metrics.font) }.max() ?? 0
    let rowHeight = Metrics.font
    let width = 2 * Metrics.pad + Metrics.handleLength + Metrics.handleGap + textWidth + 2
    let height = 2 * Metrics.pad + Double(entries.count) * rowHeight + Double(entries.count - 1) * Metrics.rowGap + 2
    let frame = legendFrame(position, width: width, height: height, L)
    canvas.newPath()
    canvas.roundedRect(frame, radius: 2)
    canvas.setColor(PlotColor.white.withAlpha(0.8))
    canvas.fillPreserve()
    canvas.setColor(PlotColor(hex: 0xcccccc))
    canvas.setLine(width: 1)
    canvas.stroke()
    for (i, (label, e)) in entries.enumerated() {
      let cy = frame.y + Metrics.pad + 1 + Double(i) * (rowHeight + Metrics.rowGap) + rowHeight / 2
      let hx0 = frame.x + Metrics.pad + 1, hx1 = hx0 + Metrics.handleLength
      drawHandle(e, x0: hx0, x1: hx1, cy: cy, canvas: canvas)
      canvas.text(label, at: hx1 + Metrics.handleGap, cy, size: Metrics.font, horizontal: .left, vertical: .center)
    }
  }

  private func drawHandle(_ e: PlotElement, x0: Double, x1: Double, cy: Double, canvas: Canvas) {
    let mid = (x0 + x1) / 2
    func stroke(_ s: LineStyle) {
      canvas.setColor(s.color); canvas.setLine(width: s.width, dash: s.dash); canvas.segment(x0, cy, x1, cy)
    }
    func patch(_ c: PlotColor) {
      canvas.newPath(); canvas.rect(Rect(x: x0, y: cy - 3.5, width: x1 - x0, height: 7)); canvas.setColor(c)
      canvas.fill()
    }
    switch e {
    case let .line(_, _, s, m, _):
      stroke(s)
      if let m { canvas.marker(m, at: mid, cy) }
    case let .step(_, _, _, s, _), let .horizontalLine(_, s, _), let .verticalLine(_, s, _): stroke(s)
    case let .scatter(_, _, m, colors, alpha, _):
      canvas.marker(m, at: mid, cy, fill: colors?.first, alpha: alpha)
    case let .errorBars(_, _, _, _, s, m, cap, connect, _):
      canvas.setColor(s.color); canvas.setLine(width: s.width)
      if connect { canvas.segment(x0, cy, x1, cy) }
      canvas.segment(mid, cy - 5, mid, cy + 5)
      if cap > 0 {
        canvas.segment(mid - cap, cy - 5, mid + cap, cy - 5); canvas.segment(mid - cap, cy + 5, mid + cap, cy + 5)
      }
      if let m { canvas.marker(m, at: mid, cy) }
    case let .band(_, _, _, c, _): patch(c)
    case let .bars(_, _, _, c, _, _): patch(c)
    case .text: break
    }
  }

  private func legendFrame(_ position: LegendPosition, width: Double, height: Double, _ L: AxesLayout) -> Rect {
    let box = L.box
    func corner(_ p: LegendPosition) -> Rect {
      let left = box.x + Metrics.inset, right = box.maxX - Metrics.inset - width
      let top = box.y + Metrics.inset, bottom = box.maxY - Metrics.inset - height
      switch p {
      case .upperRight, .best: return Rect(x: right, y: top, width: width, height: height)
      case .upperLeft: return Rect(x: left, y: top, width: width, height: height)
      case .lowerLeft: return Rect(x: left, y: bottom, width: width, height: height)
      case .lowerRight: return Rect(x: right, y: bottom, width: width, height: height)
      }
    }
    guard position == .best else { return corner(position) }
    let points = dataPoints(L)
    var best = corner(.upperRight), fewest = Int.max
    for p in [LegendPosition.upperRight, .upperLeft, .lowerLeft, .lowerRight] {
      let r = corner(p)
      let n = points.reduce(0) { $0 + ($1.0 >= r.x && $1.0 <= r.maxX && $1.1 >= r.y && $1.1 <= r.maxY ? 1 : 0) }
      if n < fewest { fewest = n; best = r }
    }
    return best
  }

  /// Positions (points) of the data vertices, densified along lines, for the `.best` legend placement.
  private func dataPoints(_ L: AxesLayout) -> [(Double, Double)] {
    var out: [(Double, Double)] = []
    func add(_ xs: [Double], _ ys: [Double], densify: Bool) {
      var previous: (Double, Double)?
      for (x, y) in zip(xs, ys) {
        guard let px = L.x.position(x), let py = L.y.position(y) else { previous = nil; continue }
        if densify, let (qx, qy) = previous {
          for k in 1..<8 { let t = Double(k) / 8; out.append((qx + t * (px - qx), qy + t * (py - qy))) }
        }
        out.append((px, py))
        previous = (px, py)
      }
    }
    for e in elements {
      switch e {
      case let .line(x, y, _, _, _), let .step(x, y, _, _, _): add(x, y, densify: true)
      case let .scatter(x, y, _, _, _, _): add(x, y, densify: false)
      case let .errorBars(x, y, lo, hi, _, _, _, _, _):
        add(x, y, densify: false); add(x, lo, densify: false); add(x, hi, densify: false)
      case let .band(x, lo, hi, _, _): add(x, lo, densify: true); add(x, hi, densify: true)
      case let .bars(l, r, h, _, _, _):
        // Bars are areas: sample their interiors, not only their tops.
        for f in [0.2, 0.5, 0.8] {
          let xs = zip(l, r).map { $0 + f * ($1 - $0) }
          for g in [1.0, 0.75, 0.5, 0.25] { add(xs, h.map { yScale == .log ? pow($0, g) : $0 * g }, densify: false) }
        }
      case let .verticalLine(x, _, _):
        let py = stride(from: 0.0, through: 1.0, by: 0.05).map { L.box.maxY - $0 * L.box.height }
        if let px = L.x.position(x) { out += py.map { (px, $0) } }
      case let .horizontalLine(y, _, _):
        let px = stride(from: 0.0, through: 1.0, by: 0.05).map { L.box.x + $0 * L.box.width }
        if let py = L.y.position(y) { out += px.map { ($0, py) } }
      case .text: break
      }
    }
    return out
  }
}
