// galmorph — TensorCoreTests

import _GalmorphTestSupport
import Foundation
import Testing
import TensorCore

struct Im2ColGolden: Decodable {
  struct Case: Decodable {
    let n, h, w, c, k, cout, stride: Int
    let same: Bool
    let out_shape: [Int]
    let y: [Double]
  }
  let generator: String
  let cases: [Case]
}

@Suite struct Im2ColTests {
  /// im2col + sgemm equals a direct-summation convolution in numpy (Reference/gen_im2col_golden.py).
  @Test func convolutionViaIm2colMatchesDirectSummation() throws {
    let g = try Reference.json(Im2ColGolden.self, "im2col_golden.json")
    #expect(g.generator == "gen_im2col_golden.py")
    for cs in g.cases {
      let geo = ConvGeometry(
        inHeight: cs.h, inWidth: cs.w, channels: cs.c, kernel: cs.k, stride: cs.stride, same: cs.same)
      #expect([cs.n, geo.outHeight, geo.outWidth, cs.cout] == cs.out_shape, "output shape of \(cs)")
      let x = (0..<(cs.n * cs.h * cs.w * cs.c)).map { Float(sin(0.37 * Double($0) + 0.1)) }
      let w = (0..<(cs.k * cs.k * cs.c * cs.cout)).map { Float(cos(0.23 * Double($0))) }
      let rows = cs.n * geo.outPixels
      var col = [Float](repeating: .nan, count: rows * geo.patchSize)
      var y = [Float](repeating: 0, count: rows * cs.cout)
      x.withUnsafeBufferPointer { xp in
        col.withUnsafeMutableBufferPointer { cp in
          im2col(xp.baseAddress!, images: cs.n, geometry: geo, col: cp.baseAddress!)
          w.withUnsafeBufferPointer { wp in
            y.withUnsafeMutableBufferPointer { yp in
              sgemm(m: rows, n: cs.cout, k: geo.patchSize, a: cp.baseAddress!, b: wp.baseAddress!, c: yp.baseAddress!)
            }
          }
        }
      }
      expectAllClose(
        y.map(Double.init), cs.y, rtol: 1e-5, atol: 1e-5, "conv \(cs.h)x\(cs.w) k\(cs.k) s\(cs.stride) same=\(cs.same)")
    }
  }

  /// col2im is the adjoint of im2col: ⟨im2col(x), c⟩ = ⟨x, col2im(c)⟩ for any x, c.
  @Test(arguments: [(3, 1, true), (3, 2, true), (5, 2, false), (2, 1, false)])
  func col2imIsTheAdjointOfIm2col(kernel: Int, stride: Int, same: Bool) {
    let geo = ConvGeometry(inHeight: 7, inWidth: 6, channels: 3, kernel: kernel, stride: stride, same: same)
    let n = 2
    let x = (0..<(n * geo.inputSize)).map { Float(sin(Double($0) * 0.7)) }
    let c = (0..<(n * geo.outPixels * geo.patchSize)).map { Float(cos(Double($0) * 0.3)) }
    var col = [Float](repeating: 0, count: c.count), dx = [Float](repeating: 0, count: x.count)
    x.withUnsafeBufferPointer { xp in
      col.withUnsafeMutableBufferPointer { cp in
        im2col(xp.baseAddress!, images: n, geometry: geo, col: cp.baseAddress!)
      }
    }
    c.withUnsafeBufferPointer { cp in
      dx.withUnsafeMutableBufferPointer { dp in
        col2im(cp.baseAddress!, images: n, geometry: geo, dx: dp.baseAddress!)
      }
    }
    let lhs = zip(col, c).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    let rhs = zip(x, dx).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    expectClose(lhs, rhs, rtol: 1e-5)
  }

  /// TensorFlow's "same" rule: out = ceil(in/stride), the odd padding pixel goes after.
  @Test func samePaddingGeometry() {
    let g = ConvGeometry(inHeight: 8, inWidth: 7, channels: 1, kernel: 3, stride: 2, same: true)
    #expect(g.outHeight == 4 && g.outWidth == 4)
    #expect(g.padTop == 0 && g.padLeft == 1)
    let v = ConvGeometry(inHeight: 29, inWidth: 29, channels: 3, kernel: 5, stride: 1, same: false)
    #expect(v.outHeight == 25 && v.patchSize == 75)
  }
}
