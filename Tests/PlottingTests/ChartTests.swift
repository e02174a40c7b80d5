// galmorph — PlottingTests

import Foundation
import GalmorphSupport
import Testing
import _GalmorphTestSupport
import Plotting

@Suite("Chart helpers")
struct ChartTests {
  /// A figure of all chart kinds; with GALMORPH_PLOT_SAMPLES=<folder> the PNGs are kept there for inspection.
  static func sampleFigures() -> [(String, Figure)] {
    var rng = SeededGenerator(seed: 1)
    let fpr = (0...50).map { Double($0) / 50 }
    let roc = Axes.rocCurve([
      ROCCurve(label: "CNN", falsePositiveRate: fpr, truePositiveRate: fpr.map { pow($0, 0.25) }),
      ROCCurve(label: "CNN (sky-split)", falsePositiveRate: fpr, truePositiveRate: fpr.map { pow($0, 0.4) }),
    ])
    let bins = (0..<10).map { i -> ReliabilityBin in
      let p = (Double(i) + 0.5) / 10, o = min(1, max(0, p + 0.05 * sin(Double(i))))
      return ReliabilityBin(
        meanPredicted: p, observedFrequency: o, count: 50 + 30 * i, lower: max(0, o - 0.05),
        upper: min(1, o + 0.06))
    }
    let rel = Axes.reliabilityDiagram([("CNN", bins)])
    let b = stride(from: -75.0, through: 75, by: 15).map { $0 }
    let models = ["random split", "sky split", "hemisphere"].enumerated().map { k, name in
      let f = b.map { 0.55 + 0.02 * Double(k) + 0.03 * sin($0 / 30) }
      return FractionSeries(label: name, x: b, fraction: f, lower: f.map { $0 - 0.03 }, upper: f.map { $0 + 0.04 })
    }
    let frac = Axes.fractionVsCoordinate(
      models, xLabel: "Galactic latitude b [deg]", yLabel: "Spiral fraction",
      title: "Spiral fraction vs latitude", reference: 0.57, referenceLabel: "all sky")
    let null = Axes.nullDistribution(
      samples: (0..<2000).map { _ in rng.nextNormal() }, observed: 2.9, pValue: 0.0021,
      xLabel: "Dipole amplitude / σ")
    var grid = Figure(width: 12, height: 9, rows: 2, columns: 2, title: "galmorph report figures")
    grid[0, 0] = .axes(roc); grid[0, 1] = .axes(rel); grid[1, 0] = .axes(frac); grid[1, 1] = .axes(null)
    var map = MollweideMap(
      title: "Spiral fraction residual", colorBarLabel: "f − ⟨f⟩", colormap: .rdBuR,
      colorLimits: .symmetric
    ) { lon, lat in
      abs(lat) < 10 ? nil : 0.1 * cos(lat * .pi / 180) * cos((lon - 264) * .pi / 180)
    }
    map.markAxis(longitude: 264, latitude: 48, label: "dipole")
    map.scatter(longitudes: (0..<40).map { Double($0) * 9 }, latitudes: (0..<40).map { 40 * sin(Double($0)) })
    var misc = Axes(title: "Log axis, steps, bars", xLabel: "x", yLabel: "count")
    misc.yScale = .log
    misc.bars(centers: [1, 2, 3, 4], heights: [3, 30, 300, 3000], label: "bars", alpha: 0.6)
    misc.step(x: [0.5, 1.5, 2.5, 3.5, 4.5], y: [2, 20, 200, 2000, 20000], label: "step")
    misc.scatter(x: [1, 2, 3], y: [10, 100, 1000], label: "scatter", size: 8, shape: .diamond)
    misc.text("annotation", x: 0.05, y: 0.92, coordinates: .axesFraction)
    return [("charts", grid), ("map", Figure(map: map)), ("misc", Figure(axes: misc))]
  }

  @Test("every chart kind renders and writes a readable PNG with content")
  func chartsRender() throws {
    let folder = try TemporaryFolder("plot-charts")
    defer { folder.cleanup() }
    let keep = ProcessInfo.processInfo.environment["GALMORPH_PLOT_SAMPLES"].map { URL(fileURLWithPath: $0) }
    for (name, figure) in ChartTests.sampleFigures() {
      let url = (keep ?? folder.url).appendingPathComponent("\(name).png")
      try figure.writePNG(to: url)
      let image = try RGBAImage(contentsOfPNG: url)
      #expect(image.width == figure.pixelSize.width && image.height == figure.pixelSize.height)
      // Not blank: a good share of non-white pixels, and some strongly coloured ones.
      var nonWhite = 0, coloured = 0
      for i in stride(from: 0, to: image.pixels.count, by: 4) {
        let r = Int(image.pixels[i]), g = Int(image.pixels[i + 1]), b = Int(image.pixels[i + 2])
        if r + g + b < 750 { nonWhite += 1 }
        if max(r, g, b) - min(r, g, b) > 80 { coloured += 1 }
      }
      #expect(nonWhite > image.width * image.height / 50, "\(name) looks blank")
      #expect(coloured > 500, "\(name) has no coloured pixels")
    }
  }

  @Test("ROC legend carries the AUC; the diagonal and limits are set")
  func rocContent() {
    let ax = Axes.rocCurve([ROCCurve(label: "m", falsePositiveRate: [0, 0, 1], truePositiveRate: [0, 1, 1])])
    #expect(ax.elements.compactMap(\.label) == ["m (AUC = 1.000)", "chance"])
    #expect(ax.xLimits == 0...1 && ax.yLimits == 0...1)
  }

  @Test("fraction plot offsets the models symmetrically; null plot marks the observed value")
  func fractionAndNull() {
    let s = FractionSeries(label: "a", x: [0, 10], fraction: [0.5, 0.5], lower: [0.4, 0.4], upper: [0.6, 0.6])
    var t = s; t.label = "b"
    let ax = Axes.fractionVsCoordinate([s, t], xLabel: "b")
    let xs = ax.elements.compactMap { e -> [Double]? in
      if case let .errorBars(x, _, _, _, _, _, _, _, _) = e { return x } else { return nil }
    }
    #expect(xs == [[-0.4, 9.6], [0.4, 10.4]])
    let null = Axes.nullDistribution(samples: [1, 2, 3], observed: 5, pValue: 0.01)
    #expect(
      null.elements.contains {
        if case .verticalLine(5, _, let l) = $0 { return l == "observed = 5 (p = 0.010)" } else { return false }
      })
  }
}
