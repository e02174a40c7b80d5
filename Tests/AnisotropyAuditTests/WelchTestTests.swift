// galmorph — AnisotropyAuditTests

import Testing
@testable import AnisotropyAudit
import _GalmorphTestSupport

@Suite("Welch t-test vs scipy")
struct WelchTestTests {
  struct Golden: Decodable {
    struct Case: Decodable { let x: [Double]; let y: [Double]; let t: Double; let dof: Double; let p_value: Double }
    let cases: [Case]
  }

  @Test func matchesScipy() throws {
    let g = try Reference.json(Golden.self, "welch_golden.json")
    for c in g.cases {
      let w = WelchTest(c.x, c.y)
      expectClose(w.t, c.t, rtol: 1e-10, "t")
      expectClose(w.degreesOfFreedom, c.dof, rtol: 1e-10, "dof")
      expectClose(w.pValue, c.p_value, rtol: 1e-8, "p")
    }
  }

  @Test func undefinedCasesAreNaN() {
    #expect(WelchTest([1], [2, 3]).pValue.isNaN)
    #expect(WelchTest([1, 1], [2, 2]).pValue.isNaN)
  }
}
