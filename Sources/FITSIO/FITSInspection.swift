// galmorph — FITSIO
//
// A summary of every HDU of a FITS file, for `galmorph inspect` (text or JSON).

import Foundation

/// What a FITS file holds: per HDU its type, dimensions, BITPIX, compression, EXTNAME, a few key cards and, for
/// tables, the columns and row count. Codable (JSON via `JSONCoding.encoder()`), with `renderText()` for people.
public struct FITSInspection: Codable, Sendable, Equatable {
  public var path: String
  public var fileBytes: Int
  public var hdus: [HDU]

  /// One HDU.
  public struct HDU: Codable, Sendable, Equatable {
    /// 0-based position.
    public var index: Int
    public var kind: FITSHDUKind
    public var extname: String?
    /// BITPIX of the image (ZBITPIX for compressed ones); nil for tables.
    public var bitpix: Int?
    /// Images: NAXIS1, NAXIS2, …; tables: [bytes per row, rows].
    public var dimensions: [Int]
    public var compressed: Bool
    /// ZCMPTYPE of a compressed image (RICE_1, GZIP_1, GZIP_2, HCOMPRESS_1, PLIO_1).
    public var compression: String?
    /// Number of header cards.
    public var cardCount: Int
    /// Selected cards (see `FITSInspection.keyCardNames`), in header order.
    public var keyCards: [KeyCard]
    /// Tables only.
    public var rowCount: Int?
    public var columns: [Column]?
    /// A problem that does not stop reading (e.g. short final padding).
    public var warning: String?
  }

  public struct KeyCard: Codable, Sendable, Equatable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
      self.key = key
      self.value = value
    }
  }

  public struct Column: Codable, Sendable, Equatable {
    public var name: String
    public var tform: String
    public var unit: String
    public var repeatCount: Int

    public init(name: String, tform: String, unit: String, repeatCount: Int) {
      self.name = name
      self.tform = tform
      self.unit = unit
      self.repeatCount = repeatCount
    }
  }

  /// Cards reported in `keyCards`: these names, plus every `CTYPEn` and `CUNITn`.
  public static let keyCardNames: Set<String> = [
    "OBJECT", "TELESCOP", "INSTRUME", "FILTER", "BUNIT", "DATE-OBS", "EXPTIME", "EQUINOX", "RADESYS", "ORIGIN",
  ]

  /// Reads the structure of the file at `url` (headers only; no pixels or rows are read).
  public static func inspect(url: URL) throws -> FITSInspection {
    let file = try FITSFile(url: url)
    let bytes = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
    var hdus: [HDU] = []
    for i in 0..<file.hduCount {
      let info = try file.info(.index(i))
      let header = try file.header(.index(i))
      var hdu = HDU(
        index: i, kind: info.kind, extname: info.extname, bitpix: nil, dimensions: [],
        compressed: info.isCompressed, compression: info.isCompressed ? header.string("ZCMPTYPE") : nil,
        cardCount: header.cards.count, keyCards: keyCards(header), rowCount: nil, columns: nil)
      if info.kind == .image {
        let image = try file.imageInfo(.index(i))
        hdu.bitpix = image.bitpix
        hdu.dimensions = image.shape
      } else {
        let table = try file.tableInfo(.index(i))
        hdu.dimensions = [header.int("NAXIS1") ?? 0, table.rowCount]
        hdu.rowCount = table.rowCount
        hdu.columns = table.columns.map {
          Column(name: $0.name, tform: $0.tform, unit: $0.unit, repeatCount: $0.repeatCount)
        }
      }
      switch try file.dataCompleteness(.index(i)) {
      case .complete: break
      case let .missingPadding(missing): hdu.warning = "final padding short by \(missing) bytes (fitsverify warns)"
      case let .truncated(expected, present):
        throw FITSIOError.invalidRequest(
          path: url.path, hdu: info.label,
          reason:
            "data unit truncated: the header needs \(expected) bytes, the file holds \(present); the file was cut short or its NAXISn/BITPIX cards are wrong"
        )
      }
      hdus.append(hdu)
    }
    return FITSInspection(path: url.path, fileBytes: bytes, hdus: hdus)
  }

  static func keyCards(_ header: FITSHeader) -> [KeyCard] {
    header.cards.compactMap { card in
      let k = card.key.uppercased()
      let wanted =
        keyCardNames.contains(k)
        || (k.hasPrefix("CTYPE") || k.hasPrefix("CUNIT")) && k.count > 5
          && k.dropFirst(5).allSatisfy(\.isNumber)
      guard wanted, let v = card.value else { return nil }
      return KeyCard(key: k, value: v.description)
    }
  }
}
