// galmorph — SkySimulator
//
// One photometric band of the simulated survey.

/// A photometric band: its name, dust-extinction coefficient, sky level and how the PSF and spiral arms change
/// with wavelength.
///
/// Defaults (`BandSpec.sdss`) are SDSS-like g, r, i:
/// - `extinctionCoefficient` R = A_band / E(B−V): 3.303, 2.285, 1.698 (Schlafly & Finkbeiner 2011, ApJ 737, 103,
///   Table 6, R_V = 3.1).
/// - `skyBackground` (ADU per pixel before subtraction): 60, 100, 160 — the sky is brighter in ADU to the red.
/// - `psfScale` (FWHM relative to the context FWHM, which refers to the reference band): 1.05, 1.0, 0.97 — seeing
///   scales roughly as λ^−0.2 (Kolmogorov turbulence).
/// - `armBoost` (spiral-arm amplitude relative to the reference band): 1.3, 1.0, 0.8 — arms trace young, blue stars.
public struct BandSpec: Codable, Sendable, Equatable {
  public var name: String
  public var extinctionCoefficient: Double
  public var skyBackground: Double
  public var psfScale: Double
  public var armBoost: Double

  public init(
    name: String, extinctionCoefficient: Double, skyBackground: Double, psfScale: Double = 1,
    armBoost: Double = 1
  ) {
    self.name = name
    self.extinctionCoefficient = extinctionCoefficient
    self.skyBackground = skyBackground
    self.psfScale = psfScale
    self.armBoost = armBoost
  }

  /// SDSS-like g, r, i (reference band r, index 1).
  public static let sdss: [BandSpec] = [
    BandSpec(name: "g", extinctionCoefficient: 3.303, skyBackground: 60, psfScale: 1.05, armBoost: 1.3),
    BandSpec(name: "r", extinctionCoefficient: 2.285, skyBackground: 100, psfScale: 1.0, armBoost: 1.0),
    BandSpec(name: "i", extinctionCoefficient: 1.698, skyBackground: 160, psfScale: 0.97, armBoost: 0.8),
  ]
}
