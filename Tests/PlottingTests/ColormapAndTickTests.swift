// galmorph — PlottingTests

import Foundation
import Testing
import _GalmorphTestSupport
import Plotting

@Suite("Colormaps, ticks and binning against matplotlib/numpy")
struct ColormapAndTickTests {
  @Test(
    "viridis and RdBu_r lookups equal matplotlib's cmap(x), including clipping at 0 and 1",
    arguments: ["viridis", "RdBu_r"])
  func colormapMatchesMatplotlib(name: String) throws {
    let golden = try #require(try PlotGolden.load().colormaps[name])
    let cmap = name == "viridis" ? Colormap.viridis : Colormap.rdBuR
    #expect(cmap.count == golden.N)
    #expect(cmap.name == name)
    for (x, rgb) in zip(golden.x, golden.rgb) {
      let c = cmap.color(atFraction: x)
      expectAllClose([c.red, c.green, c.blue], rgb, rtol: 0, atol: 1e-15, "\(name)(\(x))")
    }
    #expect(cmap.color(atFraction: .nan) == cmap.badColor)
  }

  @Test("Normalize maps the limits to the first and last entries")
  func normalize() {
    let v = Colormap.viridis
    #expect(v.color(for: -90, lower: -90, upper: 90) == v.entry(0))
    #expect(v.color(for: 90, lower: -90, upper: 90) == v.entry(255))
    #expect(v.color(for: 0, lower: -90, upper: 90) == v.entry(128))
    #expect(Colormap.normalize(3, lower: 2, upper: 2) == 0)
  }

  @Test("tick placement equals matplotlib MaxNLocator(nbins, steps=[1, 2, 2.5, 5, 10])")
  func ticksMatchMatplotlib() throws {
    let golden = try PlotGolden.load()
    #expect(golden.ticks.count >= 100)
    for c in golden.ticks {
      let t = TickLocator(maxBins: c.nbins).ticks(from: c.vmin, to: c.vmax)
      #expect(t.count == c.ticks.count, "[\(c.vmin), \(c.vmax)] nbins \(c.nbins): \(t) vs \(c.ticks)")
      if t.count == c.ticks.count {
        let scale = max(abs(c.vmax), abs(c.vmin))
        expectAllClose(t, c.ticks, rtol: 0, atol: 1e-12 * scale, "[\(c.vmin), \(c.vmax)] nbins \(c.nbins)")
      }
    }
  }

  @Test("auto bins follow the axis length like matplotlib's get_tick_space")
  func autoBins() {
    #expect(TickLocator.autoBins(axisLength: 357, vertical: false) == 9)  // 357 / 30 → 11 → clipped to 9
    #expect(TickLocator.autoBins(axisLength: 150, vertical: false) == 5)
    #expect(TickLocator.autoBins(axisLength: 150, vertical: true) == 7)
    #expect(TickLocator.autoBins(axisLength: 5, vertical: true) == 1)
  }

  @Test("tick labels use the fewest decimals and a typographic minus")
  func tickLabels() {
    #expect(
      TickFormatter.labels(for: [-0.5, -0.25, 0, 0.25, 0.5]) == [
        "\u{2212}0.50", "\u{2212}0.25", "0.00", "0.25", "0.50",
      ])
    #expect(TickFormatter.labels(for: [0, 0.2, 0.4, 0.6000000000000001]) == ["0.0", "0.2", "0.4", "0.6"])
    #expect(TickFormatter.labels(for: [1990, 2000, 2010]) == ["1990", "2000", "2010"])
    #expect(TickFormatter.labels(for: [0, 5e5, 1e6]) == ["0", "5e5", "1e6"])
    #expect(TickFormatter.logTicks(from: 0.003, to: 20) == [0.001, 0.01, 0.1, 1, 10, 100])
  }

  @Test("histogram counts equal numpy.histogram; trapezoid area equals numpy.trapezoid")
  func histogramAndArea() throws {
    let h = try PlotGolden.load().histogram
    let r = Histogram.count(h.values, bins: h.bins, range: h.range[0]...h.range[1])
    expectAllClose(r.edges, h.edges, rtol: 1e-15, atol: 1e-15, "edges")
    #expect(r.counts == h.counts)
    expectClose(Axes.trapezoidArea(x: h.fpr, y: h.tpr), h.auc, rtol: 1e-13, "AUC")
  }
}
