// galmorph — SkySimulator
//
// The truth record as flat, typed table columns for catalog writers (CSV, FITS binary tables, HDF5).

/// One cell of a flattened truth row.
public enum TruthValue: Sendable, Equatable {
  case int(Int)
  case double(Double)
  case string(String)

  /// Text for CSV: integers plainly, doubles with up to 17 significant digits (`nan` for absent values).
  public var text: String {
    switch self {
    case let .int(i): return String(i)
    case let .double(d): return d.isNaN ? "nan" : "\(d)"
    case let .string(s): return s
    }
  }
}

extension GalaxyTruth {
  /// Column names of `columns(bands:)`, in order: per-band arrays become `<name>_<band>` (e.g. `flux_g`).
  public static func columnNames(bands: [String]) -> [String] {
    GalaxyTruth.scalarNamesHead + bands.flatMap { b in ["flux_\(b)", "spheroid_flux_\(b)", "disk_flux_\(b)"] }
      + GalaxyTruth.scalarNamesTail + bands.map { "sky_background_\($0)" } + [
        "star_density", "star_count", "extinction",
      ]
  }

  static let scalarNamesHead = ["index", "class", "label", "ra", "dec", "l", "b", "p_spiral", "magnitude"]
  static let scalarNamesTail = [
    "half_light_radius", "sersic_index", "spheroid_half_light_radius", "spheroid_axis_ratio", "bulge_to_total",
    "disk_half_light_radius", "disk_axis_ratio", "inclination", "thickness", "arm_amplitude", "arm_pitch",
    "arm_phase", "position_angle", "centre_offset_x", "centre_offset_y", "psf_fwhm", "psf_beta", "noise_scale",
    "background_scale",
  ]

  /// The record as one flat row matching `columnNames(bands:)` (absent values, e.g. a disk radius for an
  /// elliptical, are NaN). Units as in the stored properties.
  public func columns() -> [TruthValue] {
    var row: [TruthValue] = [
      .int(index), .string(galaxyClass.rawValue), .int(label), .double(ra), .double(dec),
      .double(l), .double(b), .double(pSpiral), .double(magnitude),
    ]
    for k in flux.indices {
      row += [.double(flux[k]), .double(spheroidFlux[k]), .double(diskFlux[k])]
    }
    let optional: (Double?) -> TruthValue = { .double($0 ?? .nan) }
    row += [
      .double(halfLightRadius), .double(sersicIndex), .double(spheroidHalfLightRadius),
      .double(spheroidAxisRatio), .double(bulgeToTotal), optional(diskHalfLightRadius), optional(diskAxisRatio),
      optional(inclination), optional(thickness), optional(armAmplitude), optional(armPitch), optional(armPhase),
      .double(positionAngle), .double(centreOffsetX), .double(centreOffsetY), .double(psfFWHM), .double(psfBeta),
      .double(noiseScale), .double(backgroundScale),
    ]
    row += skyBackground.map { .double($0) }
    row += [.double(starDensity), .int(starCount), .double(extinction)]
    return row
  }
}
