// galmorph — FITSIO
//
// Reading image HDUs: every BITPIX, scaling, BLANK/NaN, compressed tiles, and pixel boxes (ffgsv).

import CCFITSIO

extension FITSFile {
  /// BITPIX, shape, compression and scaling of the image in `hdu`. Throws `.wrongHDUType` for a table.
  public func imageInfo(_ hdu: FITSHDU = .primary) throws -> FITSImageInfo {
    try CFITSIO.locked { try currentImageInfo(move(to: hdu)) }
  }

  /// Reads the whole image of `hdu` as `Pixel` (Float or Double), physical values, missing pixels NaN.
  ///
  /// cfitsio (`ffgpv` with a NaN null value) applies BSCALE/BZERO and BLANK and decompresses tile-compressed
  /// images. A header-only HDU (NAXIS = 0) gives an empty image with shape `[0]`. Pixels are read in
  /// slices of 2^20 (and only after checking that the file is long enough for the data its header announces), so a
  /// corrupt header cannot make this allocate memory for data that is not in the file. BITPIX 64 values beyond
  /// ±2^53 are rounded to the nearest Double.
  public func readImage<Pixel: FITSPixel>(_ hdu: FITSHDU = .primary, as type: Pixel.Type = Float.self) throws
    -> FITSImage<Pixel>
  {
    try CFITSIO.locked {
      let info = try move(to: hdu)
      let image = try currentImageInfo(info)
      let n = image.pixelCount
      if n == 0 { return FITSImage(shape: [0], pixels: [], missingCount: 0) }
      try checkDataPresent(info)
      // Read in slices of 2^20 pixels so that memory only grows as far as data actually exists.
      let slice = 1 << 20
      var pixels: [Pixel] = []
      pixels.reserveCapacity(min(n, slice * 16))
      var buffer = [Pixel](repeating: 0, count: min(n, slice))
      var null = Pixel.nan
      var anyNull: Int32 = 0
      var status: Int32 = 0
      var done = 0
      while done < n {
        let m = min(slice, n - done)
        ffgpv(fptr, Pixel.cfitsioDatatype, Int64(done + 1), Int64(m), &null, &buffer, &anyNull, &status)
        if status != 0 {
          throw failure(status, "reading pixels \(done)..<\(done + m) of \(n) (shape \(image.shape))", hdu: info.label)
        }
        pixels.append(contentsOf: buffer[0..<m])
        done += m
      }
      return FITSImage(shape: image.shape, pixels: pixels)
    }
  }

  /// Reads a box of the image of `hdu` without reading the rest (cfitsio `ffgsv`; for tile-compressed images
  /// only the tiles that overlap the box are decompressed).
  ///
  /// - Parameter box: one 0-based half-open range per axis, in FITS order (`box[0]` spans NAXIS1 = x).
  /// - Returns: an image whose shape is the box's extent, laid out like `readImage`.
  /// - Throws: `.invalidRequest` if the box has the wrong number of axes or leaves the image.
  public func readImage<Pixel: FITSPixel>(
    _ hdu: FITSHDU = .primary, box: [Range<Int>],
    as type: Pixel.Type = Float.self
  ) throws -> FITSImage<Pixel> {
    try CFITSIO.locked {
      let info = try move(to: hdu)
      let image = try currentImageInfo(info)
      guard box.count == image.shape.count,
        zip(box, image.shape).allSatisfy({ $0.lowerBound >= 0 && $0.upperBound <= $1 && !$0.isEmpty })
      else {
        throw FITSIOError.invalidRequest(
          path: path, hdu: info.label,
          reason:
            "pixel box \(box.map { "\($0.lowerBound)..<\($0.upperBound)" }) does not fit the image shape \(image.shape) (one non-empty 0-based range per axis, NAXIS1 first)"
        )
      }
      try checkDataPresent(info)
      let shape = box.map(\.count)
      let n = shape.reduce(1, *)
      var lower = box.map { Int($0.lowerBound + 1) }
      var upper = box.map { Int($0.upperBound) }
      var step = [Int](repeating: 1, count: box.count)
      var status: Int32 = 0
      var null = Pixel.nan
      var anyNull: Int32 = 0
      let pixels = [Pixel](unsafeUninitializedCapacity: n) { buffer, count in
        ffgsv(fptr, Pixel.cfitsioDatatype, &lower, &upper, &step, &null, buffer.baseAddress, &anyNull, &status)
        if status != 0 { buffer.initialize(repeating: .nan) }
        count = n
      }
      if status != 0 { throw failure(status, "reading pixel box \(box)", hdu: info.label) }
      return FITSImage(shape: shape, pixels: pixels)
    }
  }

  /// Image facts of the current HDU. Caller holds the lock and has moved to the HDU.
  func currentImageInfo(_ info: FITSHDUInfo) throws -> FITSImageInfo {
    guard info.kind == .image else {
      throw FITSIOError.wrongHDUType(
        path: path, hdu: info.label, expected: "an image",
        found: info.kind == .binaryTable ? "a binary table" : "an ASCII table")
    }
    var status: Int32 = 0
    var bitpix: Int32 = 0
    var naxis: Int32 = 0
    ffgidt(fptr, &bitpix, &status)
    ffgidm(fptr, &naxis, &status)
    if status != 0 { throw failure(status, "reading BITPIX/NAXIS", hdu: info.label) }
    guard naxis >= 0, naxis <= 999 else {
      throw FITSIOError.invalidRequest(path: path, hdu: info.label, reason: "NAXIS = \(naxis) is out of range 0...999")
    }
    var axes = [Int64](repeating: 0, count: Int(naxis))
    if naxis > 0 { ffgiszll(fptr, naxis, &axes, &status) }
    if status != 0 { throw failure(status, "reading NAXISn", hdu: info.label) }
    let shape = axes.map { Int($0) }
    var product = 1
    for axis in shape {
      let (p, overflow) = product.multipliedReportingOverflow(by: max(axis, 0))
      guard axis >= 0, !overflow, p <= 1 << 40 else {
        throw FITSIOError.invalidRequest(
          path: path, hdu: info.label,
          reason: "image shape \(shape) is invalid (negative or absurdly large axis lengths); the header is corrupt")
      }
      product = p
    }
    let compressed = info.isCompressed
    let header = try scalingCards(compressed: compressed, label: info.label)
    return FITSImageInfo(
      bitpix: Int(bitpix), shape: naxis == 0 ? [] : shape, isCompressed: compressed,
      bscale: header.bscale, bzero: header.bzero, blank: header.blank)
  }

  private func scalingCards(compressed: Bool, label: String) throws -> (bscale: Double, bzero: Double, blank: Int64?) {
    func number(_ key: String) -> FITSValue? {
      var status: Int32 = 0
      var value = [CChar](repeating: 0, count: Int(FLEN_VALUE) + 1)
      var comment = [CChar](repeating: 0, count: Int(FLEN_COMMENT) + 1)
      ffgkey(fptr, key, &value, &comment, &status)
      if status != 0 { CFITSIO.clearMessages(); return nil }
      return FITSValue(parsing: CFITSIO.string(value))
    }
    let z = compressed ? "Z" : ""
    let bscale = number(compressed ? "ZSCALE" : "BSCALE")?.doubleValue ?? number("BSCALE")?.doubleValue ?? 1
    let bzero = number(compressed ? "ZZERO" : "BZERO")?.doubleValue ?? number("BZERO")?.doubleValue ?? 0
    let blank = number("\(z)BLANK")?.intValue ?? number("BLANK")?.intValue
    return (bscale, bzero, blank)
  }
}
