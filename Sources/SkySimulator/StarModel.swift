// galmorph — SkySimulator
//
// Foreground stars: point sources drawn with the PSF.

/// Foreground stars, present only where the star density (constant `density` or `ContextKnobs.starDensity`) is
/// positive. The number per stamp is Poisson(density × stamp area in arcmin²); positions are uniform over the stamp;
/// each star is the pixel-integrated Moffat PSF (3×3 Gauss–Legendre points per pixel) scaled to its flux.
/// Stars are in front of the dust layer, so extinction does not dim them.
///
/// Defaults: `density` 0 per arcmin²; `magnitude` (reference band) Uniform(16, 21);
/// `colour` m_band − m_ref: g Uniform(0.3, 1.4), r 0, i Uniform(−0.6, −0.1) (main-sequence-like spread).
public struct StarModel: Codable, Sendable, Equatable {
  public var density: Double = 0
  public var magnitude: ParameterDistribution = .uniform(min: 16, max: 21)
  public var colour: [ParameterDistribution] = [
    .uniform(min: 0.3, max: 1.4), .constant(0), .uniform(min: -0.6, max: -0.1),
  ]

  public init() {}

  func validate(bands: Int) throws {
    guard density.isFinite, density >= 0, density <= 1000 else {
      throw SkySimulatorError.invalidParameter(
        name: "stars.density", value: "\(density)", expected: "0...1000 per arcmin²")
    }
    try magnitude.validate("stars.magnitude", within: -30...50)
    guard colour.count == bands else {
      throw SkySimulatorError.invalidParameter(
        name: "stars.colour", value: "\(colour.count) entries",
        expected: "one distribution per band (\(bands))")
    }
    for (i, c) in colour.enumerated() { try c.validate("stars.colour[\(i)]", within: -10...10) }
  }
}
