// galmorph — FITSIO
//
// Writing header cards (values formatted here, cards built by cfitsio's ffmkky so HIERARCH keys work).

import CCFITSIO

extension FITSWriter {
  /// Appends `cards` to the current HDU. Caller holds the lock.
  ///
  /// Reals are written in Swift's shortest round-trip form (so a Double reads back bit-identical), with `E`
  /// exponents; non-finite reals, which FITS cannot represent, become undefined values with the comment saying so.
  /// Strings are restricted to printable ASCII (FITS §4.2.1; other characters become `?`), and strings longer than
  /// fit on one card use cfitsio's long-string convention (`ffpkls`, CONTINUE cards, announced by LONGSTRN).
  /// Trailing blanks of strings are not significant in FITS (§4.2.1.1) and do not survive a round trip.
  func writeCards(_ cards: [FITSCard], label: String) throws {
    var status: Int32 = 0
    for card in cards {
      let key = card.key.trimmingCharacters(in: .whitespaces)
      let comment = FITSWriter.printable(card.comment)
      let upper = key.uppercased()
      if upper == "COMMENT" || upper == "HISTORY" || key.isEmpty {
        for chunk in FITSWriter.chunks(comment, size: 70) {
          if upper == "HISTORY" { ffphis(fptr, chunk, &status) } else { ffpcom(fptr, chunk, &status) }
        }
        if status != 0 { throw failure(status, "writing \(upper) card", hdu: label) }
        continue
      }
      let text: String?
      var cardComment = comment
      switch card.value {
      case nil: text = nil
      case let .string(s)?:
        let clean = FITSWriter.printable(s)
        if clean.utf8.count > 60 {
          ffplsw(fptr, &status)  // LONGSTRN card announcing the convention (written once per HDU)
          ffpkls(fptr, key, clean, comment, &status)
          if status != 0 { throw failure(status, "writing long-string card \(key)", hdu: label) }
          continue
        }
        var quoted = "'" + clean.replacingOccurrences(of: "'", with: "''")
        while quoted.utf8.count < 9 { quoted += " " }
        text = quoted + "'"
      case let .logical(b)?: text = b ? "T" : "F"
      case let .integer(i)?: text = String(i)
      case let .real(d)?:
        if d.isFinite {
          var s = "\(d)".uppercased()
          if !s.contains(".") && !s.contains("E") { s += ".0" }
          text = s
        } else {
          text = nil
          cardComment = "\(d) (not representable in FITS) " + comment
        }
      }
      var record = [CChar](repeating: 0, count: Int(FLEN_CARD) + 1)
      var value = CFITSIO.cString(text ?? "")
      ffmkky(key, &value, cardComment, &record, &status)
      if status == 0 { ffprec(fptr, record, &status) }
      if status != 0 { throw failure(status, "writing card \(key)", hdu: label) }
    }
  }

  static func printable(_ s: String) -> String {
    String(String.UnicodeScalarView(s.unicodeScalars.map { $0.value >= 32 && $0.value < 127 ? $0 : "?" }))
  }

  static func chunks(_ s: String, size: Int) -> [String] {
    if s.isEmpty { return [""] }
    var out: [String] = []
    var rest = Substring(s)
    while !rest.isEmpty {
      out.append(String(rest.prefix(size)))
      rest = rest.dropFirst(size)
    }
    return out
  }
}

import Foundation
