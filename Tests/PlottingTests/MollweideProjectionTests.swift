// galmorph — PlottingTests

import Foundation
import GalmorphSupport
import Testing
import _GalmorphTestSupport
import Plotting

@Suite("Mollweide projection")
struct MollweideProjectionTests {
  /// Angular difference in degrees, wrapped to [0, 180].
  func lonDistance(_ a: Double, _ b: Double) -> Double {
    let d = abs(a - b).truncatingRemainder(dividingBy: 360)
    return min(d, 360 - d)
  }

  @Test("forward projection equals Snyder's formulas (numpy bisection reference) to 1e-9")
  func forwardMatchesReference() throws {
    let golden = try PlotGolden.load()
    #expect(golden.mollweide_forward.count > 100)
    for c in golden.mollweide_forward {
      let p = MollweideProjection(centerLongitude: c.lon0, longitudeDirection: .increasingRight)
      let (x, y) = p.project(longitude: c.lon, latitude: c.lat)
      expectClose(x, c.x, rtol: 0, atol: 1e-9, "x at (\(c.lon), \(c.lat)), λ0 = \(c.lon0)")
      expectClose(y, c.y, rtol: 0, atol: 1e-9, "y at (\(c.lon), \(c.lat)), λ0 = \(c.lon0)")
    }
  }

  @Test("inverse projection equals the reference to 1e-9 and is nil outside the ellipse")
  func inverseMatchesReference() throws {
    let golden = try PlotGolden.load()
    #expect(golden.mollweide_inverse.count > 20)
    for c in golden.mollweide_inverse {
      let p = MollweideProjection(centerLongitude: c.lon0, longitudeDirection: .increasingRight)
      let r = try #require(p.inverse(x: c.x, y: c.y), "inside point (\(c.x), \(c.y)) gave nil")
      #expect(lonDistance(r.longitude, c.lon) < 1e-9, "lon at (\(c.x), \(c.y)): \(r.longitude) vs \(c.lon)")
      expectClose(r.latitude, c.lat, rtol: 0, atol: 1e-9, "lat at (\(c.x), \(c.y))")
      #expect(r.longitude >= 0 && r.longitude < 360)
    }
    for c in golden.mollweide_outside {
      #expect(MollweideProjection().inverse(x: c.x, y: c.y) == nil, "(\(c.x), \(c.y)) is outside the ellipse")
    }
  }

  @Test("round trip: inverse(project(lon, lat)) == (lon, lat) for random points and both directions")
  func roundTrip() {
    var rng = SeededGenerator(seed: 42)
    for direction in [LongitudeDirection.increasingLeft, .increasingRight] {
      for lon0 in [0.0, 180.0, 266.4] {
        let p = MollweideProjection(centerLongitude: lon0, longitudeDirection: direction)
        for _ in 0..<2000 {
          let lon = Double.random(in: 0..<360, using: &rng)
          let lat = asin(Double.random(in: -0.9999...0.9999, using: &rng)) * 180 / .pi
          let (x, y) = p.project(longitude: lon, latitude: lat)
          guard let back = p.inverse(x: x, y: y) else {
            Issue.record("(\(lon), \(lat)) projected outside the ellipse: (\(x), \(y))"); continue
          }
          #expect(lonDistance(back.longitude, lon) < 1e-8, "lon round trip at (\(lon), \(lat))")
          #expect(abs(back.latitude - lat) < 1e-9, "lat round trip at (\(lon), \(lat))")
        }
      }
    }
  }

  @Test("astronomical orientation mirrors x; the centre maps to the origin; poles and edges are on the rim")
  func conventions() {
    let astro = MollweideProjection()  // default: centre 180°, increasing left
    #expect(astro.centerLongitude == 180 && astro.longitudeDirection == .increasingLeft)
    let geo = MollweideProjection(centerLongitude: 180, longitudeDirection: .increasingRight)
    let a = astro.project(longitude: 200, latitude: 20), g = geo.project(longitude: 200, latitude: 20)
    #expect(a.x == -g.x && a.y == g.y)
    #expect(a.x < 0, "RA larger than the centre lies LEFT of centre")
    let c = astro.project(longitude: 180, latitude: 0)
    #expect(abs(c.x) < 1e-15 && abs(c.y) < 1e-15)
    let n = astro.project(longitude: 10, latitude: 90)
    expectClose(n.y, 2.0.squareRoot(), rtol: 0, atol: 1e-15)
    #expect(abs(n.x) < 1e-15)
    // RA 0 (just above) is at the right edge for the astronomical default, just below 360 at the left edge.
    #expect(astro.project(longitude: 0.001, latitude: 0).x > 2.82)
    #expect(astro.project(longitude: 359.999, latitude: 0).x < -2.82)
  }

  @Test("the auxiliary angle solves 2θ + sin 2θ = π sin φ to machine precision, also near the poles")
  func auxiliaryAngle() {
    for latDeg in stride(from: -90.0, through: 90.0, by: 0.37) + [89.99, 89.9999, -89.9999, 1e-8] {
      let phi = latDeg * .pi / 180
      let t = MollweideProjection.auxiliaryAngle(latitudeRadians: phi)
      #expect(abs(2 * t + sin(2 * t) - .pi * sin(phi)) < 1e-14, "lat \(latDeg)")
    }
  }
}
