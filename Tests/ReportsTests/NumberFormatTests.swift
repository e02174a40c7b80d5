// galmorph — ReportsTests

import Foundation
import Testing
import _GalmorphTestSupport
import Reports

@Suite("Number formatting against Python format()/decimal/numpy")
struct NumberFormatTests {
  struct Case: Decodable {
    let x: Double
    let format: String
    let digits: Int
    let threshold: Double?
    let plain: String
    let latex: String
  }
  struct Golden: Decodable { let generator: String; let cases: [Case] }

  static func numberFormat(_ c: Case) -> NumberFormat {
    switch c.format {
    case "fixed": .fixed(decimals: c.digits)
    case "significant": .significant(digits: c.digits)
    case "scientific": .scientific(digits: c.digits)
    default: .pValue(digits: c.digits, scientificBelow: c.threshold ?? 1e-3)
    }
  }

  @Test("every golden case prints as Python does (plain and LaTeX)")
  func golden() throws {
    let golden = try Reference.json(Golden.self, "number_format.json")
    #expect(golden.generator == "gen_number_format.py")
    #expect(golden.cases.count > 300)
    var failures = 0
    for c in golden.cases {
      let f = NumberFormatTests.numberFormat(c).format(c.x)
      if f.plain != c.plain || f.latexMath != c.latex {
        failures += 1
        if failures <= 10 {
          let message =
            "\(c.format)(\(c.digits)) of \(c.x): got '\(f.plain)' / '\(f.latexMath)', "
            + "expected '\(c.plain)' / '\(c.latex)'"
          Issue.record("\(message)")
        }
      }
    }
    #expect(failures == 0, "\(failures) of \(golden.cases.count) cases differ")
  }

  @Test("named edge cases: 0.0995 at 2 s.f., negative zero, decade carry, p-value forms")
  func edges() {
    #expect(NumberFormat.significant(digits: 2).format(0.0995).plain == "0.10")
    #expect(NumberFormat.significant(digits: 2).format(9.99).plain == "10")
    #expect(NumberFormat.fixed(decimals: 2).format(-0.001).plain == "0.00")
    #expect(NumberFormat.fixed(decimals: 1).format(-0.0).plain == "0.0")
    #expect(NumberFormat.pValue().format(3.2e-5).plain == "3.2 × 10⁻⁵")
    #expect(NumberFormat.pValue().format(3.2e-5).latexMath == "3.2\\times10^{-5}")
    #expect(NumberFormat.pValue().format(0.05).plain == "0.050")
    #expect(NumberFormat.scientific(digits: 2).format(9.96e-5).plain == "1.0 × 10⁻⁴")
    #expect(NumberFormat.fixed(decimals: 3).format(.nan).plain == "NaN")
    #expect(NumberFormat.fixed(decimals: 3).format(-.infinity).latexMath == "-\\infty")
  }

  @Test("value ± error: error to 2 s.f., value to the same decimal place (PDG)")
  func uncertainty() {
    func pm(_ v: Double, _ e: Double) -> String {
      let (a, b) = NumberFormat.uncertainty(digits: 2).format(value: v, error: e)
      return "\(a.plain) ± \(b.plain)"
    }
    #expect(pm(0.123456, 0.0123) == "0.123 ± 0.012")
    #expect(pm(0.031234, 0.012345) == "0.031 ± 0.012")
    #expect(pm(-0.0004, 0.0112) == "0.000 ± 0.011")  // rounds to zero: no sign
    #expect(pm(0.0995, 0.0995) == "0.10 ± 0.10")  // error carries to 0.10: value to 2 decimals
    #expect(pm(1234.5, 321.9) == "1230 ± 320")
    #expect(pm(5, 0) == "5.0 ± 0.0")
  }
}
