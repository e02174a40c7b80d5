// galmorph — FITSIO
//
// Is every HDU's data unit present in the file? (Headers alone can be read from a truncated file.)

import CCFITSIO

/// How completely one HDU's data unit is stored in the file.
public enum FITSDataCompleteness: Sendable, Equatable {
  /// The data and its padding to a multiple of 2880 bytes are present.
  case complete
  /// The data is present but the final padding is short (tolerated by most readers; fitsverify warns).
  case missingPadding(missingBytes: Int64)
  /// Part of the data unit is missing: the file was truncated or the header's NAXISn/BITPIX are wrong.
  case truncated(expectedBytes: Int64, presentBytes: Int64)
}

extension FITSFile {
  /// Checks HDU `hdu`'s data unit against the file size without reading the data.
  ///
  /// The data size is `|BITPIX|/8 · GCOUNT · (PCOUNT + NAXIS1 · … · NAXISn)` bytes (FITS Standard 4.0, §4.4.1.1),
  /// starting where the header ends (`ffghadll`). Files opened from gzip (`.fits.gz`) are decompressed by
  /// cfitsio in memory, so their completeness is that of the gzip stream and is reported as `.complete`.
  public func dataCompleteness(_ hdu: FITSHDU) throws -> FITSDataCompleteness {
    try CFITSIO.locked {
      let info = try move(to: hdu)
      guard let size = plainFileSize else { return .complete }
      var headStart: Int64 = 0, dataStart: Int64 = 0, dataEnd: Int64 = 0
      var status: Int32 = 0
      ffghadll(fptr, &headStart, &dataStart, &dataEnd, &status)
      if status != 0 { throw failure(status, "locating the data unit", hdu: info.label) }
      let bytes = try rawDataBytes(info)
      if dataStart + bytes > size {
        return .truncated(expectedBytes: bytes, presentBytes: max(0, size - dataStart))
      }
      return dataEnd > size ? .missingPadding(missingBytes: dataEnd - size) : .complete
    }
  }

  /// Unpadded size of the current HDU's data unit from its mandatory keywords. Caller holds the lock.
  private func rawDataBytes(_ info: FITSHDUInfo) throws -> Int64 {
    func key(_ name: String) -> Int64? {
      var status: Int32 = 0
      var value: Int64 = 0
      var comment = [CChar](repeating: 0, count: Int(FLEN_COMMENT) + 1)
      ffgkyjj(fptr, name, &value, &comment, &status)
      if status != 0 { CFITSIO.clearMessages(); return nil }
      return value
    }
    guard let bitpix = key("BITPIX"), let naxis = key("NAXIS") else {
      throw FITSIOError.invalidRequest(path: path, hdu: info.label, reason: "BITPIX or NAXIS missing from the header")
    }
    if naxis == 0 { return 0 }
    var product: Int64 = 1
    for i in 1...naxis {
      guard let n = key("NAXIS\(i)"), n >= 0 else {
        throw FITSIOError.invalidRequest(path: path, hdu: info.label, reason: "NAXIS\(i) missing or negative")
      }
      let (p, overflow) = product.multipliedReportingOverflow(by: n)
      if overflow { throw FITSIOError.invalidRequest(path: path, hdu: info.label, reason: "NAXISn product overflows") }
      product = p
    }
    let pcount = key("PCOUNT") ?? 0, gcount = key("GCOUNT") ?? 1
    return abs(bitpix) / 8 * gcount * (pcount + product)
  }
}
