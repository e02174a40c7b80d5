// galmorph — FITSIO
//
// Writing FITS files atomically: images and binary tables, HDU after HDU, then one rename.

import CCFITSIO
import Foundation
import GalmorphSupport

/// Writes a new FITS file HDU by HDU; nothing appears at the destination until `commit()`.
///
/// The file is built at `AtomicFile.temporaryURL(for:)` (a fresh name beside the destination, created with cfitsio
/// `ffdkinit`, which takes the path literally, so the `!` clobber prefix cfitsio's `ffinit` needs is never required)
/// and renamed over the destination by `commit()`, after CHECKSUM/DATASUM cards (FITS standard 4.0 §4.4.2.7,
/// `ffpcks`) are written to every HDU. If the writer is released without `commit()`, or any step throws, the
/// temporary file is deleted and the destination is untouched.
///
/// ```swift
/// let w = try FITSWriter(url: out)
/// try w.addImage(image, cards: [FITSCard("BUNIT", "adu", comment: "pixel unit")])
/// try w.beginTable(columns: specs, extname: "CATALOG", cards: FITSCard.provenance(p))
/// try w.appendRows([.double(ra), .double(dec)])   // any number of chunks
/// try w.commit()
/// ```
public final class FITSWriter {
  /// The final destination.
  public let url: URL
  /// Where the file is being built.
  public let temporaryURL: URL
  let fptr: UnsafeMutablePointer<fitsfile>
  var hduCount = 0
  var table: (columns: [FITSColumnSpec], rows: Int, label: String)?
  private var closed = false

  /// Creates the temporary file for `url` (the folder is created if needed).
  public init(url: URL) throws {
    self.url = url
    temporaryURL = AtomicFile.temporaryURL(for: url)
    do { try OutputLocation.prepareParent(of: url) } catch {
      throw FITSIOError.invalidRequest(path: url.path, hdu: nil, reason: FileErrorText.reason(error))
    }
    let tmp = temporaryURL.path
    let path = url.path
    fptr = try CFITSIO.locked {
      CFITSIO.clearMessages()
      var handle: UnsafeMutablePointer<fitsfile>?
      var status: Int32 = 0
      ffdkinit(&handle, tmp, &status)
      guard status == 0, let h = handle else {
        throw FITSIOError.cfitsio(
          path: path, hdu: nil, column: nil, rows: nil,
          operation: "creating temporary file \(tmp)", status: status,
          statusText: CFITSIO.statusText(status), messages: CFITSIO.drainMessages())
      }
      return h
    }
  }

  deinit {
    if !closed {
      CFITSIO.locked {
        var status: Int32 = 0
        ffclos(fptr, &status)
        CFITSIO.clearMessages()
      }
      try? FileManager.default.removeItem(at: temporaryURL)
    }
  }

  /// Appends an image HDU (the primary array if it is the first HDU), BITPIX −32 for Float and −64 for Double,
  /// with NAXISn = `image.shape` and the given cards (plus EXTNAME when given). NaN pixels are stored as NaN,
  /// which the FITS standard defines as undefined for floating-point images (§5.3.3).
  public func addImage<Pixel: FITSPixel>(
    _ image: FITSImage<Pixel>, extname: String? = nil,
    cards: [FITSCard] = []
  ) throws {
    let label = "HDU \(hduCount)" + (extname.map { " '\($0)'" } ?? "")
    guard !image.shape.isEmpty, image.shape.allSatisfy({ $0 > 0 }), image.shape.count <= 999 else {
      throw FITSIOError.invalidRequest(
        path: url.path, hdu: label, reason: "cannot write an image of shape \(image.shape)")
    }
    try CFITSIO.locked {
      table = nil
      var status: Int32 = 0
      var axes = image.shape.map { Int64($0) }
      let bitpix: Int32 = Pixel.self == Double.self ? DOUBLE_IMG : FLOAT_IMG
      ffcrimll(fptr, bitpix, Int32(axes.count), &axes, &status)
      if status != 0 { throw failure(status, "creating the image HDU", hdu: label) }
      hduCount += 1
      var all = cards
      if let extname { all.insert(FITSCard("EXTNAME", extname, comment: "extension name"), at: 0) }
      try writeCards(all, label: label)
      var first = [Int64](repeating: 1, count: axes.count)
      var pixels = image.pixels
      ffppxll(fptr, Pixel.cfitsioDatatype, &first, Int64(pixels.count), &pixels, &status)
      if status != 0 { throw failure(status, "writing \(pixels.count) pixels", hdu: label) }
    }
  }

  /// Finishes the file: writes checksums to every HDU, closes it and renames it over the destination.
  public func commit() throws {
    precondition(!closed, "FITSWriter.commit() called twice")
    try CFITSIO.locked {
      var status: Int32 = 0
      if hduCount == 0 {
        var none: Int64 = 0
        ffcrimll(fptr, 8, 0, &none, &status)
        if status != 0 { throw failure(status, "creating an empty primary HDU", hdu: "HDU 0") }
      }
      var n: Int32 = 0
      ffthdu(fptr, &n, &status)
      for i in 1...max(Int(n), 1) {
        var type: Int32 = 0
        ffmahd(fptr, Int32(i), &type, &status)
        ffpcks(fptr, &status)
        if status != 0 { throw failure(status, "writing CHECKSUM/DATASUM", hdu: "HDU \(i - 1)") }
      }
      closed = true
      ffclos(fptr, &status)
      if status != 0 {
        let error = failure(status, "closing the file", hdu: nil)
        try? FileManager.default.removeItem(at: temporaryURL)
        throw error
      }
    }
    do { try AtomicFile.commit(temporary: temporaryURL, to: url) } catch {
      try? FileManager.default.removeItem(at: temporaryURL)
      throw FITSIOError.invalidRequest(path: url.path, hdu: nil, reason: FileErrorText.reason(error))
    }
  }

  /// Builds the error for a cfitsio failure. Caller holds the lock.
  func failure(_ status: Int32, _ operation: String, hdu: String?, column: String? = nil, rows: String? = nil)
    -> FITSIOError
  {
    .cfitsio(
      path: url.path, hdu: hdu, column: column, rows: rows, operation: operation, status: status,
      statusText: CFITSIO.statusText(status), messages: CFITSIO.drainMessages())
  }
}

extension FITSWriter {
  /// Writes one image to `url` atomically (a primary HDU with the cards).
  public static func writeImage<Pixel: FITSPixel>(
    _ image: FITSImage<Pixel>, cards: [FITSCard] = [],
    to url: URL
  ) throws {
    let w = try FITSWriter(url: url)
    try w.addImage(image, cards: cards)
    try w.commit()
  }
}
