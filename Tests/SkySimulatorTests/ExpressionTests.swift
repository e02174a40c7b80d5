// galmorph — SkySimulatorTests
//
// The context-expression language against numpy, its error messages, and ICRS → Galactic against astropy.

import Foundation
import SkySimulator
import Testing
import _GalmorphTestSupport

@Suite("Context expressions and sky frames")
struct ExpressionTests {
  @Test("expressions evaluate to the numbers numpy gives")
  func values() throws {
    let g = try SimGolden.load()
    #expect(g.generator.hasSuffix("gen_sim_golden.py"))
    for e in g.expressions {
      let x = try SkyExpression(e.expression)
      expectClose(
        x.evaluate(ra: e.ra, dec: e.dec, l: e.l, b: e.b), e.value, rtol: 1e-12, atol: 1e-12,
        "\(e.expression) at ra \(e.ra), dec \(e.dec)")
      // The same through SkyPosition (our own Galactic conversion) agrees to the frame's accuracy.
      expectClose(
        x.evaluate(at: SkyPosition(ra: e.ra, dec: e.dec)), e.value, rtol: 1e-4, atol: 1e-4,
        "\(e.expression) via SkyPosition")
    }
  }

  @Test(
    "malformed expressions are rejected with the position of the problem",
    arguments: [
      ("1 + ", 4), ("foo(3)", 0), ("sin(1, 2)", 0), ("(ra + 1", 7), ("ra $ 2", 3), ("1 < 2 < 3", 6),
      ("min(1)", 0), ("ra = 2", 3), ("2 3", 2), ("1e", 1),
    ])
  func errors(text: String, position: Int) {
    do {
      _ = try SkyExpression(text, knob: "psfFWHM")
      Issue.record("'\(text)' should not parse")
    } catch let SkySimulatorError.invalidExpression(knob, expression, pos, reason) {
      #expect(knob == "psfFWHM")
      #expect(expression == text)
      #expect(pos == position, "'\(text)': \(reason)")
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  @Test("deeply nested input is refused, not a stack overflow")
  func nesting() {
    let deep = String(repeating: "(", count: 500) + "1" + String(repeating: ")", count: 500)
    #expect(throws: SkySimulatorError.self) { try SkyExpression(deep) }
  }

  @Test("expressions round-trip through JSON as strings; a bad one fails decoding with the knob's name")
  func codable() throws {
    let knobs = ContextKnobs(psfFWHM: try SkyExpression("1.2 + 0.6*(dec>0)"))
    let data = try JSONEncoder().encode(knobs)
    #expect(String(decoding: data, as: UTF8.self).contains("1.2 + 0.6*(dec>0)"))
    #expect(try JSONDecoder().decode(ContextKnobs.self, from: data) == knobs)
    let bad = Data(#"{"psfFWHM": "1.2 + (dec>0"}"#.utf8)
    do {
      _ = try JSONDecoder().decode(ContextKnobs.self, from: bad)
      Issue.record("should fail")
    } catch let e as SkySimulatorError {
      #expect(e.description.contains("psfFWHM"))
      #expect(e.description.contains("expected ')'"))
    }
  }

  @Test("ICRS → Galactic agrees with astropy within 0.05 arcsec")
  func galactic() throws {
    let g = try SimGolden.load()
    let tol = 0.05 / 3600
    for p in g.galactic {
      let ours = SkyPosition(ra: p.ra, dec: p.dec).galactic
      var dl = abs(ours.l - p.l)
      if dl > 180 { dl = 360 - dl }
      #expect(dl * cos(p.b * .pi / 180) < tol, "l at ra \(p.ra), dec \(p.dec): \(ours.l) vs \(p.l)")
      #expect(abs(ours.b - p.b) < tol, "b at ra \(p.ra), dec \(p.dec): \(ours.b) vs \(p.b)")
    }
  }
}
