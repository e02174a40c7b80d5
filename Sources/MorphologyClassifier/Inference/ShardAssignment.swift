// galmorph — MorphologyClassifier
//
// Which input rows a shard of `annotate --shard K/N --shard-by …` holds, as runs of consecutive rows.
import CatalogIO
import Foundation
import HDF5IO
import SkyGeometry

/// The rows of one shard: input rows (0-based) in order, as `[start, end)` runs, and for sky shards the NESTED
/// pixels they cover.
public struct ShardRows: Sendable, Equatable {
  public var runs: [Range<Int>]
  /// First and last NESTED pixel of a `healpix` shard (empty for `rows` or an empty shard).
  public var pixels: [Int]

  public var count: Int { runs.reduce(0) { $0 + $1.count } }

  /// `[start, end]` pairs, as the manifest stores them.
  public var pairs: [[Int]] { runs.map { [$0.lowerBound, $0.upperBound] } }

  /// The sorted row indices `rows` as maximal runs.
  public static func runs<S: Sequence>(of rows: S) -> [Range<Int>] where S.Element == Int {
    var out: [Range<Int>] = []
    for r in rows {
      if let last = out.last, last.upperBound == r {
        out[out.count - 1] = last.lowerBound..<(r + 1)
      } else {
        out.append(r..<(r + 1))
      }
    }
    return out
  }
}

/// Cuts a catalog into the parts of ``ShardScheme``.
public enum ShardAssignment {
  /// The rows of `shard` in a catalog of `total` rows. `positions` gives the rows' (RA, Dec) in degrees and is
  /// called only for `healpix` shards.
  public static func rows(
    of shard: AnnotationShard, scheme: ShardScheme, total: Int,
    positions: () throws -> (ra: [Double], dec: [Double])
  ) throws -> ShardRows {
    switch scheme {
    case .rows:
      let r = shard.rows(of: total)
      return ShardRows(runs: r.isEmpty ? [] : [r], pixels: [])
    case .healpix(let nside):
      let (ra, dec) = try positions()
      precondition(ra.count == total && dec.count == total, "one position per row")
      let pixel = try nestedPixels(ra: ra, dec: dec, nside: nside)
      let owner = shardOfPixel(pixel, count: shard.count)
      var mine: [Int] = [], lo = Int.max, hi = Int.min
      for (row, p) in pixel.enumerated() where owner[p] == shard.index {
        mine.append(row); lo = min(lo, p); hi = max(hi, p)
      }
      return ShardRows(runs: ShardRows.runs(of: mine), pixels: mine.isEmpty ? [] : [lo, hi])
    }
  }

  /// Every row's NESTED pixel at `nside` (chealpix `ang2pix_nest` through ``HEALPix``).
  public static func nestedPixels(ra: [Double], dec: [Double], nside: Int) throws -> [Int] {
    let hp = try HEALPix(nside: nside, ordering: .nested)
    return zip(ra, dec).map { hp.pixel(raDegrees: $0, decDegrees: $1) }
  }

  /// The shard of each occupied pixel: walking pixels in increasing NESTED order, pixel `p` goes to shard
  /// ⌊N·R(p)/T⌋, R(p) = rows in pixels before `p`, T = all rows (``ShardScheme/healpix(nside:)``).
  public static func shardOfPixel(_ pixelOfRow: [Int], count n: Int) -> [Int: Int] {
    var perPixel: [Int: Int] = [:]
    for p in pixelOfRow { perPixel[p, default: 0] += 1 }
    let total = pixelOfRow.count
    var before = 0, owner: [Int: Int] = [:]
    for p in perPixel.keys.sorted() {
      owner[p] = min(n - 1, n * before / max(total, 1))
      before += perPixel[p]!
    }
    return owner
  }

  /// RA/Dec of every row of a catalog file (CSV/TSV, FITS or HDF5 table, through `Catalog.load`, which names the
  /// file, row and column of a missing or invalid position), or of an HDF5 image stack's `ra`/`dec` datasets.
  public static func positions(
    of url: URL, raColumn: String?, decColumn: String?
  ) throws -> (ra: [Double], dec: [Double]) {
    if Annotator.isImageStack(url) {
      let file = try HDF5File(url: url)
      defer { file.close() }
      let stack = try ImageStackFile(file: file)
      guard stack.has(ImageStackSchema.ra), stack.has(ImageStackSchema.dec) else {
        throw ClassifierError.invalidInput(
          path: url.path,
          reason: "the image stack has no \(ImageStackSchema.ra)/\(ImageStackSchema.dec) datasets, which "
            + "--shard-by healpix needs; use --shard-by rows")
      }
      let ra = try stack.column(ImageStackSchema.ra).read(as: Double.self)
      let dec = try stack.column(ImageStackSchema.dec).read(as: Double.self)
      for (i, (a, d)) in zip(ra, dec).enumerated() where !(a.isFinite && d.isFinite && abs(d) <= 90) {
        throw ClassifierError.invalidInput(
          path: url.path,
          reason: "dataset \(a.isFinite ? ImageStackSchema.dec : ImageStackSchema.ra), row \(i): position "
            + "(\(a), \(d)) is not a sky position (RA finite, −90 ≤ Dec ≤ 90)")
      }
      return (ra, dec)
    }
    let cat = try Catalog.load(contentsOf: url, columns: CatalogColumnSelection(ra: raColumn, dec: decColumn))
    return (cat.ra, cat.dec)
  }
}

/// Reads the selected rows of a sequential ``AnnotationSource``: walks the runs, skipping the rows between them,
/// and fills batches across runs (so a sky shard of scattered rows still predicts full batches).
struct RowCursor {
  let runs: [Range<Int>]
  /// The run being read and the offset in it.
  var run = 0, offset = 0
  /// Input rows consumed from the source so far.
  var position = 0

  /// A cursor positioned after the first `done` selected rows (a resumed run); nothing is read until ``next``.
  init(runs: [Range<Int>], skipping done: Int) {
    self.runs = runs
    var left = done
    while run < runs.count, left >= runs[run].count { left -= runs[run].count; run += 1 }
    offset = left
  }

  /// Up to `max` selected rows. With `mustExist` (a shard, whose rows were counted) a catalog that ends early is an
  /// error; otherwise the end of the input ends the selection.
  mutating func next(_ max: Int, from source: any AnnotationSource, mustExist: Bool, path: String) throws
    -> [(fields: [String], image: ImageBuffer?, status: CutoutPrediction.Status)]
  {
    var batch: [(fields: [String], image: ImageBuffer?, status: CutoutPrediction.Status)] = []
    while batch.count < max, run < runs.count {
      let start = runs[run].lowerBound + offset
      if start > position {
        let skipped = try source.skip(start - position)
        position += skipped
        if position < start {
          if mustExist { throw Self.short(path, position) }
          return batch
        }
      }
      let k = Swift.min(max - batch.count, runs[run].upperBound - start)
      let got = try source.next(k)
      position += got.count
      batch += got
      offset += got.count
      if offset == runs[run].count { run += 1; offset = 0 }
      if got.count < k {
        if mustExist { throw Self.short(path, position) }
        return batch
      }
    }
    return batch
  }

  static func short(_ path: String, _ rows: Int) -> ClassifierError {
    .invalidInput(path: path, reason: "the catalog ends after \(rows) rows, before the shard's last row (changed?)")
  }
}
