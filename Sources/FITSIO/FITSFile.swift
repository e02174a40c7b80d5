// galmorph — FITSIO
//
// A FITS file opened for reading through cfitsio; HDU navigation. Pixels, headers and tables are extensions.

import CCFITSIO
import Foundation

/// A FITS file open for reading (cfitsio `ffdkopn`: a plain disk path, so names with `[` or `+` are never parsed as
/// cfitsio's extended file syntax; gzip-compressed files such as `.fits.gz` are decompressed into memory).
///
/// HDUs are addressed by `FITSHDU` (0-based index or EXTNAME). Every call is serialised by a process-wide lock
/// (see `CFITSIO`) and moves to its HDU first, so one `FITSFile` may be shared between threads.
/// The file is closed when the object is released.
public final class FITSFile: @unchecked Sendable {
  /// The file as given.
  public let url: URL
  /// Number of HDUs (primary included).
  public let hduCount: Int
  let fptr: UnsafeMutablePointer<fitsfile>
  /// Size in bytes of an uncompressed file on disk; nil for gzip-compressed files (cfitsio inflates those in memory).
  let plainFileSize: Int64?

  /// Opens `url` read-only. Throws `FITSIOError.fileNotFound` for a missing file and `.cfitsio` (naming the file)
  /// when the primary header or the HDU structure is unreadable (garbage, truncation, broken mandatory cards).
  public init(url: URL) throws {
    self.url = url
    let path = url.path
    guard FileManager.default.isReadableFile(atPath: path) else { throw FITSIOError.fileNotFound(path: path) }
    try FITSHeaderScreen.check(path: path)
    var handle: UnsafeMutablePointer<fitsfile>?
    var count: Int32 = 0
    let opened: UnsafeMutablePointer<fitsfile> = try CFITSIO.locked {
      CFITSIO.clearMessages()
      var status: Int32 = 0
      ffdkopn(&handle, path, READONLY, &status)
      guard status == 0, let h = handle else {
        if let h = handle { var s2: Int32 = 0; ffclos(h, &s2) }
        throw FITSIOError.cfitsio(
          path: path, hdu: "HDU 0 (primary header)", column: nil, rows: nil,
          operation: "opening", status: status, statusText: CFITSIO.statusText(status),
          messages: CFITSIO.drainMessages())
      }
      ffthdu(h, &count, &status)
      if status == 0 {
        // ffthdu stops silently at the first HDU whose header is broken; moving one past the count must give
        // END_OF_FILE, anything else is that broken HDU.
        var type: Int32 = 0
        var probe: Int32 = 0
        ffmahd(h, count + 1, &type, &probe)
        if probe != END_OF_FILE && probe != 0 {
          let err = FITSIOError.cfitsio(
            path: path, hdu: "HDU \(count)", column: nil, rows: nil,
            operation: "reading the header", status: probe,
            statusText: CFITSIO.statusText(probe), messages: CFITSIO.drainMessages())
          var s2: Int32 = 0
          ffclos(h, &s2)
          throw err
        }
        CFITSIO.clearMessages()
      }
      if status != 0 {
        // Name the first HDU whose header cannot be read: walk forward until cfitsio fails.
        let messages = CFITSIO.drainMessages()
        var bad: Int32 = 1
        var s1: Int32 = 0
        var type: Int32 = 0
        while s1 == 0 && bad < 100_000 { bad += 1; ffmahd(h, bad, &type, &s1) }
        CFITSIO.clearMessages()
        let err = FITSIOError.cfitsio(
          path: path, hdu: "HDU \(bad - 1)", column: nil, rows: nil,
          operation: "reading the HDU headers", status: status,
          statusText: CFITSIO.statusText(status), messages: messages)
        var s2: Int32 = 0
        ffclos(h, &s2)
        throw err
      }
      return h
    }
    fptr = opened
    hduCount = Int(count)
    plainFileSize = FITSFile.plainSize(path)
  }

