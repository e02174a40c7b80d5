// galmorph — Plotting
//
// Drawing a Mollweide map: pixels by inverse projection, then graticule, outline, markers, title, colour bar.

import Foundation

extension MollweideMap {
  private enum Metrics {
    static let side = 26.0
    static let colorBarGap = 12.0
    static let colorBarHeight = 9.0
    static let labelFont = 7.0
  }

  /// The bounding box of the map ellipse in `cell` (points): the largest 2:1 box left after the title and
  /// colour bar, centred horizontally.
  func mapBox(in cell: Rect) -> Rect {
    let top = Style.outerPad + (title == nil ? 0 : Style.titleFont * 1.2 + Style.titlePad)
    let bottom =
      Style.outerPad
      + (showColorBar
        ? Metrics.colorBarGap + Metrics.colorBarHeight + 3 + Style.tickFont
          + (colorBarLabel == nil ? 0 : 4 + Style.labelFont * 1.2)
        : 0)
    let availW = max(2, cell.width - 2 * Metrics.side), availH = max(1, cell.height - top - bottom)
    let w = min(availW, 2 * availH)
    return Rect(x: cell.midX - w / 2, y: cell.y + top + (availH - w / 2) / 2, width: w, height: w / 2)
  }

  /// The colour limits for the values drawn.
  static func resolve(_ limits: ColorLimits, values: [Double]) -> (Double, Double) {
    switch limits {
    case let .fixed(lo, hi): return (lo, hi)
    case .automatic, .symmetric:
      var lo = Double.infinity, hi = -Double.infinity
      for v in values where v.isFinite { lo = min(lo, v); hi = max(hi, v) }
      if lo > hi { return (0, 1) }
      if limits == .symmetric { let m = max(abs(lo), abs(hi)); return m == 0 ? (-1, 1) : (-m, m) }
      return (lo, hi)
    }
  }

  func draw(in cell: Rect, canvas: Canvas) throws {
    let box = mapBox(in: cell)
    let px = box.scaled(by: canvas.scale)
    // Pass 1: evaluate at pixel centres (NaN = no data, nil entry = outside the ellipse).
    let x0 = max(0, Int(px.x.rounded(.down))), x1 = min(canvas.widthPixels, Int(px.maxX.rounded(.up)))
    let y0 = max(0, Int(px.y.rounded(.down))), y1 = min(canvas.heightPixels, Int(px.maxY.rounded(.up)))
    let w = max(0, x1 - x0), h = max(0, y1 - y0)
    var grid = [Double](repeating: .nan, count: w * h)
    var inside = [Bool](repeating: false, count: w * h)
    for j in 0..<h {
      for i in 0..<w {
        guard let (lon, lat) = coordinates(atX: Double(x0 + i) + 0.5, y: Double(y0 + j) + 0.5, in: px) else { continue }
        inside[j * w + i] = true
        if let v = values(lon, lat), v.isFinite { grid[j * w + i] = v }
      }
    }
    let (lo, hi) = MollweideMap.resolve(colorLimits, values: grid)
    // Pass 2: colour. Precompute the table as packed opaque ARGB32.
    let packed: [UInt32] = (0..<colormap.count).map { MollweideMap.pack(colormap.entry($0)) }
    let noData = MollweideMap.pack(.noData)
    canvas.withPixels { pixels, stride in
      for j in 0..<h {
        for i in 0..<w where inside[j * w + i] {
          let v = grid[j * w + i]
          let color: UInt32
          if v.isNaN {
            color = noData
          } else {
            color =
              colormap.index(forFraction: Colormap.normalize(v, lower: lo, upper: hi)).map { packed[$0] } ?? noData
          }
          pixels[(y0 + j) * stride + x0 + i] = color
        }
      }
    }
    drawGraticule(box, canvas)
    // Outline.
    canvas.save()
    canvas.newPath()
    canvas.setColor(.black)
    canvas.setLine(width: 0.8)
    ellipsePath(box, canvas)
    canvas.stroke()
    canvas.restore()
    for s in scatterPoints {
      for (lon, lat) in zip(s.longitudes, s.latitudes) {
        if let p = position(longitude: lon, latitude: lat, in: box) {
          canvas.marker(s.style, at: p.x, p.y, alpha: s.alpha)
        }
      }
    }
    for m in markers {
      guard let p = position(longitude: m.longitude, latitude: m.latitude, in: box) else { continue }
      canvas.marker(m.style, at: p.x, p.y)
      if let label = m.label {
        canvas.text(
          label, at: p.x + m.style.size * 0.7, p.y - m.style.size * 0.5, size: 9, horizontal: .left,
          vertical: .bottom, bold: true)
      }
    }
    if let title {
      canvas.text(
        title, at: box.midX, cell.y + Style.outerPad, size: Style.titleFont, horizontal: .center, vertical: .top)
    }
    if showColorBar { drawColorBar(box, lo, hi, canvas) }
    try canvas.check()
  }

  static func pack(_ c: PlotColor) -> UInt32 {
    let b = c.rgba8
    return 0xff00_0000 | UInt32(b[0]) << 16 | UInt32(b[1]) << 8 | UInt32(b[2])
  }

