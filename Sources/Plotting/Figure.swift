// galmorph — Plotting
//
// A figure: a grid of panels (x–y axes or sky maps) rendered through cairo.

import Foundation

/// One cell of a figure's grid.
public enum Panel: Sendable {
  case axes(Axes)
  case map(MollweideMap)
  case empty
}

/// Where a panel landed: its grid cell and its plotting area in PIXELS (origin top-left, y down) — the axes box
/// for `.axes`, the bounding box of the map ellipse for `.map`.
public struct PanelLayout: Sendable, Equatable {
  public let row: Int
  public let column: Int
  public let plotArea: Rect
}

/// A figure of `rows × columns` panels, `width × height` inches at `dpi` (default 6.4 × 4.8 in at 150 dpi, i.e.
/// 960 × 720 pixels: matplotlib's default size at a resolution fit for reports).
///
/// ```swift
/// var figure = Figure(width: 12, height: 4.5, rows: 1, columns: 2)
/// figure[0, 0] = .axes(ax)
/// figure[0, 1] = .map(map)
/// try figure.writePNG(to: url)
/// ```
/// Cells divide the canvas evenly (below the optional figure title); each panel lays itself out inside its cell.
public struct Figure: Sendable {
  /// Width in inches.
  public var width: Double
  /// Height in inches.
  public var height: Double
  /// Resolution in pixels per inch (default 150).
  public var dpi: Double
  public let rows: Int
  public let columns: Int
  /// Panels in row-major order (`rows × columns`).
  public var panels: [Panel]
  /// An optional title above all panels (matplotlib `suptitle`), 13 pt.
  public var title: String?

  public init(
    width: Double = 6.4, height: Double = 4.8, rows: Int = 1, columns: Int = 1, dpi: Double = 150,
    panels: [Panel] = [], title: String? = nil
  ) {
    precondition(rows >= 1 && columns >= 1, "a figure needs at least one row and one column")
    precondition(panels.count <= rows * columns, "more panels than cells in a \(rows)×\(columns) figure")
    self.width = width; self.height = height; self.dpi = dpi
    self.rows = rows; self.columns = columns; self.title = title
    self.panels = panels + Array(repeating: .empty, count: rows * columns - panels.count)
  }

  /// A one-panel figure holding `axes`.
  public init(width: Double = 6.4, height: Double = 4.8, dpi: Double = 150, axes: Axes) {
    self.init(width: width, height: height, dpi: dpi, panels: [.axes(axes)])
  }

  /// A one-panel figure holding `map` (default 8 × 5 in, room for the 2:1 map and its colour bar).
  public init(width: Double = 8, height: Double = 5, dpi: Double = 150, map: MollweideMap) {
    self.init(width: width, height: height, dpi: dpi, panels: [.map(map)])
  }

  public subscript(row: Int, column: Int) -> Panel {
    get {
      precondition(row >= 0 && row < rows && column >= 0 && column < columns, "cell (\(row), \(column)) out of range")
      return panels[row * columns + column]
    }
    set {
      precondition(row >= 0 && row < rows && column >= 0 && column < columns, "cell (\(row), \(column)) out of range")
      panels[row * columns + column] = newValue
    }
  }

  /// The size in pixels: `round(width · dpi) × round(height · dpi)`.
  public var pixelSize: (width: Int, height: Int) {
    (Int((width * dpi).rounded()), Int((height * dpi).rounded()))
  }

  /// The cell of (row, column) in points.
  func cell(row: Int, column: Int) -> Rect {
    let top = title == nil ? 0 : 13 * 1.2 + 8
    let w = width * 72 / Double(columns), h = (height * 72 - top) / Double(rows)
    return Rect(x: Double(column) * w, y: top + Double(row) * h, width: w, height: h)
  }

  func validateSize() throws {
    let (w, h) = pixelSize
    guard width.isFinite, height.isFinite, dpi.isFinite, width >= 0.5, height >= 0.5, width <= 100, height <= 100,
      dpi >= 10, dpi <= 1200, w <= 20000, h <= 20000
    else {
      throw PlottingError.invalidFigureSize(width: width, height: height, dpi: dpi)
    }
  }

  /// Draws every panel onto a new canvas.
  func render() throws -> Canvas {
    try validateSize()
    let (w, h) = pixelSize
    let canvas = try Canvas(widthPixels: w, heightPixels: h, dpi: dpi)
    if let title {
      canvas.text(title, at: width * 36, 6, size: 13, horizontal: .center, vertical: .top)
    }
    for r in 0..<rows {
      for c in 0..<columns {
        let cell = cell(row: r, column: c)
        let name = "row \(r + 1), column \(c + 1)"
        switch self[r, c] {
        case let .axes(ax): try ax.draw(in: cell, canvas: canvas, panel: ax.panelName(name))
        case let .map(m): try m.draw(in: cell, canvas: canvas)
        case .empty: break
        }
      }
    }
    try canvas.check()
    return canvas
  }

  /// The plotting area of every non-empty panel, in pixels (what `renderRGBA()` draws).
  public func layout() throws -> [PanelLayout] {
    try validateSize()
    let canvas = try Canvas(widthPixels: 1, heightPixels: 1, dpi: dpi)
    var out: [PanelLayout] = []
    for r in 0..<rows {
      for c in 0..<columns {
        let cell = cell(row: r, column: c)
        switch self[r, c] {
        case let .axes(ax):
          out.append(
            PanelLayout(row: r, column: c, plotArea: ax.layout(in: cell, canvas: canvas).box.scaled(by: dpi / 72)))
        case let .map(m):
          out.append(PanelLayout(row: r, column: c, plotArea: m.mapBox(in: cell).scaled(by: dpi / 72)))
        case .empty: break
        }
      }
    }
    return out
  }
}
