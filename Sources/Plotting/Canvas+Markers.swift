// galmorph — Plotting
//
// Marker glyphs (matplotlib 'o', 's', 'D', '^', 'x', '+', '*'), centred on a point, `size` = diameter in points.

import Foundation

extension Canvas {
  /// Draws one marker: filled shapes with a 1 pt edge (matplotlib `markeredgewidth`), line shapes stroked.
  func marker(_ style: MarkerStyle, at x: Double, _ y: Double, fill: PlotColor? = nil, alpha: Double = 1) {
    let r = style.size / 2
    let face = (fill ?? style.color)
    let edge = style.edgeColor ?? face
    newPath()
    switch style.shape {
    case .circle: circle(x, y, radius: r)
    case .square: rect(Rect(x: x - r * 0.9, y: y - r * 0.9, width: 1.8 * r, height: 1.8 * r))
    case .diamond:
      move(x, y - r); line(x + r * 0.75, y); line(x, y + r); line(x - r * 0.75, y); close()
    case .triangle:
      move(x, y - r); line(x + r * 0.95, y + r * 0.7); line(x - r * 0.95, y + r * 0.7); close()
    case .star:
      for k in 0..<10 {
        let a = -Double.pi / 2 + Double(k) * Double.pi / 5
        let rr = k % 2 == 0 ? r * 1.15 : r * 0.47
        if k == 0 { move(x + rr * cos(a), y + rr * sin(a)) } else { line(x + rr * cos(a), y + rr * sin(a)) }
      }
      close()
    case .cross, .plus:
      let k = style.shape == .cross ? r * 0.75 : r
      setLine(width: 1.5)
      setColor(edge.withAlpha(edge.alpha * alpha))
      if style.shape == .cross {
        segment(x - k, y - k, x + k, y + k); segment(x - k, y + k, x + k, y - k)
      } else {
        segment(x - k, y, x + k, y); segment(x, y - k, x, y + k)
      }
      return
    }
    setColor(face.withAlpha(face.alpha * alpha))
    fillPreserve()
    setLine(width: 1)
    setColor(edge.withAlpha(edge.alpha * alpha))
    stroke()
  }
}
