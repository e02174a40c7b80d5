// galmorph — SkyGeometryTests

import Foundation
import SkyGeometry
import Testing
import _GalmorphTestSupport

@Suite("HEALPix vs healpy")
struct HEALPixTests {
  let g: GeometryGolden
  init() throws { g = try Reference.json(GeometryGolden.self, "geometry_golden.json") }

  @Test func ang2pixRingAndNested() throws {
    for rec in g.healpix {
      let ring = try HEALPix(nside: rec.nside, ordering: .ring)
      let nest = try HEALPix(nside: rec.nside, ordering: .nested)
      #expect(ring.pixelCount == rec.npix)
      for i in rec.ra.indices {
        #expect(ring.pixel(raDegrees: rec.ra[i], decDegrees: rec.dec[i]) == rec.ring[i], "nside \(rec.nside) ring \(i)")
        #expect(
          nest.pixel(raDegrees: rec.ra[i], decDegrees: rec.dec[i]) == rec.nested[i], "nside \(rec.nside) nest \(i)")
        let d = SkyDirection(raDegrees: rec.ra[i], decDegrees: rec.dec[i])
        #expect(ring.pixel(of: d) == rec.ring[i])
        #expect(nest.pixel(of: d) == rec.nested[i])
        #expect(ring.convert(pixel: rec.ring[i], to: .nested) == rec.nested[i])
      }
    }
  }

  @Test func pix2angRingAndNested() throws {
    for rec in g.healpix {
      for (order, ras, decs) in [
        (PixelOrdering.ring, rec.ring_centre_ra, rec.ring_centre_dec),
        (.nested, rec.nested_centre_ra, rec.nested_centre_dec),
      ] {
        let h = try HEALPix(nside: rec.nside, ordering: order)
        for (k, p) in rec.pixels.enumerated() {
          let c = h.centreAngles(ofPixel: p)
          expectClose(c.dec, decs[k], rtol: 1e-12, atol: 1e-11, "dec nside \(rec.nside) \(order) pixel \(p)")
          let v = h.centre(ofPixel: p)
          let ref = SkyDirection(raDegrees: ras[k], decDegrees: decs[k])
          #expect(v.separation(to: ref) < 1e-9, "pix2vec nside \(rec.nside) \(order) pixel \(p)")
          #expect(h.pixel(of: v) == p)
        }
      }
    }
  }

  @Test func rejectsBadNside() {
    #expect(throws: SkyGeometryError.self) { try HEALPix(nside: 3) }
    #expect(throws: SkyGeometryError.self) { try HEALPix(nside: 0) }
    let h = try? HEALPix(nside: 16)
    #expect(abs((h?.pixelAreaSquareDegrees ?? 0) * 3072 - 41252.96124941928) < 1e-6)
  }
}

@Suite("HEALPix sky-balanced sampling")
struct HEALPixSamplingTests {
  @Test func capsEveryPixelAndIsDeterministic() throws {
    let g = try Reference.json(GeometryGolden.self, "geometry_golden.json")
    // a lopsided sample: every golden point plus 9 extra copies of the northern ones
    var dirs = g.ra.indices.map { SkyDirection(raDegrees: g.ra[$0], decDegrees: g.dec[$0]) }
    let north = dirs.filter { $0.dec > 30 }
    for _ in 0..<9 { dirs += north }
    let h = try HEALPix(nside: 2)
    let s1 = try h.balancedSample(dirs, perPixel: 5, seed: 3)
    #expect(try h.balancedSample(dirs, perPixel: 5, seed: 3) == s1)
    #expect(try h.balancedSample(dirs, perPixel: 5, seed: 4) != s1)
    var per = [Int: Int]()
    for i in s1 { per[h.pixel(of: dirs[i]), default: 0] += 1 }
    let full = h.countMap(dirs)
    for p in 0..<h.pixelCount { #expect((per[p] ?? 0) == min(5, full[p]), "pixel \(p)") }
    #expect(Set(s1).count == s1.count)
    #expect(throws: SkyGeometryError.self) { try h.balancedSample(dirs, perPixel: 0, seed: 1) }
  }
}
