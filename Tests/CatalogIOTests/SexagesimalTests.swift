// galmorph — CatalogIOTests
//
// Sexagesimal and decimal angle strings against astropy's Angle/Latitude parser.

import CatalogIO
import Testing
import _GalmorphTestSupport

@Suite("Sexagesimal parsing against astropy")
struct SexagesimalTests {
  @Test("valid RA and Dec strings give astropy's degrees")
  func valid() throws {
    let golden = try CatalogGolden.load()
    #expect(golden.angles.count >= 29)
    for a in golden.angles {
      let v = a.kind == "ra" ? try Sexagesimal.parseRA(a.text) : try Sexagesimal.parseDec(a.text)
      expectClose(v, a.degrees, rtol: 1e-14, atol: 1e-12, "\(a.kind) '\(a.text)'")
    }
  }

  @Test("negative zero degrees keeps its sign")
  func negativeZero() throws {
    #expect(try Sexagesimal.parseDec("-00 30 00") == -0.5)
    #expect(try Sexagesimal.parseDec("-0:30:00") == -0.5)
    #expect(try Sexagesimal.parseDec("−00:00:36") == -0.01)
    #expect(try Sexagesimal.parseDec("+00:30:00") == 0.5)
    #expect(try Sexagesimal.parseDec("-1e-5") == -1e-5)
    #expect(throws: CatalogIOError.invalidAngle(text: "12-30", reason: "unexpected '-'")) {
      try Sexagesimal.parseDec("12-30")
    }
  }

  @Test("malformed strings are errors that quote the string")
  func invalid() throws {
    let golden = try CatalogGolden.load()
    // We also reject '60' minutes/seconds, which astropy accepts with a warning (carrying into the next field).
    for b in golden.badAngles {
      do {
        _ = b.kind == "ra" ? try Sexagesimal.parseRA(b.text) : try Sexagesimal.parseDec(b.text)
        Issue.record("\(b.kind) '\(b.text)' should be rejected (astropy rejects: \(b.astropyRejects))")
      } catch let error as CatalogIOError {
        #expect(error.description.hasPrefix("invalid angle '\(b.text)'"), "\(error)")
      }
    }
  }
}
