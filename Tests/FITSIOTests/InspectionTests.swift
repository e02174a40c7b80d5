// galmorph — FITSIOTests
//
// FITSInspection: JSON round trip and the text rendering.

import Foundation
import GalmorphSupport
import Testing
import _GalmorphTestSupport
import FITSIO

@Suite("Inspection")
struct InspectionTests {
  @Test(
    "compressed image and table: JSON round trip and text", .enabled(if: SharedData.isAvailable, SharedData.skipMessage)
  )
  func inspectShared() throws {
    let url = SharedData.url("fits_samples/astropy_8.0.2/io.fits.compressed__m13_rice.fits")
    let inspection = try FITSInspection.inspect(url: url)
    #expect(inspection.hdus.count == 2 && inspection.fileBytes == 69120)
    let hdu = inspection.hdus[1]
    #expect(hdu.compressed && hdu.compression == "RICE_1" && hdu.bitpix == 16 && hdu.dimensions == [300, 300])
    #expect(hdu.keyCards.contains(FITSInspection.KeyCard(key: "CTYPE1", value: "RA---TAN")))
    let json = try JSONCoding.encoder().encode(inspection)
    #expect(try JSONCoding.decoder().decode(FITSInspection.self, from: json) == inspection)
    let text = inspection.renderText()
    #expect(text.contains("300 × 300") && text.contains("RICE_1") && text.contains("COMPRESSED_IMAGE"))
  }

  @Test("table columns in the inspection")
  func inspectTables() throws {
    let inspection = try FITSInspection.inspect(url: Reference.url("synthetic_tables.fits"))
    let table = inspection.hdus[1]
    #expect(table.kind == .binaryTable && table.rowCount == 7 && table.extname == "CATALOG")
    #expect(
      table.columns?.first { $0.name == "MAGS" }
        == FITSInspection.Column(name: "MAGS", tform: "3E", unit: "mag", repeatCount: 3))
    #expect(inspection.hdus[2].kind == .asciiTable)
    let text = inspection.renderText()
    #expect(text.contains("column MAGS  TFORM 3E  [mag]  ×3"))
    #expect(text.contains("7 rows × 8 cols"))
  }
}
