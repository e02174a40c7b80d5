// galmorph — SkyGeometryTests

import Foundation
import GalmorphSupport
import SkyGeometry
import Testing
import _GalmorphTestSupport

@Suite("Sky splits and folds")
struct SkySplitTests {
  let g: GeometryGolden
  init() throws { g = try Reference.json(GeometryGolden.self, "geometry_golden.json") }
  var dirs: [SkyDirection] { g.ra.indices.map { SkyDirection(raDegrees: g.ra[$0], decDegrees: g.dec[$0]) } }

  @Test func parsesAndRoundTrips() throws {
    for s in [
      "ra:70,250", "ra:300,60", "dec:0", "dec:-12.5", "galactic-b:0", "axis:150,30", "healpix:2:0,5,47",
      "healpix:4:nested:1,2,3",
    ] {
      let split = try SkySplit(parsing: s)
      #expect(split.description == s, "\(s) prints back as \(split)")
      #expect(try SkySplit(parsing: split.description).description == s)
      let json = try JSONEncoder().encode(split)
      #expect(try JSONDecoder().decode(SkySplit.self, from: json).description == s)
    }
    for bad in ["ra:70", "dec:95", "galactic-b", "axis:1,2,3", "healpix:3:1", "healpix:2:48", "foo:1", "ra:a,b"] {
      do {
        _ = try SkySplit(parsing: bad)
        Issue.record("accepted '\(bad)'")
      } catch let e as SkyGeometryError {
        #expect(e.description.contains(bad), "message names the spec: \(e)")
      }
    }
  }

  @Test func membershipAgainstGoldenCoordinates() throws {
    let d = dirs
    let ra = try SkySplit(parsing: "ra:70,250").sides(of: d)
    let wrap = try SkySplit(parsing: "ra:250,70").sides(of: d)
    let dec = try SkySplit(parsing: "dec:0").sides(of: d)
    let gal = try SkySplit(parsing: "galactic-b:0").sides(of: d)
    let ax = try SkySplit(parsing: "axis:0,90").sides(of: d)
    for i in d.indices {
      let r = g.ra[i].truncatingRemainder(dividingBy: 360)
      #expect((ra[i] == .a) == (r >= 70 && r < 250), "ra split at \(i)")
      #expect(ra[i] != wrap[i] || r == 70 || r == 250)
      #expect((dec[i] == .a) == (g.dec[i] >= 0) || abs(g.dec[i]) < 1e-9)
      #expect((gal[i] == .a) == (g.b[i] >= 0) || abs(g.b[i]) < 1e-9)
      #expect(ax[i] == dec[i] || abs(g.dec[i]) < 1e-9)
    }
    // HEALPix split: side A are exactly the objects whose golden ring pixel is listed
    let rec = g.healpix[1]
    let listed = Array(Set(rec.ring.prefix(20)))
    let hs = SkySplit.healpix(nside: rec.nside, ordering: .ring, pixels: listed)
    let sd = rec.ra.indices.map { SkyDirection(raDegrees: rec.ra[$0], decDegrees: rec.dec[$0]) }
    let sides = hs.sides(of: sd)
    for i in sd.indices { #expect((sides[i] == .a) == listed.contains(rec.ring[i])) }
  }

  @Test func skyBlockedFoldsAreBalancedAndDeterministic() throws {
    let d = dirs
    let f1 = try SkyFolds.skyBlocked(d, folds: 5, blockNside: 4, seed: 42)
    let f2 = try SkyFolds.skyBlocked(d, folds: 5, blockNside: 4, seed: 42)
    let f3 = try SkyFolds.skyBlocked(d, folds: 5, blockNside: 4, seed: 43)
    #expect(f1 == f2)
    #expect(f1 != f3)
    var counts = [Int](repeating: 0, count: 5)
    for f in f1 { counts[f] += 1 }
    #expect(counts.min()! > 150 && counts.max()! < 250, "\(counts)")
    // objects in the same block share a fold
    let h = try HEALPix(nside: 4)
    var foldOfPixel = [Int: Int]()
    for (i, dd) in d.enumerated() {
      let p = h.pixel(of: dd)
      if let f = foldOfPixel[p] { #expect(f == f1[i]) } else { foldOfPixel[p] = f1[i] }
    }
    #expect(throws: SkyGeometryError.self) { try SkyFolds.skyBlocked(Array(d.prefix(3)), folds: 5, seed: 1) }
  }

  @Test func randomSplitHasExactSizeAndIsUniform() throws {
    let s = try SkyFolds.randomSplit(count: 1000, sizeA: 321, seed: 9)
    #expect(s.filter { $0 == .a }.count == 321)
    #expect(try SkyFolds.randomSplit(count: 1000, sizeA: 321, seed: 9) == s)
    // inclusion frequency of each index over many seeds is ~ sizeA/count
    var hits = [Int](repeating: 0, count: 10)
    for seed in 0..<2000 {
      let r = try SkyFolds.randomSplit(count: 10, sizeA: 3, seed: UInt64(seed))
      for i in 0..<10 where r[i] == .a { hits[i] += 1 }
    }
    // expected 600 each, sd ~ 20.5: allow 5 sd
    for h in hits { #expect(abs(h - 600) < 103, "\(hits)") }
    #expect(throws: SkyGeometryError.self) { try SkyFolds.randomSplit(count: 3, sizeA: 4, seed: 0) }
  }
}
