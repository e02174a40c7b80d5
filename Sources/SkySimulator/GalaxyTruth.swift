// galmorph — SkySimulator
//
// The per-galaxy truth record written beside the images.

/// The morphological class of a simulated galaxy; `label` is the integer used for training (spiral = 1).
public enum GalaxyClass: String, Codable, Sendable, CaseIterable {
  case elliptical, spiral
  public var label: Int { self == .spiral ? 1 : 0 }
}

/// Everything that was drawn for one galaxy: class, position, context, structure and photometry. Angles in
/// degrees, sizes in arcsec (semi-major axes), fluxes in ADU (total over the plane, after extinction), one entry per
/// band in the `[Double]` members. Members that do not apply to the class are nil (ellipticals have no disk).
/// JSON/CSV keys are snake_case (`CodingKeys`).
public struct GalaxyTruth: Codable, Sendable, Equatable {
  /// Galaxy number in the survey (its RNG stream index).
  public var index: Int
  public var galaxyClass: GalaxyClass
  /// 1 for spiral, 0 for elliptical.
  public var label: Int
  public var ra: Double
  public var dec: Double
  /// Galactic longitude and latitude.
  public var l: Double
  public var b: Double
  /// P(spiral) at this position (f₀ + A cos θ).
  public var pSpiral: Double
  /// Reference-band total magnitude before extinction.
  public var magnitude: Double
  /// Total flux per band (ADU), after extinction.
  public var flux: [Double]
  /// Spheroid (elliptical or bulge) flux per band (ADU).
  public var spheroidFlux: [Double]
  /// Disk flux per band (ADU); zeros for ellipticals.
  public var diskFlux: [Double]
  /// Reference-band half-light semi-major axis of the whole galaxy (arcsec).
  public var halfLightRadius: Double
  /// Sérsic index of the spheroid (the elliptical, or the bulge).
  public var sersicIndex: Double
  public var spheroidHalfLightRadius: Double
  public var spheroidAxisRatio: Double
  /// Reference-band bulge-to-total flux ratio (1 for ellipticals).
  public var bulgeToTotal: Double
  public var diskHalfLightRadius: Double?
  /// Projected disk axis ratio sqrt(cos² i + q₀² sin² i).
  public var diskAxisRatio: Double?
  /// Inclination (0 face-on, 90 edge-on).
  public var inclination: Double?
  /// Intrinsic disk thickness q₀.
  public var thickness: Double?
  public var armAmplitude: Double?
  /// Arm pitch angle; the sign gives the winding sense (S or Z).
  public var armPitch: Double?
  public var armPhase: Double?
  /// Position angle of the major axis, north through east, [0, 180).
  public var positionAngle: Double
  /// Galaxy centre minus stamp centre, pixels (+x, +y).
  public var centreOffsetX: Double
  public var centreOffsetY: Double
  /// Reference-band PSF FWHM (arcsec) and Moffat β.
  public var psfFWHM: Double
  public var psfBeta: Double
  public var noiseScale: Double
  public var backgroundScale: Double
  /// Sky level per band (ADU per pixel), before subtraction.
  public var skyBackground: [Double]
  /// Stars per arcmin² and the number drawn in this stamp.
  public var starDensity: Double
  public var starCount: Int
  /// E(B−V), magnitudes.
  public var extinction: Double

  enum CodingKeys: String, CodingKey {
    case index, galaxyClass = "class", label, ra, dec, l, b, pSpiral = "p_spiral", magnitude, flux
    case spheroidFlux = "spheroid_flux", diskFlux = "disk_flux", halfLightRadius = "half_light_radius"
    case sersicIndex = "sersic_index", spheroidHalfLightRadius = "spheroid_half_light_radius"
    case spheroidAxisRatio = "spheroid_axis_ratio", bulgeToTotal = "bulge_to_total"
    case diskHalfLightRadius = "disk_half_light_radius", diskAxisRatio = "disk_axis_ratio", inclination, thickness
    case armAmplitude = "arm_amplitude", armPitch = "arm_pitch", armPhase = "arm_phase"
    case positionAngle = "position_angle", centreOffsetX = "centre_offset_x", centreOffsetY = "centre_offset_y"
    case psfFWHM = "psf_fwhm", psfBeta = "psf_beta", noiseScale = "noise_scale", backgroundScale = "background_scale"
    case skyBackground = "sky_background", starDensity = "star_density", starCount = "star_count", extinction
  }
}
