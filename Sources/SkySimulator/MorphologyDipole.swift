// galmorph — SkySimulator
//
// A true, physical dipole in the fraction of spirals, independent of observing context.

/// A planted dipole in the spiral fraction: P(spiral | n̂) = f₀ + A cos θ, θ the angle between the galaxy's
/// direction n̂ and the `axis`, f₀ = `SimulationConfig.spiralFraction`. The hemisphere around the axis then has mean
/// spiral fraction f₀ + A/2 and the opposite one f₀ − A/2 (the mean of cos θ over a hemisphere is 1/2).
/// Requires 0 ≤ f₀ − |A| and f₀ + |A| ≤ 1.
///
/// Default axis: (ra 167.94°, dec −6.94°), the CMB kinematic dipole direction (l = 264.02°, b = 48.25°;
/// Planck 2018 I, A&A 641, A1), the usual reference axis for number-count and morphology dipole searches.
public struct MorphologyDipole: Codable, Sendable, Equatable {
  public var amplitude: Double
  public var axis: SkyPosition

  public init(amplitude: Double, axis: SkyPosition = SkyPosition(ra: 167.94, dec: -6.94)) {
    self.amplitude = amplitude
    self.axis = axis
  }
}
