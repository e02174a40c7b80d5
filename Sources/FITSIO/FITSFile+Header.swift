// galmorph — FITSIO
//
// Reading all header cards of an HDU.

import CCFITSIO
import Foundation

extension FITSFile {
  /// All cards of `hdu` (cfitsio `ffghsp` + `ffgkyn`), in order, with CONTINUE long strings joined.
  ///
  /// For a tile-compressed image these are the cards of its storage table (ZBITPIX, ZNAXISn, ZCMPTYPE … and
  /// every card copied from the original image); `imageInfo` gives the decompressed image's BITPIX and shape.
  public func header(_ hdu: FITSHDU = .primary) throws -> FITSHeader {
    try CFITSIO.locked {
      let info = try move(to: hdu)
      var status: Int32 = 0
      var count: Int32 = 0
      var more: Int32 = 0
      ffghsp(fptr, &count, &more, &status)
      if status != 0 { throw failure(status, "reading the header size", hdu: info.label) }
      var cards: [FITSCard] = []
      cards.reserveCapacity(Int(count))
      var key = [CChar](repeating: 0, count: Int(FLEN_KEYWORD) + 1)
      var value = [CChar](repeating: 0, count: Int(FLEN_VALUE) + 1)
      var comment = [CChar](repeating: 0, count: Int(FLEN_COMMENT) + 1)
      var n: Int32 = 1
      while n <= count {
        ffgkyn(fptr, n, &key, &value, &comment, &status)
        if status != 0 { throw failure(status, "reading header card \(n)", hdu: info.label) }
        let k = CFITSIO.string(key)
        let raw = CFITSIO.string(value)
        let c = CFITSIO.string(comment)
        if k == "CONTINUE", var last = cards.last, case var .string(s)? = last.value, s.hasSuffix("&") {
          // cfitsio returns a CONTINUE card's whole text (`'more' / comment`) in the comment field.
          let (more, moreComment) = FITSFile.splitQuoted(raw.isEmpty ? c : raw)
          s.removeLast()
          s += more
          last.value = .string(s)
          if !moreComment.isEmpty {
            last.comment = last.comment.isEmpty ? moreComment : last.comment + " " + moreComment
          }
          cards[cards.count - 1] = last
        } else if k == "COMMENT" || k == "HISTORY" || k.isEmpty {
          cards.append(FITSCard(k, nil, comment: commentaryText(raw: raw, comment: c)))
        } else {
          cards.append(FITSCard(k, FITSValue(parsing: raw), comment: c))
        }
        n += 1
      }
      return FITSHeader(cards: cards)
    }
  }

  /// Splits `'quoted text' / comment` into the unquoted text (doubled quotes undone, trailing blanks removed)
  /// and the comment.
  static func splitQuoted(_ text: String) -> (String, String) {
    let chars = Array(text.trimmingCharacters(in: .whitespaces))
    guard chars.first == "'" else { return (String(chars), "") }
    var value = ""
    var i = 1
    while i < chars.count {
      if chars[i] == "'" {
        if i + 1 < chars.count && chars[i + 1] == "'" { value.append("'"); i += 2; continue }
        break
      }
      value.append(chars[i])
      i += 1
    }
    var rest = i + 1 < chars.count ? String(chars[(i + 1)...]).trimmingCharacters(in: .whitespaces) : ""
    if rest.hasPrefix("/") { rest = String(rest.dropFirst()).trimmingCharacters(in: .whitespaces) }
    while value.hasSuffix(" ") { value.removeLast() }
    return (value, rest)
  }

  /// cfitsio returns commentary text in the comment field; keep whichever is filled.
  private func commentaryText(raw: String, comment: String) -> String { comment.isEmpty ? raw : comment }
}
