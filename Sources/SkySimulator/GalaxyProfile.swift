// galmorph — SkySimulator
//
// The noise-free, unconvolved surface brightness of one galaxy, as up to three unit-flux components.

import Foundation

/// Surface brightness per pixel² of a galaxy's components at a point, each normalised to unit total flux:
/// `.x` the spheroid (elliptical or bulge, Sérsic), `.y` the exponential disk, `.z` the flux-neutral spiral-arm
/// modulation of the disk (amplitude included). Coordinates are pixels; angles follow the astronomical convention
/// with +y north and −x east (position angle from north through east, i.e. the major axis points along
/// (−sin PA, cos PA)).
struct GalaxyProfile: Sendable {
  var centreX: Float
  var centreY: Float
  /// Major-axis unit vector.
  let ax: Float, ay: Float
  let spheroidInvQ2: Float
  let spheroid: RadialTable
  let disk: Disk?

  struct Disk: Sendable {
    let invQ: Float
    let profile: RadialTable
    /// I_d(s) A T(s) cos ψ(s) / s and the same with sin ψ(s).
    let armCos: RadialTable
    let armSin: RadialTable
  }

  /// Smallest tabulated R², pixels² (R ≈ 3e-4 px, far below the finest integration cell).
  static let sMin: Float = 1e-7

  /// Builds the tables for a galaxy whose tabulated radii reach `maxRadius` pixels in the sky plane.
  init(
    centreX: Double, centreY: Double, positionAngle: Double, spheroid sph: SersicProfile,
    disk diskProfile: SersicProfile?, arms: (amplitude: Double, pitch: Double, phase: Double, taperRadius: Double)?,
    maxRadius: Double
  ) {
    self.centreX = Float(centreX)
    self.centreY = Float(centreY)
    let pa = positionAngle * .pi / 180
    ax = Float(-sin(pa))
    ay = Float(cos(pa))
    spheroidInvQ2 = Float(1 / (sph.axisRatio * sph.axisRatio))
    let sMaxSph = Float(pow(maxRadius / sph.axisRatio, 2)) * 1.01
    spheroid = RadialTable(sMin: GalaxyProfile.sMin, sMax: sMaxSph) { s in
      sph.intensity(atEllipticalRadius: s.squareRoot())
    }
    if let d = diskProfile {
      let sMax = Float(pow(maxRadius / d.axisRatio, 2)) * 1.01
      let table = RadialTable(sMin: GalaxyProfile.sMin, sMax: sMax) { s in
        d.intensity(atEllipticalRadius: s.squareRoot())
      }
      let rd = d.halfLightRadius / d.b  // exponential scale length
      let (amp, pitch, phase, rt) = arms ?? (0, 20, 0, 1)
      let winding = 1 / tan(pitch * .pi / 180)
      func arm(_ s: Double, _ trig: (Double) -> Double) -> Double {
        let r = s.squareRoot()
        let taper = -expm1(-s / (rt * rt))
        let psi = 2 * phase * .pi / 180 + 2 * log(max(r, 1e-12) / rd) * winding
        return d.intensity(atEllipticalRadius: r) * amp * taper * trig(psi) / s
      }
      disk = Disk(
        invQ: Float(1 / d.axisRatio), profile: table,
        armCos: RadialTable(sMin: GalaxyProfile.sMin, sMax: sMax) { arm($0, cos) },
        armSin: RadialTable(sMin: GalaxyProfile.sMin, sMax: sMax) { arm($0, sin) })
    } else {
      disk = nil
    }
  }

  @inline(__always)
  func evaluate(_ x: Float, _ y: Float) -> SIMD4<Float> {
    let dx = x - centreX, dy = y - centreY
    let u = dx * ax + dy * ay
    let v = ay * dx - ax * dy
    let s = u * u + v * v * spheroidInvQ2
    var out = SIMD4<Float>(spheroid(s), 0, 0, 0)
    if let d = disk {
      let w = v * d.invQ
      let u2 = u * u, w2 = w * w
      let sd = u2 + w2
      out.y = d.profile(sd)
      out.z = d.armCos(sd) * (u2 - w2) + d.armSin(sd) * (2 * u * w)
    }
    return out
  }
}