  private func ellipsePath(_ box: Rect, _ canvas: Canvas) {
    for k in 0...180 {
      let t = Double(k) / 180 * 2 * Double.pi
      let x = box.midX + box.width / 2 * cos(t), y = box.midY + box.height / 2 * sin(t)
      if k == 0 { canvas.move(x, y) } else { canvas.line(x, y) }
    }
    canvas.close()
  }

  private func drawGraticule(_ box: Rect, _ canvas: Canvas) {
    guard graticuleSpacing > 0 else { return }
    let step = graticuleSpacing
    canvas.save()
    canvas.setColor(PlotColor(hex: 0x606060).withAlpha(0.7))
    canvas.setLine(width: 0.5, dash: .dotted)
    var lat = -90 + step
    while lat < 90 - 1e-9 {  // parallels: straight lines between the meridians at ±180°
      let y =
        box.midY - projection.project(longitude: 0, latitude: lat).y / MollweideProjection.yRadius * box.height / 2
      let half = box.width / 2 * (1 - pow((y - box.midY) / (box.height / 2), 2)).squareRoot()
      canvas.segment(box.midX - half, y, box.midX + half, y)
      lat += step
    }
    var off = -180 + step
    while off < 180 - 1e-9 {  // meridians at centre ± k·step
      let lon = projection.centerLongitude + off
      for k in 0...60 {
        let la = -90 + Double(k) * 3
        guard let p = position(longitude: lon, latitude: la, in: box) else { continue }
        if k == 0 { canvas.move(p.x, p.y) } else { canvas.line(p.x, p.y) }
      }
      canvas.stroke()
      off += step
    }
    canvas.restore()
    guard showGraticuleLabels else { return }
    let grey = PlotColor(hex: 0x202020)
    lat = -90 + step
    while lat < 90 - 1e-9 {
      let y =
        box.midY - projection.project(longitude: 0, latitude: lat).y / MollweideProjection.yRadius * box.height / 2
      let half = box.width / 2 * (1 - pow((y - box.midY) / (box.height / 2), 2)).squareRoot()
      canvas.text(
        MollweideMap.degrees(lat), at: box.midX - half - 2, y, size: Metrics.labelFont, color: grey,
        horizontal: .right, vertical: .center)
      lat += step
    }
    off = -180 + step
    while off < 180 - 1e-9 {
      var lon = (projection.centerLongitude + off).truncatingRemainder(dividingBy: 360)
      if lon < 0 { lon += 360 }
      if let p = position(longitude: lon, latitude: 0, in: box) {
        canvas.text(
          MollweideMap.degrees(lon), at: p.x + 1.5, p.y + 1.5, size: Metrics.labelFont, color: grey,
          horizontal: .left, vertical: .top)
      }
      off += step
    }
  }

  static func degrees(_ v: Double) -> String {
    let r = v.rounded()
    let s = abs(v - r) < 1e-9 ? String(Int(r)) : String(format: "%.1f", v)
    return TickFormatter.minus(s) + "°"
  }

  private func drawColorBar(_ box: Rect, _ lo: Double, _ hi: Double, _ canvas: Canvas) {
    let width = max(100, box.width * 0.6)
    let bar = Rect(
      x: box.midX - width / 2, y: box.maxY + Metrics.colorBarGap, width: width, height: Metrics.colorBarHeight)
    let n = colormap.count
    for i in 0..<n {
      canvas.newPath()
      let x = bar.x + bar.width * Double(i) / Double(n)
      canvas.rect(Rect(x: x, y: bar.y, width: bar.width / Double(n) + 0.3, height: bar.height))
      canvas.setColor(colormap.entry(i))
      canvas.fill()
    }
    canvas.newPath()
    canvas.setColor(.black)
    canvas.setLine(width: Style.spineWidth)
    canvas.rect(bar)
    canvas.stroke()
    // Interior ticks at nice values (matplotlib locator), kept clear of the end labels.
    if hi > lo {
      let inner = TickLocator(maxBins: 4).ticks(from: lo, to: hi).filter {
        let f = ($0 - lo) / (hi - lo)
        return f > 0.15 && f < 0.85
      }
      for (t, text) in zip(inner, TickFormatter.labels(for: inner)) {
        let x = bar.x + (t - lo) / (hi - lo) * bar.width
        canvas.setColor(.black)
        canvas.setLine(width: Style.spineWidth)
        canvas.segment(x, bar.maxY, x, bar.maxY + 2.5)
        canvas.text(text, at: x, bar.maxY + 3, size: Style.tickFont * 0.8, horizontal: .center, vertical: .top)
      }
    }
    let labels = MollweideMap.limitLabels(lo, hi)
    canvas.text(labels.0, at: bar.x, bar.maxY + 3, size: Style.tickFont, horizontal: .center, vertical: .top)
    canvas.text(labels.1, at: bar.maxX, bar.maxY + 3, size: Style.tickFont, horizontal: .center, vertical: .top)
    if let colorBarLabel {
      canvas.text(
        colorBarLabel, at: bar.midX, bar.maxY + 3 + Style.tickFont + 4, size: Style.labelFont,
        horizontal: .center, vertical: .top)
    }
  }

  /// The colour-bar end labels: 3 significant digits (`%.3g`), with the typographic minus.
  static func limitLabels(_ lo: Double, _ hi: Double) -> (String, String) {
    (TickFormatter.minus(String(format: "%.3g", lo)), TickFormatter.minus(String(format: "%.3g", hi)))
  }
}
