// galmorph — Reports
//
// Shamir's σ-map in Mollweide projection: the one renderer behind `galmorph dipole`'s sigma_map.png and the audit's
// sigma_*.png figures.

import Plotting
import SkyStatistics

extension MollweideMap {
  /// The σ-map `map` (σ of the cos-fit dipole about each grid axis against random relabellings; Shamir 2022,
  /// MNRAS 516, 2281) drawn at every sky position as the σ of the nearest grid axis (``SigmaMap/sigma(raDegrees:decDegrees:)``),
  /// RA increasing to the left, centred on RA 180°, the diverging `RdBu_r` colormap. `colorLimits` defaults to
  /// symmetric limits ±max|σ|; with `markBestAxis` the max-σ axis gets a filled star and its antipode an open one.
  public static func sigmaMap(
    _ map: SigmaMap, title: String, colorBarLabel: String,
    colorLimits: ColorLimits = .symmetric, markBestAxis: Bool = true
  ) -> MollweideMap {
    var m = sigmaMap(
      values: map.sigma, grid: map.grid, title: title, colorBarLabel: colorBarLabel, colorLimits: colorLimits)
    if markBestAxis {
      m.markAxis(
        longitude: map.bestAxis.ra, latitude: map.bestAxis.dec,
        label: "max σ " + NumberFormat.fixed(decimals: 1).format(map.bestSigma).plain, antipodeLabel: "antipode")
    }
    return m
  }

  /// σ values stored per axis of `grid` (e.g. an audit's ``AnisotropyAudit/AuditSigmaMaps``), drawn as
  /// ``sigmaMap(_:title:colorBarLabel:colorLimits:markBestAxis:)`` draws a map, without the best-axis marks.
  public static func sigmaMap(
    values: [Double], grid: AxisGrid, title: String, colorBarLabel: String, colorLimits: ColorLimits = .symmetric
  ) -> MollweideMap {
    let sample = grid.sampler(values)
    return MollweideMap(title: title, colorBarLabel: colorBarLabel, colormap: .rdBuR, colorLimits: colorLimits) {
      lon, lat in
      let s = sample(lon, lat)
      return s.isFinite ? s : nil
    }
  }
}
