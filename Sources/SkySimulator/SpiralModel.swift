// galmorph — SkySimulator
//
// The parameter distributions of simulated spiral galaxies.

/// Spirals: a Sérsic bulge plus an exponential (n = 1) disk carrying two logarithmic spiral arms.
///
/// Disk surface brightness in the disk plane (R, θ), R the deprojected radius:
///   I_disk(R, θ) = I_d(R) · [1 + A · T(R) · cos(2(θ − θ₀) − 2 ln(R/r_d)/tan p)],
/// an m = 2 logarithmic spiral of pitch angle p (Seigar & James 1998), with amplitude A and taper
/// T(R) = 1 − exp(−(R/R_t)²), R_t = max(bulge r_e, 0.3 disk r_e), so the arms vanish in the bulge. The cosine has
/// zero mean over θ, so the arms redistribute but never change the disk's flux. The winding sense (S or Z) is
/// random. The disk is projected with inclination i and intrinsic thickness q₀ (Hubble 1926):
///   q = sqrt(cos² i + q₀² sin² i), so edge-on disks keep a width q₀.
///
/// Defaults:
/// - `diskHalfLightRadius` (arcsec): log-normal, median 2.0″, 0.2 dex, in [0.5, 10].
/// - `bulgeToTotal` (reference band): Uniform(0.05, 0.7) — Sd to Sa; the bulge-dominated end looks elliptical when
///   the arms are weak or unresolved.
/// - `bulgeRadiusFraction` (bulge r_e / disk r_e): Uniform(0.15, 0.35).
/// - `bulgeSersicIndex`: Uniform(1.5, 4); `bulgeAxisRatio`: Uniform(0.7, 1).
/// - `cosInclination`: Uniform(0, 1) — isotropic orientations, edge-on (cos i = 0) included.
/// - `thickness` q₀: Uniform(0.08, 0.2).
/// - `armAmplitude` A: Uniform(0.1, 0.7) in the reference band (scaled by `BandSpec.armBoost`, capped at 0.95).
/// - `pitchAngle` (degrees): Uniform(10, 30) — Sb–Sc spirals.
/// - `bulgeColour` [0.72, 0, −0.38] and `diskColour` [0.40, 0, −0.22]: m_band − m_ref, the disk bluer than the bulge.
/// - `colourScatter`: 0.15 mag per non-reference band, so spiral and elliptical colours overlap (red spirals, blue
///   ellipticals) and colour alone does not classify.
public struct SpiralModel: Codable, Sendable, Equatable {
  public var diskHalfLightRadius: ParameterDistribution = .logNormal(median: 2.0, sigmaDex: 0.2, min: 0.5, max: 10)
  public var bulgeToTotal: ParameterDistribution = .uniform(min: 0.05, max: 0.7)
  public var bulgeRadiusFraction: ParameterDistribution = .uniform(min: 0.15, max: 0.35)
  public var bulgeSersicIndex: ParameterDistribution = .uniform(min: 1.5, max: 4)
  public var bulgeAxisRatio: ParameterDistribution = .uniform(min: 0.7, max: 1)
  public var cosInclination: ParameterDistribution = .uniform(min: 0, max: 1)
  public var thickness: ParameterDistribution = .uniform(min: 0.08, max: 0.2)
  public var armAmplitude: ParameterDistribution = .uniform(min: 0.1, max: 0.7)
  public var pitchAngle: ParameterDistribution = .uniform(min: 10, max: 30)
  public var bulgeColour: [Double] = [0.72, 0, -0.38]
  public var diskColour: [Double] = [0.40, 0, -0.22]
  public var colourScatter: Double = 0.15

  public init() {}

  func validate(bands: Int) throws {
    try diskHalfLightRadius.validate("spiral.diskHalfLightRadius", within: 0.01...100)
    try bulgeToTotal.validate("spiral.bulgeToTotal", within: 0...1)
    try bulgeRadiusFraction.validate("spiral.bulgeRadiusFraction", within: 0.01...2)
    try bulgeSersicIndex.validate("spiral.bulgeSersicIndex", within: 0.3...10)
    try bulgeAxisRatio.validate("spiral.bulgeAxisRatio", within: 0.05...1)
    try cosInclination.validate("spiral.cosInclination", within: 0...1)
    try thickness.validate("spiral.thickness", within: 0.01...1)
    try armAmplitude.validate("spiral.armAmplitude", within: 0...1)
    try pitchAngle.validate("spiral.pitchAngle", within: 1...80)
    try validateColour(bulgeColour, "spiral.bulgeColour", bands: bands)
    try validateColour(diskColour, "spiral.diskColour", bands: bands)
    try validateScatter(colourScatter, "spiral.colourScatter")
  }
}
