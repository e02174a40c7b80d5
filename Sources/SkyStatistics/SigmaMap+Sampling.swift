// galmorph — SkyStatistics
//
// Reading a σ-map at any sky position, and resampling it onto a HEALPix map for FITS output.

import SkyGeometry

extension SigmaMap {
  /// The index of the grid axis nearest to (ra, dec) in degrees.
  ///
  /// - `.raDec(step)`: the cell containing the point, i = ⌊ra/step⌋ mod n_RA, j = ⌊(dec + 90)/step⌋ clamped to the
  ///   grid (its centre is the nearest axis in RA and in Dec; `AxisGrid` orders axes j·n_RA + i).
  /// - `.healpix(nside)`: the ring-ordered pixel containing the point (chealpix `ang2pix_ring`).
  public func axisIndex(raDegrees ra: Double, decDegrees dec: Double) -> Int {
    axisLocator()(ra, dec)
  }

  /// ``axisIndex(raDegrees:decDegrees:)`` as a function with the grid's set-up done once (``AxisGrid/axisLocator()``).
  public func axisLocator() -> @Sendable (Double, Double) -> Int { grid.axisLocator() }

  /// σ at (ra, dec): the value of the nearest grid axis.
  public func sigma(raDegrees ra: Double, decDegrees dec: Double) -> Double { sampler()(ra, dec) }

  /// ``sigma(raDegrees:decDegrees:)`` with the grid's set-up done once (see ``axisLocator()``).
  public func sampler() -> @Sendable (Double, Double) -> Double { grid.sampler(sigma) }

  /// The σ-map as a ring-ordered full-sky HEALPix map: for a HEALPix grid the grid itself; for an RA/Dec grid of
  /// step s, σ of the nearest grid axis at each pixel centre of the nside matching s
  /// (`HEALPix.nside(matchingStepDegrees:)`; 1° → nside 64, 49,152 pixels).
  public func healpixMap() throws -> (pixelization: HEALPix, values: [Double]) {
    switch grid {
    case let .healpix(nside):
      return (try HEALPix(nside: nside, ordering: .ring), sigma)
    case let .raDec(step):
      let h = try HEALPix(nside: HEALPix.nside(matchingStepDegrees: step), ordering: .ring)
      let sample = sampler()
      let values = (0..<h.pixelCount).map { p -> Double in
        let c = h.centreAngles(ofPixel: p)
        return sample(c.ra, c.dec)
      }
      return (h, values)
    }
  }
}

extension AxisGrid {
  /// The index of the grid axis nearest to (ra, dec) in degrees, as a function with the grid's set-up (the HEALPix
  /// pixelisation) done once, for callers that sample many positions (a figure's every pixel, a resampled map).
  ///
  /// - `.raDec(step)`: the cell containing the point, i = ⌊ra/step⌋ mod n_RA, j = ⌊(dec + 90)/step⌋ clamped to the
  ///   grid (its centre is the nearest axis in RA and in Dec; axes are ordered j·n_RA + i).
  /// - `.healpix(nside)`: the ring-ordered pixel containing the point (chealpix `ang2pix_ring`).
  public func axisLocator() -> @Sendable (Double, Double) -> Int {
    switch self {
    case let .raDec(step):
      let nra = Int((360 / step).rounded()), ndec = Int((180 / step).rounded())
      return { ra, dec in
        var r = ra.truncatingRemainder(dividingBy: 360)
        if r < 0 { r += 360 }
        let i = min(nra - 1, max(0, Int((r / step).rounded(.down))))
        let j = min(ndec - 1, max(0, Int(((dec + 90) / step).rounded(.down))))
        return j * nra + i
      }
    case let .healpix(nside):
      guard let h = try? HEALPix(nside: nside, ordering: .ring) else { return { _, _ in 0 } }
      return { ra, dec in h.pixel(raDegrees: ra, decDegrees: dec) }
    }
  }

  /// `values` (one per axis, in grid order) read at any (ra, dec) in degrees as the value of the nearest grid axis
  /// (``axisLocator()``); NaN where `values` has no entry for that axis.
  public func sampler(_ values: [Double]) -> @Sendable (Double, Double) -> Double {
    let locate = axisLocator()
    return { ra, dec in
      let i = locate(ra, dec)
      return values.indices.contains(i) ? values[i] : .nan
    }
  }
}
