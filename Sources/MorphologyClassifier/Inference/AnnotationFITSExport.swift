// galmorph — MorphologyClassifier
//
// Converting a finished annotation (CSV text) into a FITS binary table with provenance cards.
import CatalogIO
import FITSIO
import Foundation
import GalmorphSupport

/// Writes an annotated catalog as one FITS binary table (extension `ANNOTATED`), streaming in two passes over the
/// CSV text so memory stays bounded by the chunk size.
///
/// Column types are inferred from the text (pass 1): a column whose every non-empty cell is an integer written
/// canonically (`Int64(s).description == s`, so ids with leading zeros stay text) and that has no empty cell →
/// `K` (int64); a column whose non-empty cells all parse as numbers → `D` (float64; empty cells → NaN, the FITS
/// convention for undefined floats, FITS 4.0 §5.3); anything else → `nA`, n the longest UTF-8 length (at least 1).
/// So `p_spiral`, `p_elliptical` and `p_spiral_std` are `D` (NaN where `status` is not `ok`), `n_tta` is `K` and
/// `predicted_class`/`status` are strings. The provenance goes into the table header as GM* cards
/// (`FITSCard.provenance`). The file is built under a temporary name and renamed (`FITSWriter.commit`).
enum AnnotationFITSExport {
  enum Kind { case integer, real, text(Int) }

  static func convert(csv: URL, delimiter: CSVDelimiter, to output: URL, provenance: Provenance, chunkRows: Int = 4096)
    throws
  {
    let header = try CSVReader(url: csv, delimiter: delimiter).header
    var isInt = [Bool](repeating: true, count: header.count)
    var isReal = [Bool](repeating: true, count: header.count)
    var hasEmpty = [Bool](repeating: false, count: header.count)
    var width = [Int](repeating: 1, count: header.count)
    let pass1 = try CSVReader(url: csv, delimiter: delimiter)
    while true {
      let rows = try pass1.nextChunk(maxRows: chunkRows)
      if rows.isEmpty { break }
      for r in rows {
        for c in header.indices {
          let s = c < r.fields.count ? r.fields[c] : ""
          width[c] = max(width[c], s.utf8.count)
          if s.isEmpty { hasEmpty[c] = true; continue }
          if isInt[c], Int64(s).map({ $0.description != s }) ?? true { isInt[c] = false }
          if isReal[c], Double(s) == nil { isReal[c] = false }
        }
      }
    }
    let kinds: [Kind] = header.indices.map { c in
      if isInt[c] && !hasEmpty[c] { return .integer }
      if isReal[c] || isInt[c] { return .real }
      return .text(width[c])
    }
    let specs = zip(header, kinds).map { name, kind -> FITSColumnSpec in
      switch kind {
      case .integer: return FITSColumnSpec(name, .int64)
      case .real: return FITSColumnSpec(name, .float64)
      case let .text(w): return FITSColumnSpec(name, .string(width: w))
      }
    }
    let writer = try FITSWriter(url: output)
    try writer.beginTable(columns: specs, extname: "ANNOTATED", cards: FITSCard.provenance(provenance))
    let pass2 = try CSVReader(url: csv, delimiter: delimiter)
    while true {
      let rows = try pass2.nextChunk(maxRows: chunkRows)
      if rows.isEmpty { break }
      let chunk: [FITSColumnValues] = kinds.enumerated().map { c, kind in
        let cells = rows.map { c < $0.fields.count ? $0.fields[c] : "" }
        switch kind {
        case .integer: return .integer(cells.map { Int64($0) ?? 0 })
        case .real: return .double(cells.map { Double($0) ?? .nan })
        case .text: return .string(cells)
        }
      }
      try writer.appendRows(chunk)
    }
    try writer.commit()
  }
}
