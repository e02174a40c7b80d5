// galmorph — MorphologyClassifierTests

import Foundation
import Testing
@testable import MorphologyClassifier
import _GalmorphTestSupport

struct ClassifierGolden: Decodable {
  struct Resize: Decodable {
    struct Case: Decodable { let out_h: Int; let out_w: Int; let pixels: [Float] }
    let in_h: Int; let in_w: Int; let channels: Int; let cases: [Case]
  }
  struct Dihedral: Decodable { let n: Int; let channels: Int; let transforms: [[Float]] }
  struct Shift: Decodable { let dy: Int; let dx: Int; let pixels: [Float] }
  let resize: Resize
  let dihedral: Dihedral
  let shift: [Shift]
  let metrics: [String: MetricValue]

  enum MetricValue: Decodable {
    case number(Double), numbers([Double]), ints([[Int]])
    init(from decoder: any Decoder) throws {
      let c = try decoder.singleValueContainer()
      if let v = try? c.decode(Double.self) {
        self = .number(v)
      } else if let v = try? c.decode([Double].self) {
        self = .numbers(v)
      } else {
        self = .ints(try c.decode([[Int]].self))
      }
    }
    var number: Double { if case let .number(v) = self { return v }; return .nan }
    var numbers: [Double] { if case let .numbers(v) = self { return v }; return [] }
    var ints: [[Int]] { if case let .ints(v) = self { return v }; return [] }
  }

  static func load() throws -> ClassifierGolden { try Reference.json(ClassifierGolden.self, "classifier_golden.json") }
}

/// The same formula as `formula_image` in Reference/gen_classifier_golden.py.
func formulaImage(_ h: Int, _ w: Int, _ c: Int) -> ImageBuffer {
  var img = ImageBuffer(width: w, height: h, channels: c)
  for y in 0..<h {
    for x in 0..<w {
      for ch in 0..<c {
        let v = Float(sin(0.37 * Double(y) + 0.11 * Double(x * (ch + 1))) * 50) + Float((x * 3 + y * 7 + ch * 11) % 17)
        img[y, x, ch] = v
      }
    }
  }
  return img
}

@Suite("Preprocessing")
struct PreprocessingTests {
  @Test func areaResizeMatchesOpenCVInterArea() throws {
    let g = try ClassifierGolden.load()
    let img = formulaImage(g.resize.in_h, g.resize.in_w, g.resize.channels)
    for c in g.resize.cases {
      let out = img.areaResized(height: c.out_h, width: c.out_w)
      expectAllClose(out.pixels, c.pixels, rtol: 1e-4, atol: 1e-3, "resize to \(c.out_h)×\(c.out_w)")
    }
  }

  @Test func areaResizeConservesMean() {
    let img = formulaImage(423, 423, 3).centerCropUnchecked(240)
    let out = img.areaResized(height: 64, width: 64)
    let m0 = img.pixels.reduce(0.0) { $0 + Double($1) } / Double(img.pixels.count)
    let m1 = out.pixels.reduce(0.0) { $0 + Double($1) } / Double(out.pixels.count)
    expectClose(m1, m0, rtol: 1e-5, "mean flux per pixel")
  }

  @Test func dihedralMatchesNumpy() throws {
    let g = try ClassifierGolden.load()
    let img = formulaImage(g.dihedral.n, g.dihedral.n, g.dihedral.channels)
    for k in 0..<8 { expectAllClose(img.dihedral(k).pixels, g.dihedral.transforms[k], rtol: 1e-6, "transform \(k)") }
  }

  @Test func dihedralGroupClosure() {
    let img = formulaImage(9, 9, 3)
    #expect(img.dihedral(1).dihedral(1).dihedral(1).dihedral(1) == img)
    #expect(img.dihedral(4).dihedral(4) == img)
    #expect(Set((0..<8).map { img.dihedral($0).pixels }).count == 8)
  }

  @Test func shiftMatchesNumpyReflectPad() throws {
    let g = try ClassifierGolden.load()
    let img = formulaImage(g.dihedral.n, g.dihedral.n, g.dihedral.channels)
    for s in g.shift {
      expectAllClose(img.shifted(dy: s.dy, dx: s.dx).pixels, s.pixels, rtol: 1e-6, "shift \(s.dy),\(s.dx)")
    }
  }

  @Test func centerCropRefusesSmallImages() {
    let img = ImageBuffer(width: 50, height: 40, channels: 3)
    #expect(throws: ClassifierError.imageTooSmall(path: "x.jpg", width: 50, height: 40, required: 64)) {
      try img.centerCrop(height: 64, width: 64, source: "x.jpg")
    }
  }

  @Test func standardizedHasZeroMeanUnitVariance() {
    let out = formulaImage(30, 30, 3).standardized()
    let n = Double(out.pixels.count)
    let mean = out.pixels.reduce(0.0) { $0 + Double($1) } / n
    let variance = out.pixels.reduce(0.0) { $0 + Double($1) * Double($1) } / n - mean * mean
    #expect(abs(mean) < 1e-5)
    expectClose(variance, 1, rtol: 1e-4)
  }

  @Test func quarterTurnRotationEqualsDihedral() {
    let img = formulaImage(11, 11, 2)
    expectAllClose(img.rotated(degrees: 90).pixels, img.dihedral(1).pixels, rtol: 0, atol: 1e-4, "rotate 90°")
  }
}

extension ImageBuffer {
  func centerCropUnchecked(_ s: Int) -> ImageBuffer { (try? centerCrop(height: s, width: s)) ?? self }
}
