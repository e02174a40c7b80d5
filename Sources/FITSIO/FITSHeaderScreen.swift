// galmorph — FITSIO
//
// A walk over a FITS file's headers before cfitsio parses them, refusing values that overflow cfitsio's buffers.

import CZlib
import Foundation

/// Screens every header of a FITS file (plain or gzip-compressed) before cfitsio opens it.
///
/// cfitsio 4.2 (Debian 12) copies a column's TTYPEn value into a 70-byte buffer with `strcpy` (`ffgtbp`), so a value
/// that is not a quoted string can run past it: glibc's fortified `strcpy` then aborts the whole process
/// ("buffer overflow detected"; found by `make fuzz`'s fits-image target, Tests/GalmorphFuzzingTests/Regressions/).
/// The FITS Standard (4.0, §7.3.2) makes TTYPEn, TFORMn, TUNITn, TDISPn and TDIMn character strings, i.e. quoted
/// values of at most 68 characters, which never overflow; the screen refuses anything else with the file, the HDU
/// (0-based) and the card (1-based within the header) named. It finds a card's name and value the way cfitsio does
/// (``cfitsioNameAndValue(_:)``), not only the way the Standard lays them out: cfitsio also takes a value after an `=`
/// anywhere in the card ("TTYPE4  ====…", the second finding) and names after `HIERARCH `. Everything else is left
/// to cfitsio, which reports its own errors: the walk stops quietly where the structure stops making sense (a missing
/// END, unreadable NAXISn, a data unit past the end of the file).
///
/// Cost: the header blocks only (data units are skipped by seeking; a gzip stream is read through).
public enum FITSHeaderScreen {
  /// Keywords (without the column number) whose value must be a quoted string.
  static let stringKeywords = ["TTYPE", "TFORM", "TUNIT", "TDISP", "TDIM"]

