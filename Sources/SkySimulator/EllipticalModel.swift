// galmorph — SkySimulator
//
// The parameter distributions of simulated elliptical galaxies.

/// Ellipticals: a single Sérsic (1963) profile I(R) = I_e exp(−b_n[(R/r_e)^{1/n} − 1]) on elliptical radius
/// R = sqrt(u² + (v/q)²) (u along the major axis), with b_n from P(2n, b_n) = 1/2 (Ciotti & Bertin 1999).
///
/// Defaults:
/// - `sersicIndex`: Normal(4, 0.4) truncated to [3, 5.5] — de Vaucouleurs-like (n = 4) with scatter.
/// - `axisRatio` q = b/a: Uniform(0.6, 1) — ellipticals E0–E4.
/// - `halfLightRadius` (arcsec, semi-major axis): log-normal, median 1.4″, 0.2 dex, in [0.4, 8] — near the seeing
///   disk, so resolution matters for morphology.
/// - `colour`: magnitude offsets m_band − m_ref per band, [g−r, 0, −(r−i)] = [0.78, 0, −0.40] (red sequence).
/// - `colourScatter`: 0.15 mag Gaussian scatter per non-reference band.
public struct EllipticalModel: Codable, Sendable, Equatable {
  public var sersicIndex: ParameterDistribution = .normal(mean: 4, sigma: 0.4, min: 3, max: 5.5)
  public var axisRatio: ParameterDistribution = .uniform(min: 0.6, max: 1)
  public var halfLightRadius: ParameterDistribution = .logNormal(median: 1.4, sigmaDex: 0.2, min: 0.4, max: 8)
  public var colour: [Double] = [0.78, 0, -0.40]
  public var colourScatter: Double = 0.15

  public init() {}

  func validate(bands: Int) throws {
    try sersicIndex.validate("elliptical.sersicIndex", within: 0.3...10)
    try axisRatio.validate("elliptical.axisRatio", within: 0.05...1)
    try halfLightRadius.validate("elliptical.halfLightRadius", within: 0.01...100)
    try validateColour(colour, "elliptical.colour", bands: bands)
    try validateScatter(colourScatter, "elliptical.colourScatter")
  }
}

func validateColour(_ c: [Double], _ name: String, bands: Int) throws {
  guard c.count == bands, c.allSatisfy({ $0.isFinite && abs($0) < 10 }) else {
    throw SkySimulatorError.invalidParameter(
      name: name, value: "\(c)",
      expected: "\(bands) finite magnitude offsets (one per band)")
  }
}

func validateScatter(_ s: Double, _ name: String) throws {
  guard s.isFinite, s >= 0, s < 2 else {
    throw SkySimulatorError.invalidParameter(name: name, value: "\(s)", expected: "a scatter in [0, 2) mag")
  }
}
