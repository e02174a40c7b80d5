// galmorph — SkySimulator
//
// Observing conditions that vary over the sky ("context"), each off by default.

/// Observing conditions given as expressions of sky position (see `SkyExpression`); `nil` (the default) means the
/// survey-wide constant. These create *context* — position-dependent image quality that a classifier can confuse
/// with morphology — and are independent of the true morphology dipole (`MorphologyDipole`).
///
/// - `psfFWHM`: reference-band seeing FWHM in arcsec (replaces `ObservingModel.psfFWHM`); must be in (0, 20].
/// - `noiseScale`: multiplies the noise realisation (replaces `ObservingModel.noiseScale`); ≥ 0.
/// - `backgroundScale`: multiplies every band's sky level (default 1); ≥ 0.
/// - `starDensity`: foreground stars per arcmin² (default 0, no stars); in [0, 1000].
/// - `extinction`: reddening E(B−V) in magnitudes (default 0); band b is dimmed by R_b·E(B−V) mag
///   (`BandSpec.extinctionCoefficient`), so galaxies get fainter *and* redder; in [0, 10].
public struct ContextKnobs: Codable, Sendable, Equatable {
  public var psfFWHM: SkyExpression?
  public var noiseScale: SkyExpression?
  public var backgroundScale: SkyExpression?
  public var starDensity: SkyExpression?
  public var extinction: SkyExpression?

  public init(
    psfFWHM: SkyExpression? = nil, noiseScale: SkyExpression? = nil, backgroundScale: SkyExpression? = nil,
    starDensity: SkyExpression? = nil, extinction: SkyExpression? = nil
  ) {
    self.psfFWHM = psfFWHM
    self.noiseScale = noiseScale
    self.backgroundScale = backgroundScale
    self.starDensity = starDensity
    self.extinction = extinction
  }

  /// True when no knob is set.
  public var isEmpty: Bool {
    psfFWHM == nil && noiseScale == nil && backgroundScale == nil && starDensity == nil && extinction == nil
  }
}

/// The context values at one galaxy's position (what `ContextKnobs` evaluate to, or the constants).
public struct ContextValues: Codable, Sendable, Equatable {
  /// Reference-band PSF FWHM, arcsec.
  public var psfFWHM: Double
  public var noiseScale: Double
  public var backgroundScale: Double
  /// Stars per arcmin².
  public var starDensity: Double
  /// E(B−V), magnitudes.
  public var extinction: Double
}
