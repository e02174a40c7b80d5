// galmorph — PlottingTests
//
// The decoded golden file written by Reference/gen_plot_golden.py (matplotlib, numpy, pyproj cross-check).

import _GalmorphTestSupport

struct PlotGolden: Decodable {
  struct Forward: Decodable { let lon, lat, lon0, x, y: Double }
  struct Inverse: Decodable { let x, y, lon0, lon, lat: Double }
  struct Point: Decodable { let x, y: Double }
  struct ColormapCase: Decodable { let x: [Double]; let rgb: [[Double]]; let N: Int }
  struct TickCase: Decodable { let vmin, vmax: Double; let nbins: Int; let ticks: [Double] }
  struct HistogramCase: Decodable {
    let values: [Double]; let bins: Int; let range: [Double]; let edges, counts: [Double]
    let fpr, tpr: [Double]; let auc: Double
  }
  let generator: String
  let mollweide_forward: [Forward]
  let mollweide_inverse: [Inverse]
  let mollweide_outside: [Point]
  let colormaps: [String: ColormapCase]
  let ticks: [TickCase]
  let histogram: HistogramCase

  static func load() throws -> PlotGolden { try Reference.json(PlotGolden.self, "plot_golden.json") }
}
