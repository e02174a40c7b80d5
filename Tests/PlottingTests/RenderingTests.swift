// galmorph — PlottingTests

import Foundation
import Testing
import _GalmorphTestSupport
import Plotting

/// Pixel access on a rendered figure.
struct Pixels {
  let width: Int, height: Int, data: [UInt8]
  init(_ r: (width: Int, height: Int, pixels: [UInt8])) { width = r.width; height = r.height; data = r.pixels }
  func at(_ x: Int, _ y: Int) -> [UInt8] { Array(data[(y * width + x) * 4..<(y * width + x) * 4 + 4]) }
  static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
    zip(a.prefix(3), b.prefix(3)).map { abs(Int($0) - Int($1)) }.max() ?? 0
  }
}

@Suite("Rendering")
struct RenderingTests {
  @Test("a line from (0,0) to (1,1) lights the diagonal of the axes box and nothing far from it")
  func diagonalLine() throws {
    var ax = Axes()
    ax.xLimits = 0...1
    ax.yLimits = 0...1
    ax.showGrid = false
    ax.line(x: [0, 1], y: [0, 1], color: PlotColor.tab10[0])
    let figure = Figure(width: 4, height: 4, dpi: 100, axes: ax)
    let area = try #require(try figure.layout().first).plotArea
    let px = Pixels(try figure.renderRGBA())
    #expect(px.width == 400 && px.height == 400)
    let blue = PlotColor.tab10[0].rgba8
    // Along the diagonal: a pixel within 1 px of every point is the line's colour.
    for k in 1..<20 {
      let t = Double(k) / 20
      let cx = area.x + t * area.width, cy = area.maxY - t * area.height
      var found = false
      for dy in -1...1 {
        for dx in -1...1 where Pixels.distance(px.at(Int(cx) + dx, Int(cy) + dy), blue) < 40 { found = true }
      }
      #expect(found, "no line pixel near t = \(t) at (\(cx), \(cy))")
    }
    // Inside the box, pixels more than 3 px from the diagonal stay white.
    var offLine = 0, checked = 0
    let len = (area.width * area.width + area.height * area.height).squareRoot()
    for y in Int(area.y + 3)..<Int(area.maxY - 3) {
      for x in Int(area.x + 3)..<Int(area.maxX - 3) {
        let ux = Double(x) + 0.5 - area.x, uy = area.maxY - (Double(y) + 0.5)
        let d = abs(ux * area.height - uy * area.width) / len
        guard d > 3 else { continue }
        checked += 1
        if px.at(x, y) != [255, 255, 255, 255] { offLine += 1 }
      }
    }
    #expect(checked > 10000)
    #expect(offLine == 0, "\(offLine) pixels off the diagonal are not white")
  }

  @Test("a constant map has its colour at the centre, no-data grey where nil, white outside the ellipse")
  func constantMap() throws {
    var map = MollweideMap(colorLimits: .fixed(lower: 0, upper: 1)) { _, lat in lat > 60 ? nil : 0.5 }
    map.graticuleSpacing = 0
    let figure = Figure(width: 6, height: 4, dpi: 100, map: map)
    let area = try #require(try figure.layout().first).plotArea
    #expect(abs(area.width - 2 * area.height) < 1e-9)
    let px = Pixels(try figure.renderRGBA())
    let expected = Colormap.viridis.color(atFraction: 0.5).rgba8
    #expect(px.at(Int(area.midX), Int(area.midY)) == expected)
    let p = try #require(map.position(longitude: 100, latitude: 75, in: area))
    #expect(px.at(Int(p.x), Int(p.y)) == PlotColor.noData.rgba8, "nil values are drawn light grey")
    for (x, y) in [
      (area.x + 3, area.y + 3), (area.maxX - 3, area.y + 3), (area.x + 3, area.maxY - 3),
      (area.maxX - 3, area.maxY - 3),
    ] {
      #expect(px.at(Int(x), Int(y)) == [255, 255, 255, 255], "outside the ellipse at (\(x), \(y))")
    }
  }

