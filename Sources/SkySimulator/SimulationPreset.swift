// galmorph — SkySimulator
//
// Named configurations for the anisotropy-audit experiments.

/// Ready-made surveys. Each starts from the defaults of `SimulationConfig` and changes only what its name says.
///
/// - `null`: no context, no dipole — any hemisphere difference a classifier finds is a false positive.
/// - `contextDec`: observing conditions depend on the sign of Dec, as for two telescopes in two hemispheres:
///   seeing FWHM 1.1″ in the north, 1.9″ in the south (`"1.1 + 0.8*(dec<0)"`); noise ×1 north, ×2.2 south
///   (`"1 + 1.2*(dec<0)"`); sky ×1 / ×1.5. Sizes sit near the PSF (default r_e medians 1.4″ and 2.0″) and magnitudes
///   span 16–20, so S/N runs from ~10 to ~700: in the south spiral arms blur out and noise adds structure,
///   which a CNN trained on the north misreads differently from one trained on the south. No true dipole. What the
///   planted context predicts is an interaction (the two models disagree most on the side neither learned), not a
///   fixed sign of D: in the bundled audit (Notebooks-exports/audit-context-dec, made from
///   Catalogs/simulations/context-dec.json, i.e. the easier defaults before magnitudes 16–20 and 0.15-mag colour
///   scatter) the north-trained model called relatively more spirals on the noisy south than the south-trained model
///   (D < 0, "other-side", in 4 of 5 seeds); the audit's verdict therefore tests |D| and reports the sign separately.
///   With the current, harder defaults this context also widens the control pairs' spread of D (the two control
///   models disagree most on the degraded side), and 5 seeds do not detect it; see the README.
/// - `contextGalactic`: conditions depend on Galactic latitude: reddening E(B−V) = min(0.6, 0.025/|sin b|)
///   (a cosecant dust slab, Sandage 1973) and star density 0.5 + 25 exp(−|b|/12°) per arcmin². No true dipole.
/// - `trueDipole`: a real spiral-fraction dipole of amplitude 0.1 about the CMB dipole axis, no context.
public enum SimulationPreset: String, CaseIterable, Codable, Sendable {
  case null = "null"
  case contextDec = "context-dec"
  case contextGalactic = "context-galactic"
  case trueDipole = "true-dipole"

  /// Looks a preset up by its command-line name (`null`, `context-dec`, `context-galactic`, `true-dipole`).
  public init(name: String) throws {
    guard let p = SimulationPreset(rawValue: name.lowercased()) else {
      throw SkySimulatorError.unknownPreset(name: name, available: SimulationPreset.allCases.map(\.rawValue))
    }
    self = p
  }

  /// The configuration of this preset with the given size and seed.
  public func config(count: Int = 1000, seed: UInt64 = 1) -> SimulationConfig {
    var c = SimulationConfig()
    c.count = count
    c.seed = seed
    switch self {
    case .null:
      break
    case .contextDec:
      c.context.psfFWHM = try? SkyExpression("1.1 + 0.8*(dec<0)", knob: "psfFWHM")
      c.context.noiseScale = try? SkyExpression("1 + 1.2*(dec<0)", knob: "noiseScale")
      c.context.backgroundScale = try? SkyExpression("1 + 0.5*(dec<0)", knob: "backgroundScale")
    case .contextGalactic:
      c.context.extinction = try? SkyExpression("min(0.6, 0.025/max(abs(sin(b)), 0.001))", knob: "extinction")
      c.context.starDensity = try? SkyExpression("0.5 + 25*exp(-abs(b)/12)", knob: "starDensity")
    case .trueDipole:
      c.dipole = MorphologyDipole(amplitude: 0.1)
    }
    return c
  }
}
