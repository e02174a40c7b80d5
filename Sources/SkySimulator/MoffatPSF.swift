// galmorph — SkySimulator
//
// The Moffat point-spread function.

import Foundation

/// A circular Moffat (1969, A&A 3, 455) PSF in pixel units:
///   PSF(r) = (β − 1) / (π α²) · (1 + r²/α²)^{−β},   α = FWHM / (2 sqrt(2^{1/β} − 1)),
/// normalised to unit integral over the plane; the flux inside radius r is 1 − (1 + r²/α²)^{1−β}.
public struct MoffatPSF: Sendable, Equatable {
  /// Full width at half maximum, pixels.
  public let fwhm: Double
  public let beta: Double
  /// Core width α, pixels.
  public let alpha: Double

  public init(fwhm: Double, beta: Double) {
    precondition(fwhm > 0 && beta > 1, "Moffat needs FWHM > 0 and β > 1")
    self.fwhm = fwhm
    self.beta = beta
    alpha = fwhm / (2 * (pow(2, 1 / beta) - 1).squareRoot())
  }

  /// The surface density at radius `r` (pixels), unit total flux.
  public func value(atRadius r: Double) -> Double {
    (beta - 1) / (Double.pi * alpha * alpha) * pow(1 + r * r / (alpha * alpha), -beta)
  }

  /// Flux fraction inside radius `r`.
  public func enclosedFraction(within r: Double) -> Double { 1 - pow(1 + r * r / (alpha * alpha), 1 - beta) }

  /// The radius enclosing `fraction` of the flux.
  public func radius(enclosing fraction: Double) -> Double {
    alpha * (pow(1 - fraction, 1 / (1 - beta)) - 1).squareRoot()
  }

  /// The convolution kernel: (2R+1)² point samples at integer pixel offsets, row-major (dy outer), normalised to
  /// sum 1, with R = ceil(radius enclosing `enclosedFraction`) capped at `maxRadius`.
  ///
  /// Point sampling (not pixel averaging) is used because the galaxy image it convolves is already integrated over
  /// pixels: Σ_z G_pix(x − z) PSF(z) is the unit-spacing quadrature of (G ⊗ box ⊗ PSF)(x), whose error falls off
  /// with the PSF's Fourier transform at 2π/pixel (Poisson summation) and is negligible for FWHM ≳ 2 pixels.
  public func kernel(enclosedFraction: Double, maxRadius: Int) -> (radius: Int, weights: [Float]) {
    let r = max(1, min(maxRadius, Int(radius(enclosing: enclosedFraction).rounded(.up))))
    let side = 2 * r + 1
    var w = [Double](repeating: 0, count: side * side)
    var total = 0.0
    for j in 0..<side {
      for i in 0..<side {
        let dx = Double(i - r), dy = Double(j - r)
        let v = pow(1 + (dx * dx + dy * dy) / (alpha * alpha), -beta)
        w[j * side + i] = v
        total += v
      }
    }
    return (r, w.map { Float($0 / total) })
  }

  /// Adds `flux` × (PSF integrated over each pixel) centred at (`x`, `y`) (pixel coordinates, pixel (i, j) covering
  /// [i, i+1) × [j, j+1)) into a row-major `width` × `height` image, within `radius` pixels of the centre.
  /// Integration uses 3×3 Gauss–Legendre points per pixel (exact for polynomials of degree 5 in each axis).
  func addPoint(
    flux: Double, x: Double, y: Double, radius: Int, into image: UnsafeMutablePointer<Float>,
    width: Int, height: Int
  ) {
    let nodes = [-0.3872983346207417, 0, 0.3872983346207417]
    let weights = [5.0 / 18, 8.0 / 18, 5.0 / 18]
    let cx = Int(x.rounded(.down)), cy = Int(y.rounded(.down))
    let ia2 = 1 / (alpha * alpha), norm = (beta - 1) / Double.pi * ia2
    let j0 = max(0, cy - radius), j1 = min(height - 1, cy + radius)
    let i0 = max(0, cx - radius), i1 = min(width - 1, cx + radius)
    guard j0 <= j1, i0 <= i1 else { return }
    for j in j0...j1 {
      for i in i0...i1 {
        var s = 0.0
        for (a, wa) in zip(nodes, weights) {
          let dy = Double(j) + 0.5 + a - y
          for (c, wc) in zip(nodes, weights) {
            let dx = Double(i) + 0.5 + c - x
            s += wa * wc * pow(1 + (dx * dx + dy * dy) * ia2, -beta)
          }
        }
        image[j * width + i] += Float(flux * norm * s)
      }
    }
  }
}
