// galmorph — FITSIO
//
// Reading binary and ASCII tables: column descriptions, and columns by name in row chunks.

import CCFITSIO

extension FITSFile {
  /// Row count and column descriptions (TTYPE, TFORM, TUNIT, repeat, type) of the table in `hdu`.
  public func tableInfo(_ hdu: FITSHDU) throws -> FITSTableInfo {
    try CFITSIO.locked { try currentTableInfo(move(to: hdu)) }
  }

  /// Reads column `name` (case-insensitive) of the table in `hdu`, for `rows` (0-based, default all).
  ///
  /// Values are converted by cfitsio (`ffgcv`, `ffgcvs`, `ffgcfl`) with TSCAL/TZERO applied: floating-point and
  /// non-integrally scaled columns → `.double` (undefined → NaN), integer columns → `.integer`, `A` → `.string`,
  /// `L` → `.logical` (undefined → nil). Vector columns (repeat > 1) are flattened row-major. Read a large table in
  /// chunks by calling this with consecutive row ranges.
  public func readColumn(_ name: String, hdu: FITSHDU, rows: Range<Int>? = nil) throws -> FITSColumn {
    try CFITSIO.locked {
      let hduInfo = try move(to: hdu)
      let table = try currentTableInfo(hduInfo)
      guard let column = table.column(name) else {
        throw FITSIOError.columnNotFound(
          path: path, hdu: hduInfo.label, column: name, available: table.columns.map(\.name))
      }
      let range = rows ?? 0..<table.rowCount
      guard range.lowerBound >= 0, range.upperBound <= table.rowCount else {
        throw FITSIOError.invalidRequest(
          path: path, hdu: hduInfo.label,
          reason:
            "rows \(range.lowerBound)..<\(range.upperBound) of column '\(column.name)' are outside the table's \(table.rowCount) rows (0-based)"
        )
      }
      try checkDataPresent(hduInfo)
      let values = try readValuesInSlices(column, range, hduInfo.label)
      return FITSColumn(info: column, rows: range, values: values)
    }
  }

  /// Reads at most ~2^20 elements per cfitsio call, so memory grows only with data that actually exists.
  /// Reads several columns for the same rows (one lock, one HDU move): the chunked form catalog readers use.
  public func readColumns(_ names: [String], hdu: FITSHDU, rows: Range<Int>? = nil) throws -> [FITSColumn] {
    try CFITSIO.locked { try names.map { try readColumn($0, hdu: hdu, rows: rows) } }
  }

  private func readValuesInSlices(_ column: FITSColumnInfo, _ range: Range<Int>, _ label: String) throws
    -> FITSColumnValues
  {
    guard column.repeatCount <= 1 << 28 else {
      throw FITSIOError.unsupportedColumn(
        path: path, hdu: label, column: column.name, tform: column.tform,
        reason: "\(column.repeatCount) elements per row is beyond this reader's limit (2^28)")
    }
    let step = max(1, (1 << 20) / column.repeatCount)
    if range.count <= step { return try readValues(column, range, label) }
    var doubles: [Double] = [], integers: [Int64] = [], strings: [String] = [], logicals: [Bool?] = []
    for start in stride(from: range.lowerBound, to: range.upperBound, by: step) {
      switch try readValues(column, start..<min(start + step, range.upperBound), label) {
      case let .double(v): doubles += v
      case let .integer(v): integers += v
      case let .string(v): strings += v
      case let .logical(v): logicals += v
      }
    }
    switch column.kind {
    case .double: return .double(doubles)
    case .integer: return .integer(integers)
    case .string: return .string(strings)
    default: return .logical(logicals)
    }
  }

