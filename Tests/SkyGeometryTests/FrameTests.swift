// galmorph — SkyGeometryTests

import Foundation
import SkyGeometry
import Testing
import _GalmorphTestSupport

struct GeometryGolden: Decodable {
  struct Pix: Decodable {
    let nside: Int, npix: Int
    let ra: [Double], dec: [Double], ring: [Int], nested: [Int], pixels: [Int]
    let ring_centre_ra: [Double], ring_centre_dec: [Double], nested_centre_ra: [Double], nested_centre_dec: [Double]
  }
  let generator: String
  let ra: [Double], dec: [Double], l: [Double], b: [Double]
  let ecl_lon: [Double], ecl_lat: [Double], sgl: [Double], sgb: [Double]
  let sep_ra1: [Double], sep_dec1: [Double], sep_ra2: [Double], sep_dec2: [Double], sep: [Double]
  let healpix: [Pix]
}

/// One milliarcsecond in degrees: the agreement required with astropy.
let oneMas = 1.0 / 3_600_000

@Suite("Frames and separations vs astropy")
struct FrameTests {
  let g: GeometryGolden
  init() throws { g = try Reference.json(GeometryGolden.self, "geometry_golden.json") }

  /// Great-circle distance between two (lon, lat) pairs in degrees, so that longitude wrap and poles don't matter.
  func distance(_ lon1: Double, _ lat1: Double, _ lon2: Double, _ lat2: Double) -> Double {
    SkyDirection(raDegrees: lon1, decDegrees: lat1).separation(to: SkyDirection(raDegrees: lon2, decDegrees: lat2))
  }

  func check(_ frame: SkyFrame, _ lon: [Double], _ lat: [Double]) {
    #expect(g.generator == "gen_geometry_golden.py")
    var worst = 0.0
    for i in g.ra.indices {
      let c = SkyDirection(raDegrees: g.ra[i], decDegrees: g.dec[i]).coordinates(in: frame)
      worst = max(worst, distance(c.longitude, c.latitude, lon[i], lat[i]))
      #expect(abs(c.latitude - lat[i]) < oneMas, "\(frame) latitude at \(i)")
    }
    #expect(worst < oneMas, "\(frame): worst offset \(worst * 3.6e6) mas")
  }

  @Test func galactic() { check(.galactic, g.l, g.b) }
  @Test func eclipticJ2000() { check(.eclipticJ2000, g.ecl_lon, g.ecl_lat) }
  @Test func supergalactic() { check(.supergalactic, g.sgl, g.sgb) }

  @Test func roundTripsThroughEveryFrame() {
    for i in stride(from: 0, to: g.ra.count, by: 7) {
      let d = SkyDirection(raDegrees: g.ra[i], decDegrees: g.dec[i])
      for f in SkyFrame.allCases {
        let c = d.coordinates(in: f)
        let back = SkyDirection(longitudeDegrees: c.longitude, latitudeDegrees: c.latitude, frame: f)
        #expect(d.separation(to: back) < 1e-9, "\(f) at \(i)")
      }
    }
    let gp = SkyDirection(galacticLDegrees: 0, bDegrees: 90)
    #expect(abs(gp.dec - 27.12825118085622) < 0.01)
  }

  @Test func vincentySeparations() {
    for i in g.sep.indices {
      let a = SkyDirection(raDegrees: g.sep_ra1[i], decDegrees: g.sep_dec1[i])
      let b = SkyDirection(raDegrees: g.sep_ra2[i], decDegrees: g.sep_dec2[i])
      let s = a.separation(to: b)
      expectClose(s, g.sep[i], rtol: 1e-9, atol: 1e-12, "separation \(i)")
      #expect(s == b.separation(to: a) || abs(s - b.separation(to: a)) < 1e-13)
    }
  }

  @Test func raDecAccessorsAndValidation() throws {
    for i in g.ra.indices {
      let d = SkyDirection(raDegrees: g.ra[i], decDegrees: g.dec[i])
      #expect(abs(d.dec - g.dec[i]) < 1e-10)
      if abs(g.dec[i]) < 89.999 {
        let dra = abs(d.ra - g.ra[i]).truncatingRemainder(dividingBy: 360)
        #expect(min(dra, 360 - dra) < 1e-9, "ra at \(i)")
      }
      #expect(d.ra >= 0 && d.ra < 360)
    }
    #expect(throws: SkyGeometryError.self) { try SkyDirection.validated(raDegrees: 10, decDegrees: 91, row: 3) }
    do {
      _ = try SkyDirection.validated(raDegrees: .nan, decDegrees: 0, row: 12)
      Issue.record("NaN RA accepted")
    } catch {
      #expect("\(error)".contains("row 12"))
    }
    let json = try JSONEncoder().encode(SkyDirection(raDegrees: 150, decDegrees: 30))
    let back = try JSONDecoder().decode(SkyDirection.self, from: json)
    #expect(abs(back.ra - 150) < 1e-12 && abs(back.dec - 30) < 1e-12)
  }
}