  /// Throws ``FITSIOError/invalidRequest(path:hdu:reason:)`` for the first card that would overflow cfitsio.
  public static func check(path: String) throws {
    guard let source = BlockSource(path: path) else { return }  // cfitsio reports unreadable files itself
    defer { source.close() }
    var hdu = 0
    while hdu < 100_000 {
      var cards: [String: String] = [:]
      var card = 0
      var ended = false
      headerLoop: while let block = source.read(2880) {
        for start in stride(from: 0, to: 2880, by: 80) {
          card += 1
          let bytes = block[start..<(start + 80)]
          let keyword = String(decoding: bytes.prefix(8), as: UTF8.self).trimmingCharacters(in: .whitespaces)
          if keyword == "END" { ended = true; break headerLoop }
          let (name, parsed) = cfitsioNameAndValue(bytes)
          let upper = name.uppercased()
          if let first = parsed?.first, first != UInt8(ascii: "/"), first != UInt8(ascii: "'"),
            let stem = stringKeywords.first(where: { upper.hasPrefix($0) }),
            upper.dropFirst(stem.count).allSatisfy(\.isNumber), !upper.dropFirst(stem.count).isEmpty
          {
            throw FITSIOError.invalidRequest(
              path: path, hdu: "HDU \(hdu)",
              reason: "header card \(card) (\(name)): the value is not a quoted character string, as the FITS "
                + "Standard requires for \(stem)n; the file is corrupt or not written by a FITS writer")
          }
          guard bytes.dropFirst(8).prefix(2).elementsEqual([UInt8(ascii: "="), UInt8(ascii: " ")]) else { continue }
          let value = bytes.dropFirst(10).drop { $0 == UInt8(ascii: " ") }
          if ["BITPIX", "NAXIS", "PCOUNT", "GCOUNT"].contains(keyword) || keyword.hasPrefix("NAXIS") {
            cards[keyword] = String(
              decoding: value.prefix { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "/") }, as: UTF8.self)
          }
        }
      }
      guard ended, let size = dataBytes(cards) else { return }
      guard source.skip(size) else { return }
      hdu += 1
    }
  }

  /// A card's keyword name and its value from the first non-blank byte (nil when there is none), as cfitsio 4.2 reads
  /// them (`ffgknm` and `ffpsvc`): the card ends at its first NUL byte; the name runs to the first blank or `=` (after
  /// `HIERARCH `, from the first non-blank byte to the `=`, trailing blanks dropped); the value starts in column 11
  /// after "= " in columns 9–10, or else after the first `=` anywhere in the card; COMMENT, HISTORY, END, CONTINUE,
  /// blank names, cards shorter than 9 bytes and cards without `=` have no value.
  static func cfitsioNameAndValue(_ card: ArraySlice<UInt8>) -> (name: String, value: ArraySlice<UInt8>?) {
    let blank = UInt8(ascii: " ")
    let text = card.prefix { $0 != 0 }
    let equals = text.firstIndex(of: UInt8(ascii: "="))
    let hierarch = text.starts(with: Array("HIERARCH ".utf8))
    var name: String
    if hierarch {
      guard let equals else { return ("HIERARCH", nil) }
      name = String(decoding: text[(text.startIndex + 9)..<equals].drop { $0 == blank }, as: UTF8.self)
      while name.hasSuffix(" ") { name.removeLast() }
    } else {
      name = String(decoding: text.prefix { $0 != blank && $0 != UInt8(ascii: "=") }.prefix(74), as: UTF8.self)
    }
    let head = String(decoding: text.prefix(8), as: UTF8.self)
    let valueStart: Int?
    if hierarch {
      valueStart = equals.map { $0 + 1 }
    } else if text.count < 9 || ["COMMENT ", "HISTORY ", "END     ", "CONTINUE", "        "].contains(head) {
      valueStart = nil
    } else if text.dropFirst(8).starts(with: [UInt8(ascii: "="), blank]) {
      valueStart = text.startIndex + 10
    } else {
      valueStart = equals.map { $0 + 1 }
    }
    guard let valueStart else { return (name, nil) }
    let value = text[valueStart...].drop { $0 == blank }
    return (name, value.isEmpty ? nil : value)
  }

  /// `|BITPIX|/8 · GCOUNT · (PCOUNT + NAXIS1 ⋯ NAXISn)` padded to 2880 bytes (FITS Standard 4.0, §4.4.1.1); nil when a
  /// card is missing or unreadable, or the size overflows.
  static func dataBytes(_ cards: [String: String]) -> Int64? {
    guard let bitpix = cards["BITPIX"].flatMap({ Int64($0) }), let naxis = cards["NAXIS"].flatMap({ Int($0) }),
      (0...999).contains(naxis)
    else { return nil }
    var product: Int64 = naxis == 0 ? 0 : 1
    for k in stride(from: 1, through: naxis, by: 1) {
      guard let n = cards["NAXIS\(k)"].flatMap({ Int64($0) }), n >= 0 else { return nil }
      let (p, overflow) = product.multipliedReportingOverflow(by: n)
      if overflow { return nil }
      product = p
    }
    let pcount = cards["PCOUNT"].flatMap { Int64($0) } ?? 0, gcount = cards["GCOUNT"].flatMap { Int64($0) } ?? 1
    let (a, o1) = product.addingReportingOverflow(pcount)
    let (b, o2) = a.multipliedReportingOverflow(by: gcount)
    let (bytes, o3) = b.multipliedReportingOverflow(by: abs(bitpix) / 8)
    guard !(o1 || o2 || o3), bytes >= 0, bytes < Int64.max - 2880 else { return nil }
    return (bytes + 2879) / 2880 * 2880
  }

  /// 2880-byte blocks of a plain file (seeking over data units) or of a gzip stream (reading through them).
  final class BlockSource {
    private var handle: FileHandle?
    private var gz: gzFile?

    init?(path: String) {
      guard let h = FileHandle(forReadingAtPath: path) else { return nil }
      let magic = (try? h.read(upToCount: 2)) ?? Data()
      if magic.elementsEqual([0x1f, 0x8b]) {
        try? h.close()
        guard let g = gzopen(path, "rb") else { return nil }
        gz = g
      } else {
        try? h.seek(toOffset: 0)
        handle = h
      }
    }

    /// The next `count` bytes, or nil at the end (or a short read).
    func read(_ count: Int) -> [UInt8]? {
      if let handle {
        guard let d = try? handle.read(upToCount: count), d.count == count else { return nil }
        return [UInt8](d)
      }
      guard let gz else { return nil }
      var buffer = [UInt8](repeating: 0, count: count)
      let n = buffer.withUnsafeMutableBytes { gzread(gz, $0.baseAddress, UInt32(count)) }
      return n == Int32(count) ? buffer : nil
    }

    /// Moves `count` bytes forward; false past the end of the file.
    func skip(_ count: Int64) -> Bool {
      if let handle {
        guard let here = try? handle.offset(), let end = try? handle.seekToEnd() else { return false }
        let (target, overflow) = Int64(here).addingReportingOverflow(count)
        guard !overflow, target <= Int64(end) else { return false }
        return (try? handle.seek(toOffset: UInt64(target))) != nil
      }
      var left = count
      while left > 0 {
        guard read(Int(min(left, 1 << 20))) != nil else { return false }
        left -= min(left, 1 << 20)
      }
      return true
    }

    func close() {
      try? handle?.close()
      if let gz { gzclose(gz) }
    }
  }
}