  private func readValues(_ column: FITSColumnInfo, _ range: Range<Int>, _ label: String) throws -> FITSColumnValues {
    let colnum = Int32(column.index + 1)
    let firstRow = Int64(range.lowerBound + 1)
    let n = range.count * column.repeatCount
    var status: Int32 = 0
    var anyNull: Int32 = 0
    func fail() -> FITSIOError {
      failure(
        status, "reading column values", hdu: label, column: column.name,
        rows: "\(range.lowerBound)..<\(range.upperBound)")
    }
    switch column.kind {
    case .unsupported:
      throw FITSIOError.unsupportedColumn(
        path: path, hdu: label, column: column.name, tform: column.tform,
        reason:
          "complex and variable-length (P/Q) columns are not supported; convert the table with astropy or fcopy first")
    case .double:
      if n == 0 { return .double([]) }
      var null = Double.nan
      let v = [Double](unsafeUninitializedCapacity: n) { buf, count in
        ffgcv(fptr, TDOUBLE, colnum, firstRow, 1, Int64(n), &null, buf.baseAddress, &anyNull, &status)
        if status != 0 { buf.initialize(repeating: .nan) }
        count = n
      }
      if status != 0 { throw fail() }
      return .double(v)
    case .integer:
      if n == 0 { return .integer([]) }
      var null: Int64 = 0
      let v = [Int64](unsafeUninitializedCapacity: n) { buf, count in
        ffgcv(fptr, TLONGLONG, colnum, firstRow, 1, Int64(n), &null, buf.baseAddress, &anyNull, &status)
        if status != 0 { buf.initialize(repeating: 0) }
        count = n
      }
      if status != 0 { throw fail() }
      return .integer(v)
    case .logical:
      if n == 0 { return .logical([]) }
      var flags = [CChar](repeating: 0, count: n)
      var nulls = [CChar](repeating: 0, count: n)
      if abs(column.typeCode) == TBIT {
        // An X column holds `repeat` bits per row; ffgcx unpacks the bits of one row at a time.
        let bits = column.repeatCount
        flags.withUnsafeMutableBufferPointer { buf in
          for r in 0..<range.count where status == 0 {
            ffgcx(fptr, colnum, firstRow + Int64(r), 1, Int64(bits), buf.baseAddress.map { $0 + r * bits }, &status)
          }
        }
      } else {
        ffgcfl(fptr, colnum, firstRow, 1, Int64(n), &flags, &nulls, &anyNull, &status)
      }
      if status != 0 { throw fail() }
      return .logical((0..<n).map { nulls[$0] != 0 ? nil : flags[$0] != 0 })
    case .string:
      if n == 0 { return .string([]) }
      let stride = max(column.width, 1) + 1
      var storage = [CChar](repeating: 0, count: n * stride)
      var null = CFITSIO.cString("")
      storage.withUnsafeMutableBufferPointer { buf in
        guard let base = buf.baseAddress else { return }
        var pointers: [UnsafeMutablePointer<CChar>?] = (0..<n).map { base + $0 * stride }
        ffgcvs(fptr, colnum, firstRow, 1, Int64(n), &null, &pointers, &anyNull, &status)
      }
      if status != 0 { throw fail() }
      let strings = (0..<n).map { i -> String in
        var s = CFITSIO.string(Array(storage[(i * stride)..<((i + 1) * stride)]))
        while s.hasSuffix(" ") { s.removeLast() }
        return s
      }
      return .string(strings)
    }
  }

  /// Table facts of the current HDU. Caller holds the lock and has moved to the HDU.
  func currentTableInfo(_ info: FITSHDUInfo) throws -> FITSTableInfo {
    guard info.kind != .image else {
      throw FITSIOError.wrongHDUType(
        path: path, hdu: info.label, expected: "a table",
        found: info.isCompressed ? "a tile-compressed image" : "an image")
    }
    var status: Int32 = 0
    var ncols: Int32 = 0
    var nrows: Int64 = 0
    ffgncl(fptr, &ncols, &status)
    ffgnrwll(fptr, &nrows, &status)
    if status != 0 { throw failure(status, "reading the table size", hdu: info.label) }
    var columns: [FITSColumnInfo] = []
    for c in 0..<Int(max(ncols, 0)) {
      columns.append(try columnInfo(c, ascii: info.kind == .asciiTable, label: info.label))
    }
    return FITSTableInfo(kind: info.kind, rowCount: Int(nrows), columns: columns)
  }

  private func columnInfo(_ c: Int, ascii: Bool, label: String) throws -> FITSColumnInfo {
    let colnum = Int32(c + 1)
    var status: Int32 = 0
    var ttype = [CChar](repeating: 0, count: Int(FLEN_VALUE) + 1)
    var tunit = [CChar](repeating: 0, count: Int(FLEN_VALUE) + 1)
    var tform = [CChar](repeating: 0, count: Int(FLEN_VALUE) + 1)
    var tdisp = [CChar](repeating: 0, count: Int(FLEN_VALUE) + 1)
    var scale = 1.0, zero = 0.0
    if ascii {
      var tbcol = 0
      var tnull = [CChar](repeating: 0, count: Int(FLEN_VALUE) + 1)
      ffgacl(fptr, colnum, &ttype, &tbcol, &tunit, &tform, &scale, &zero, &tnull, &tdisp, &status)
    } else {
      var repeatCount: Int64 = 0
      var tnull: Int64 = 0
      ffgbclll(fptr, colnum, &ttype, &tunit, &tform, &repeatCount, &scale, &zero, &tnull, &tdisp, &status)
    }
    var typeCode: Int32 = 0
    var repeatCount: Int64 = 0
    var width: Int64 = 0
    ffeqtyll(fptr, colnum, &typeCode, &repeatCount, &width, &status)
    if status != 0 { throw failure(status, "reading the description of column \(c)", hdu: label) }
    let kind: FITSColumnKind
    switch abs(typeCode) {
    case _ where typeCode < 0: kind = .unsupported
    case TSTRING: kind = .string
    case TLOGICAL, TBIT: kind = .logical
    case TFLOAT, TDOUBLE, TULONGLONG: kind = .double
    case TBYTE, TSBYTE, TSHORT, TUSHORT, TINT, TUINT, TLONG, TULONG, TLONGLONG: kind = .integer
    default: kind = .unsupported
    }
    let name = CFITSIO.string(ttype)
    let rawForm = stringKey("TFORM\(colnum)") ?? CFITSIO.string(tform)
    return FITSColumnInfo(
      index: c, name: name, tform: rawForm, unit: CFITSIO.string(tunit),
      repeatCount: kind == .string ? 1 : max(Int(repeatCount), 1), kind: kind,
      typeCode: typeCode, width: Int(max(width, 0)))
  }
}
