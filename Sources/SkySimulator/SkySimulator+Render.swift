// galmorph — SkySimulator
//
// Rendering one galaxy: sub-pixel integration, PSF convolution, stars, sky and noise.

import Foundation
import GalmorphSupport

extension SkySimulator {
  /// Renders the stamp of `t` into `out` as H × W × C Float32 (row y, column x, band c at `(y·W + x)·C + c`).
  /// Noise comes from `stream(index).stream(1)`, stars from `.stream(3)`, so the pixels depend only on the seed and
  /// the index.
  func render(_ t: GalaxyTruth, into out: UnsafeMutablePointer<Float>) {
    let c = config, o = c.observing
    let size = c.stampSize, bands = c.bands.count
    let psfs = c.bands.map { MoffatPSF(fwhm: t.psfFWHM * $0.psfScale / o.pixelScale, beta: o.psfBeta) }
    let kernels = psfs.map { $0.kernel(enclosedFraction: o.psfEnclosedFraction, maxRadius: o.maxKernelRadius) }
    let separable = kernels.map { SeparableKernel(radius: $0.radius, weights: $0.weights) }
    let rmax = kernels.map(\.radius).max() ?? 1
    let padded = size + 2 * rmax
    let perArcsec = 1 / o.pixelScale

    // 1. Unit-flux component images on the padded grid.
    let centreX = Double(rmax) + Double(size) / 2 + t.centreOffsetX
    let centreY = Double(rmax) + Double(size) / 2 + t.centreOffsetY
    let spheroid = SersicProfile(
      n: t.sersicIndex, halfLightRadius: t.spheroidHalfLightRadius * perArcsec,
      axisRatio: t.spheroidAxisRatio)
    var disk: SersicProfile?
    var arms: (amplitude: Double, pitch: Double, phase: Double, taperRadius: Double)?
    if let rd = t.diskHalfLightRadius, let q = t.diskAxisRatio {
      let d = SersicProfile(n: 1, halfLightRadius: rd * perArcsec, axisRatio: q)
      disk = d
      arms = (
        t.armAmplitude ?? 0, t.armPitch ?? 20, t.armPhase ?? 0,
        max(spheroid.halfLightRadius, 0.3 * d.halfLightRadius)
      )
    }
    let profile = GalaxyProfile(
      centreX: centreX, centreY: centreY, positionAngle: t.positionAngle, spheroid: spheroid,
      disk: disk, arms: arms, maxRadius: 1.5 * Double(padded))
    let integrator = PixelIntegrator(profile: profile, tolerance: o.integrationTolerance)
    let plane = padded * padded
    let components = disk == nil ? 1 : 3
    var planes = [Float](repeating: 0, count: components * plane)
    planes.withUnsafeMutableBufferPointer { p in
      let interior = rmax..<(rmax + size)
      for y in 0..<padded {
        for x in 0..<padded {
          // Padding pixels only feed the PSF wings at the stamp edge, ≥ size/2 − jitter from the centre where the
          // profile is smooth: one midpoint sample is enough there.
          let inside = interior.contains(x) && interior.contains(y)
          let v =
            inside
            ? integrator.pixel(x: x, y: y)
            : profile.evaluate(Float(x) + 0.5, Float(y) + 0.5)
          p[y * padded + x] = v.x
          if components == 3 {
            p[plane + y * padded + x] = v.y
            p[2 * plane + y * padded + x] = v.z
          }
        }
      }
    }

    // 2. Stars (positions and fluxes shared by all bands).
    let streams = root.stream(UInt64(t.index))
    var gs = streams.stream(3)
    var stars: [(x: Double, y: Double, flux: [Double])] = []
    for _ in 0..<t.starCount {
      let x = Double(size) * gs.nextUnit(), y = Double(size) * gs.nextUnit()
      let m = c.stars.magnitude.sample(using: &gs)
      let flux = (0..<bands).map { k in pow(10, -0.4 * (m + c.stars.colour[k].sample(using: &gs) - o.zeroPoint)) }
      stars.append((x, y, flux))
    }

    // 3. Per band: combine, convolve, add stars, sky and noise.
    var gn = streams.stream(1)
    var normals = NormalPairs()
    var bandImage = [Float](repeating: 0, count: plane)
    var conv = [Float](repeating: 0, count: size * size)
    var scratch = [Float](repeating: 0, count: (size + 2 * rmax) * size)
    let amp = t.armAmplitude ?? 0
    for k in 0..<bands {
      let fs = Float(t.spheroidFlux[k]), fd = Float(t.diskFlux[k])
      let boost = amp > 0 ? Float(min(c.bands[k].armBoost, 0.95 / amp)) : 0
      planes.withUnsafeBufferPointer { p in
        bandImage.withUnsafeMutableBufferPointer { b in
          if components == 3 {
            for i in 0..<plane { b[i] = fs * p[i] + fd * (p[plane + i] + boost * p[2 * plane + i]) }
          } else {
            for i in 0..<plane { b[i] = fs * p[i] }
          }
        }
      }
      bandImage.withUnsafeBufferPointer { b in
        conv.withUnsafeMutableBufferPointer { cv in
          scratch.withUnsafeMutableBufferPointer { sc in
            guard let bb = b.baseAddress, let cb = cv.baseAddress, let sb = sc.baseAddress else { return }
            if o.applyPSF {
              separable[k].convolve(bb, padded: padded, pad: rmax, into: cb, size: size, scratch: sb)
            } else {
              for y in 0..<size { (cb + y * size).update(from: bb + (y + rmax) * padded + rmax, count: size) }
            }
          }
        }
      }
      conv.withUnsafeMutableBufferPointer { cp in
        guard let base = cp.baseAddress else { return }
        for s in stars {
          psfs[k].addPoint(
            flux: s.flux[k], x: s.x, y: s.y, radius: kernels[k].radius, into: base, width: size,
            height: size)
        }
      }
      let sky = t.skyBackground[k]
      let gain = o.gain, readNoise = o.readNoise, scale = t.noiseScale
      for p in 0..<(size * size) {
        let model = max(0, Double(conv[p])) + sky
        var v = model
        if o.addNoise {
          var e = PoissonSampler.sample(model * gain, using: &gn) / gain
          if readNoise > 0 { e += readNoise * normals.next(using: &gn) }
          v = model + scale * (e - model)
        }
        if o.subtractBackground { v -= sky }
        out[p * bands + k] = Float(v)
      }
    }
  }

  /// `out[y][x] = Σ_{j,i} K[j][i] · image[y + pad − R + j][x + pad − R + i]` (the kernel is symmetric, so this
  /// correlation is the convolution), over the `size` × `size` interior of a `padded` × `padded` image.
  static func convolve(
    _ image: [Float], padded: Int, pad: Int, kernel: (radius: Int, weights: [Float]),
    into out: inout [Float], size: Int
  ) {
    let r = kernel.radius, side = 2 * r + 1, offset = pad - r
    image.withUnsafeBufferPointer { src in
      kernel.weights.withUnsafeBufferPointer { w in
        out.withUnsafeMutableBufferPointer { dst in
          guard let s = src.baseAddress, let d = dst.baseAddress else { return }
          d.update(repeating: 0, count: size * size)
          for j in 0..<side {
            for i in 0..<side {
              let wt = w[j * side + i]
              for y in 0..<size {
                let row = s + (y + offset + j) * padded + offset + i
                let o = d + y * size
                for x in 0..<size { o[x] += wt * row[x] }
              }
            }
          }
        }
      }
    }
  }
}
