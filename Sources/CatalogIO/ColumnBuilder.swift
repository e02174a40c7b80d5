// galmorph — CatalogIO
//
// Accumulating one typed column from the fields of successive CSV records.

/// Converts fields of one column to its inferred type and collects them, chunk by chunk.
struct ColumnBuilder {
  let index: Int
  let name: String
  let type: CatalogColumnType
  let path: String
  /// Keep the text as written (only the empty field is missing), for identifiers.
  let verbatim: Bool
  private var doubles: [Double?] = []
  private var ints: [Int64?] = []
  private var strings: [String?] = []
  private var bools: [Bool?] = []

  init(index: Int, name: String, type: CatalogColumnType, path: String, verbatim: Bool = false) {
    self.index = index
    self.name = name
    self.type = verbatim ? .string : type
    self.path = path
    self.verbatim = verbatim
  }

  /// Appends field `index` of the parser's current record.
  mutating func append(from parser: CSVRecordParser) throws {
    try parser.withField(index) { f in
      let missing = verbatim ? f.isEmpty : FieldParsing.isMissing(f)
      switch type {
      case .double:
        if missing { doubles.append(nil); return }
        guard let v = FieldParsing.parseDouble(FieldParsing.trimmed(f)) else { throw mismatch(parser, f, "a number") }
        doubles.append(v)
      case .int64:
        if missing { ints.append(nil); return }
        guard let v = FieldParsing.parseInt(FieldParsing.trimmed(f)) else { throw mismatch(parser, f, "an integer") }
        ints.append(v)
      case .bool:
        if missing { bools.append(nil); return }
        guard let v = FieldParsing.parseBool(FieldParsing.trimmed(f)) else { throw mismatch(parser, f, "true/false") }
        bools.append(v)
      case .string:
        strings.append(missing ? nil : String(decoding: f, as: UTF8.self))
      }
    }
  }

  /// The values collected since the last call, as a column; the builder is emptied.
  mutating func take() -> CatalogColumn {
    defer {
      doubles.removeAll(keepingCapacity: true)
      ints.removeAll(keepingCapacity: true)
      strings.removeAll(keepingCapacity: true)
      bools.removeAll(keepingCapacity: true)
    }
    switch type {
    case .double: return .doubles(doubles)
    case .int64: return .int64s(ints)
    case .bool: return .bools(bools)
    case .string: return .strings(strings)
    }
  }

  private func mismatch(_ parser: CSVRecordParser, _ f: FieldParsing.Bytes, _ expected: String) -> CatalogIOError {
    .typeMismatch(
      path: path, line: parser.recordLine, column: name, value: String(decoding: f, as: UTF8.self),
      expected: expected)
  }
}