  @Test(
    "the pixel at (lon, lat) on a map of f = lat has the colormap colour of that latitude",
    arguments: [Colormap.viridis, Colormap.rdBuR])
  func latitudeMap(cmap: Colormap) throws {
    var map = MollweideMap(colormap: cmap, colorLimits: .fixed(lower: -90, upper: 90)) { _, lat in lat }
    map.graticuleSpacing = 0
    map.showGraticuleLabels = false
    let figure = Figure(width: 8, height: 5, dpi: 120, map: map)
    let area = try #require(try figure.layout().first).plotArea
    let px = Pixels(try figure.renderRGBA())
    for (lon, lat) in [(10.0, -70.0), (100, -40), (180, 0), (250, 20), (300, 55), (45, 80)] {
      let p = try #require(map.position(longitude: lon, latitude: lat, in: area))
      let (ix, iy) = (Int(p.x), Int(p.y))
      let got = px.at(ix, iy)
      // The colour of the latitude at this pixel's centre (within half a pixel of the requested point) ...
      let centre = try #require(map.coordinates(atX: Double(ix) + 0.5, y: Double(iy) + 0.5, in: area))
      #expect(abs(centre.latitude - lat) < 0.5)
      #expect(got == cmap.color(for: centre.latitude, lower: -90, upper: 90).rgba8, "(\(lon), \(lat))")
      // ... which is within one table entry of the colour of `lat` itself.
      let i = try #require(cmap.index(forFraction: (lat + 90) / 180))
      let near = (max(0, i - 1)...min(cmap.count - 1, i + 1)).map { cmap.entry($0).rgba8 }
      #expect(near.contains(got), "(\(lon), \(lat)): \(got) not near entry \(i)")
    }
  }

  @Test("the PNG written reads back (cairo) with the same size and pixels, and no temporary file is left")
  func pngRoundTrip() throws {
    let folder = try TemporaryFolder("plot-png")
    defer { folder.cleanup() }
    var ax = Axes(title: "Round trip", xLabel: "x", yLabel: "y")
    ax.line(x: [0, 1, 2, 3], y: [1, 3, 2, 4], label: "data", marker: .circle)
    ax.band(x: [0, 1, 2, 3], lower: [0.5, 2.5, 1.5, 3.5], upper: [1.5, 3.5, 2.5, 4.5])
    let figure = Figure(width: 5, height: 3.5, axes: ax)
    let url = folder.file("sub/figure.png")
    try figure.writePNG(to: url)
    let image = try RGBAImage(contentsOfPNG: url)
    let rendered = try figure.renderRGBA()
    #expect(image.width == rendered.width && image.height == rendered.height)
    #expect(image.width == 750 && image.height == 525)
    #expect(image.pixels == rendered.pixels)
    let left = try FileManager.default.contentsOfDirectory(atPath: folder.file("sub").path)
    #expect(left == ["figure.png"])
  }

  @Test("writing to an unwritable path throws PlottingError naming the path and leaves no file")
  func unwritablePath() throws {
    let folder = try TemporaryFolder("plot-unwritable")
    defer { folder.cleanup() }
    try Data("not a folder".utf8).write(to: folder.file("blocker"))
    try FileManager.default.createDirectory(at: folder.file("adir"), withIntermediateDirectories: false)
    let figure = Figure(axes: Axes(title: "x"))
    for url in [folder.file("blocker/figure.png"), folder.file("adir")] {
      do {
        try figure.writePNG(to: url)
        Issue.record("writing to \(url.path) did not throw")
      } catch let error as PlottingError {
        guard case let .cannotWrite(path, _) = error else { Issue.record("unexpected \(error)"); continue }
        #expect(path == url.path)
        #expect(error.description.contains(url.path))
      }
    }
    let left = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted()
    #expect(left == ["adir", "blocker"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("adir").path).isEmpty)
  }

