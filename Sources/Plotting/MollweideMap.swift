// galmorph — Plotting
//
// An all-sky map of a scalar function in the Mollweide projection, with graticule, colour bar and markers.

/// How a map's colour limits are chosen.
public enum ColorLimits: Sendable, Equatable {
  /// The finite minimum and maximum of the values drawn.
  case automatic
  /// `[−m, m]` with `m` the largest finite |value|: for diverging colormaps centred on 0 (e.g. `.rdBuR`).
  case symmetric
  /// Fixed limits; values outside take the end colours (matplotlib's under/over default).
  case fixed(lower: Double, upper: Double)
}

/// A labelled point marker on a sky map (e.g. a best-fit dipole axis).
public struct MapMarker: Sendable, Equatable {
  public var longitude: Double
  public var latitude: Double
  public var label: String?
  public var style: MarkerStyle
  public init(
    longitude: Double, latitude: Double, label: String? = nil,
    style: MarkerStyle = MarkerStyle(shape: .star, size: 12, color: PlotColor.cycle(3), edgeColor: .black)
  ) {
    self.longitude = longitude; self.latitude = latitude; self.label = label; self.style = style
  }
}

/// Scatter points on a sky map.
public struct MapScatter: Sendable, Equatable {
  public var longitudes: [Double]
  public var latitudes: [Double]
  public var style: MarkerStyle
  public var alpha: Double
  public init(longitudes: [Double], latitudes: [Double], style: MarkerStyle, alpha: Double = 1) {
    self.longitudes = longitudes; self.latitudes = latitudes; self.style = style; self.alpha = alpha
  }
}

/// A Mollweide all-sky map of `values(longitude°, latitude°) → Double?`.
///
/// Rendering inverse-projects the centre of every output pixel inside the map ellipse (`MollweideProjection`),
/// evaluates `values` there and colours the pixel with `colormap` under `colorLimits`; `nil` or NaN (no data) is
/// drawn light grey (`PlotColor.noData`), pixels outside the ellipse keep the white background. Defaults: centre
/// longitude 180° with longitude (RA) increasing to the left — the astronomical convention, RA 0° on the edges;
/// graticule every 30° in longitude and latitude; viridis; a horizontal colour bar with the limits at its ends,
/// nice interior ticks (`TickLocator`) and `colorBarLabel` below.
public struct MollweideMap: Sendable {
  public var title: String?
  public var projection: MollweideProjection
  public var colormap: Colormap
  public var colorLimits: ColorLimits
  /// Label under the colour bar; the bar is drawn when `showColorBar` is true.
  public var colorBarLabel: String?
  public var showColorBar: Bool = true
  /// Graticule spacing in degrees (default 30°, both directions); 0 = none.
  public var graticuleSpacing: Double = 30
  /// Label the graticule (latitudes at the left ends of the parallels, longitudes below the equator).
  public var showGraticuleLabels: Bool = true
  public var markers: [MapMarker] = []
  public var scatterPoints: [MapScatter] = []
  /// The function drawn: (longitude, latitude) in degrees → value, or nil for no data.
  public var values: @Sendable (Double, Double) -> Double?

  public init(
    title: String? = nil, colorBarLabel: String? = nil, colormap: Colormap = .viridis,
    colorLimits: ColorLimits = .automatic, projection: MollweideProjection = MollweideProjection(),
    values: @escaping @Sendable (Double, Double) -> Double?
  ) {
    self.title = title; self.colorBarLabel = colorBarLabel; self.colormap = colormap
    self.colorLimits = colorLimits; self.projection = projection; self.values = values
  }

  /// Marks an axis direction and its antipode (longitude + 180°, −latitude), e.g. the best-fit dipole: a filled
  /// star at the axis and an open one at the antipode, each labelled.
  public mutating func markAxis(
    longitude: Double, latitude: Double, label: String = "dipole",
    antipodeLabel: String = "antipode", color: PlotColor = PlotColor.cycle(3)
  ) {
    markers.append(
      MapMarker(
        longitude: longitude, latitude: latitude, label: label,
        style: MarkerStyle(shape: .star, size: 13, color: color, edgeColor: .black)))
    var anti = (longitude + 180).truncatingRemainder(dividingBy: 360)
    if anti < 0 { anti += 360 }
    markers.append(
      MapMarker(
        longitude: anti, latitude: -latitude, label: antipodeLabel,
        style: MarkerStyle(shape: .star, size: 13, color: .white, edgeColor: color)))
  }

  /// Adds scatter points (e.g. object positions) drawn over the map.
  public mutating func scatter(
    longitudes: [Double], latitudes: [Double], color: PlotColor = .black,
    size: Double = 3, shape: MarkerShape = .circle, alpha: Double = 0.8
  ) {
    scatterPoints.append(
      MapScatter(
        longitudes: longitudes, latitudes: latitudes,
        style: MarkerStyle(shape: shape, size: size, color: color), alpha: alpha))
  }

  /// The position of (longitude, latitude) inside `plotArea` (the ellipse's bounding box, e.g. from
  /// `Figure.layout()`, in the same units), or nil for non-finite input.
  public func position(longitude: Double, latitude: Double, in plotArea: Rect) -> (x: Double, y: Double)? {
    guard longitude.isFinite, latitude.isFinite else { return nil }
    let p = projection.project(longitude: longitude, latitude: latitude)
    return (
      plotArea.midX + p.x / MollweideProjection.xRadius * plotArea.width / 2,
      plotArea.midY - p.y / MollweideProjection.yRadius * plotArea.height / 2
    )
  }

  /// The (longitude, latitude) shown at position (x, y) of `plotArea`, or nil outside the ellipse.
  public func coordinates(atX x: Double, y: Double, in plotArea: Rect) -> (longitude: Double, latitude: Double)? {
    let mx = (x - plotArea.midX) / (plotArea.width / 2) * MollweideProjection.xRadius
    let my = -(y - plotArea.midY) / (plotArea.height / 2) * MollweideProjection.yRadius
    return projection.inverse(x: mx, y: my)
  }
}
