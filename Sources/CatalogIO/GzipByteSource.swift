// galmorph — CatalogIO
//
// Bytes of a plain or gzip-compressed file through zlib's gz* API, in fixed-size blocks.

import CZlib
import Foundation

/// Reads a file block by block through zlib's `gzopen`/`gzread`, which decompresses gzip members transparently and
/// passes plain files through unchanged (zlib manual, "gzip file access functions"), so `.csv` and `.csv.gz` take
/// the same path. Memory use is one block (256 KiB) plus zlib's own buffers, whatever the file size.
///
/// Not thread-safe (it owns a zlib stream); each reader opens its own.
final class GzipByteSource {
  let path: String
  private var file: gzFile?
  static let blockSize = 1 << 18
  /// The block buffer `next()` fills; owned by this source.
  let block: UnsafeMutableBufferPointer<UInt8>

  init(path: String) throws {
    self.path = path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw CatalogIOError.unreadable(path: path, reason: "no such file")
    }
    guard !isDirectory.boolValue else { throw CatalogIOError.unreadable(path: path, reason: "is a folder") }
    guard let f = gzopen(path, "rb") else {
      throw CatalogIOError.unreadable(path: path, reason: String(cString: strerror(errno)))
    }
    gzbuffer(f, UInt32(GzipByteSource.blockSize))
    file = f
    block = .allocate(capacity: GzipByteSource.blockSize)
  }

  deinit {
    if let file { gzclose(file) }
    block.deallocate()
  }

  /// Refills `block` and returns how many bytes it now holds, 0 at the end of the data.
  func next() throws -> Int {
    guard let file else { return 0 }
    let n = gzread(file, block.baseAddress, UInt32(block.count))
    return try finishRead(n, file)
  }

  /// Reads the next bytes into `buffer` (whose size is kept) and returns how many were read, 0 at the end of the
  /// data. Throws when zlib reports an error, including a truncated gzip stream ("unexpected end of file").
  func read(into buffer: inout [UInt8]) throws -> Int {
    guard let file else { return 0 }
    let n = buffer.withUnsafeMutableBytes { gzread(file, $0.baseAddress, UInt32($0.count)) }
    return try finishRead(n, file)
  }

  private func finishRead(_ n: Int32, _ file: gzFile) throws -> Int {
    if n < 0 { throw CatalogIOError.unreadable(path: path, reason: zlibMessage(file)) }
    if n == 0 {
      var code: Int32 = 0
      let message = gzerror(file, &code).map { String(cString: $0) } ?? ""
      if code != Z_OK {
        throw CatalogIOError.unreadable(path: path, reason: "gzip data damaged or truncated (\(message))")
      }
      gzclose(file)
      self.file = nil
    }
    return Int(n)
  }

  private func zlibMessage(_ file: gzFile) -> String {
    var code: Int32 = 0
    let message = gzerror(file, &code).map { String(cString: $0) } ?? "unknown zlib error"
    return code == Z_ERRNO ? String(cString: strerror(errno)) : "zlib: \(message)"
  }
}