  @Test("reading a broken PNG throws PlottingError naming the file")
  func brokenPNG() throws {
    let folder = try TemporaryFolder("plot-broken")
    defer { folder.cleanup() }
    let url = folder.file("figure.png")
    try Figure(axes: Axes(title: "x")).writePNG(to: url)
    let data = try Data(contentsOf: url)
    try data.prefix(data.count / 3).write(to: url)
    #expect {
      _ = try RGBAImage(contentsOfPNG: url)
    } throws: { error in
      (error as? PlottingError).map { $0.description.contains(url.path) } ?? false
    }
  }

  @Test("inconsistent series and bad sizes are reported, not crashed on")
  func badInput() throws {
    var ax = Axes(title: "Spiral fraction")
    ax.line(x: [1, 2, 3], y: [1, 2], label: "CNN")
    #expect(
      throws: PlottingError.invalidSeries(panel: "Spiral fraction", series: "CNN", reason: "x has 3, y has 2 values")
    ) {
      _ = try Figure(axes: ax).renderRGBA()
    }
    #expect(throws: PlottingError.invalidFigureSize(width: 0, height: 4, dpi: 150)) {
      _ = try Figure(width: 0, height: 4).renderRGBA()
    }
    // NaN and log-scale non-positive values are skipped, not fatal.
    var lg = Axes()
    lg.yScale = .log
    lg.line(x: [1, 2, 3, 4], y: [1, .nan, -1, 1000])
    lg.errorBars(x: [1, 2], y: [10, 20], lower: [0, 15], upper: [20, 30])
    _ = try Figure(axes: lg).renderRGBA()
  }

  @Test("a mixed grid lays out each panel inside its own cell")
  func mixedGrid() throws {
    var ax = Axes(title: "left", xLabel: "x", yLabel: "y")
    ax.scatter(x: [0, 1, 2], y: [2, 1, 3], values: [0, 0.5, 1], label: "coloured")
    var figure = Figure(width: 10, height: 4, rows: 1, columns: 2, dpi: 100, title: "grid")
    figure[0, 0] = .axes(ax)
    figure[0, 1] = .map(MollweideMap { lon, _ in lon })
    let layout = try figure.layout()
    #expect(layout.map { [$0.row, $0.column] } == [[0, 0], [0, 1]])
    let (a, m) = (layout[0].plotArea, layout[1].plotArea)
    #expect(a.x > 0 && a.maxX <= 500 && a.y > 0 && a.maxY < 400)
    #expect(m.x >= 500 && m.maxX <= 1000 && m.y > 0 && m.maxY < 400)
    #expect(abs(m.width - 2 * m.height) < 1e-9)
    let px = Pixels(try figure.renderRGBA())
    #expect(px.width == 1000 && px.height == 400)
  }

  @Test("axis markers sit at the axis and its antipode; rendering is deterministic")
  func markersAndDeterminism() throws {
    var map = MollweideMap(colorLimits: .fixed(lower: 0, upper: 1)) { _, _ in 0.2 }
    map.graticuleSpacing = 0
    map.markAxis(longitude: 264, latitude: 48, label: "dipole", color: PlotColor.tab10[3])
    #expect(map.markers.map { [$0.longitude, $0.latitude] } == [[264, 48], [84, -48]])
    let figure = Figure(width: 8, height: 5, dpi: 100, map: map)
    let area = try #require(try figure.layout().first).plotArea
    let first = try figure.renderRGBA()
    let px = Pixels(first)
    let axis = try #require(map.position(longitude: 264, latitude: 48, in: area))
    let anti = try #require(map.position(longitude: 84, latitude: -48, in: area))
    #expect(axis.x < area.midX && axis.y < area.midY, "RA 264° > 180° is left of centre, north is up")
    #expect(anti.x > area.midX && anti.y > area.midY)
    #expect(Pixels.distance(px.at(Int(axis.x), Int(axis.y)), PlotColor.tab10[3].rgba8) < 10, "filled star at the axis")
    #expect(px.at(Int(anti.x), Int(anti.y)) == [255, 255, 255, 255], "open (white) star at the antipode")
    #expect(try figure.renderRGBA().pixels == first.pixels)
  }
}