  private static func plainSize(_ path: String) -> Int64? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    let magic = (try? handle.read(upToCount: 2)) ?? Data()
    if magic.count == 2 && magic[magic.startIndex] == 0x1F && magic[magic.startIndex + 1] == 0x8B { return nil }
    return (try? handle.seekToEnd()).map { Int64($0) }
  }

  /// Opens the file at `path`.
  public convenience init(path: String) throws { try self.init(url: URL(fileURLWithPath: path)) }

  deinit {
    CFITSIO.locked {
      var status: Int32 = 0
      ffclos(fptr, &status)
      if status != 0 { CFITSIO.clearMessages() }
    }
  }

  /// The path used in error messages.
  public var path: String { url.path }

  /// All HDUs, in file order.
  public func hdus() throws -> [FITSHDUInfo] { try (0..<hduCount).map { try info(.index($0)) } }

  /// Position, kind, EXTNAME and compression of one HDU.
  public func info(_ hdu: FITSHDU) throws -> FITSHDUInfo { try CFITSIO.locked { try move(to: hdu) } }

  // MARK: - Internals (call with the lock held)

  /// Moves to `hdu` and describes it. Caller holds the lock.
  @discardableResult
  func move(to hdu: FITSHDU) throws -> FITSHDUInfo {
    var status: Int32 = 0
    var type: Int32 = 0
    CFITSIO.clearMessages()
    switch hdu {
    case let .index(i):
      guard i >= 0, i < hduCount else {
        throw FITSIOError.hduNotFound(path: path, hdu: hdu.description, hduCount: hduCount)
      }
      ffmahd(fptr, Int32(i + 1), &type, &status)
    case let .name(n):
      var name = CFITSIO.cString(n)
      ffmnhd(fptr, ANY_HDU, &name, 0, &status)
      if status == BAD_HDU_NUM {
        CFITSIO.clearMessages()
        throw FITSIOError.hduNotFound(path: path, hdu: hdu.description, hduCount: hduCount)
      }
      if status == 0 { ffghdt(fptr, &type, &status) }
    }
    if status != 0 { throw failure(status, "moving to the HDU", hdu: hdu.description) }
    var number: Int32 = 0
    ffghdn(fptr, &number)
    let index = Int(number) - 1
    let extname = stringKey("EXTNAME")
    var compressed = false
    if type == IMAGE_HDU { compressed = fits_is_compressed_image(fptr, &status) != 0 }
    let kind: FITSHDUKind = type == BINARY_TBL ? .binaryTable : type == ASCII_TBL ? .asciiTable : .image
    if status != 0 { throw failure(status, "reading the HDU type", hdu: "HDU \(index)") }
    return FITSHDUInfo(index: index, kind: kind, extname: extname, isCompressed: compressed)
  }

  /// The string value of `key` in the current HDU, or nil when absent or not a string. Caller holds the lock.
  func stringKey(_ key: String) -> String? {
    var status: Int32 = 0
    var value = [CChar](repeating: 0, count: Int(FLEN_VALUE) + 1)
    var comment = [CChar](repeating: 0, count: Int(FLEN_COMMENT) + 1)
    ffgkey(fptr, key, &value, &comment, &status)
    if status != 0 { CFITSIO.clearMessages(); return nil }
    if case let .string(s)? = FITSValue(parsing: CFITSIO.string(value)) { return s }
    return nil
  }

  /// Throws when the current HDU's data unit (as its header sizes it) would end well past the end of the file:
  /// a truncated or lying header must not make us allocate memory for data that is not there. Missing final
  /// padding (< 2880 bytes, common in files written by careless tools) is tolerated. Caller holds the lock.
  func checkDataPresent(_ info: FITSHDUInfo) throws {
    guard let size = plainFileSize else { return }
    var headStart: Int64 = 0, dataStart: Int64 = 0, dataEnd: Int64 = 0
    var status: Int32 = 0
    ffghadll(fptr, &headStart, &dataStart, &dataEnd, &status)
    if status != 0 { throw failure(status, "locating the data unit", hdu: info.label) }
    if dataEnd - 2880 >= size {
      throw FITSIOError.invalidRequest(
        path: path, hdu: info.label,
        reason:
          "the header says the data ends at byte \(dataEnd) but the file has only \(size) bytes; the file is truncated or its NAXISn/BITPIX cards are wrong"
      )
    }
  }

  /// Builds the error for a cfitsio failure, draining cfitsio's message stack. Caller holds the lock.
  func failure(
    _ status: Int32, _ operation: String, hdu: String?, column: String? = nil,
    rows: String? = nil
  ) -> FITSIOError {
    .cfitsio(
      path: path, hdu: hdu, column: column, rows: rows, operation: operation, status: status,
      statusText: CFITSIO.statusText(status), messages: CFITSIO.drainMessages())
  }
}
