// galmorph — MorphologyClassifier
//
// Where the rows and images of an annotation come from: a CSV/TSV catalog, a FITS/HDF5 table, or an image stack.
import CatalogIO
import Foundation
import HDF5IO

/// Rows (as verbatim text) and their preprocessed images, read `max` rows at a time.
protocol AnnotationSource: AnyObject {
  var header: [String] { get }
  /// Delimiter of the CSV output (the input's for CSV/TSV, else comma).
  var delimiter: CSVDelimiter { get }
  /// Rows in the input, when known without a pass.
  var rowCount: Int? { get }
  /// The column (or dataset) the images come from, for provenance.
  var imageColumn: String { get }
  /// Skips `n` rows; returns how many there were.
  func skip(_ n: Int) throws -> Int
  /// The next at most `max` rows; empty at the end.
  func next(_ max: Int) throws -> [(fields: [String], image: ImageBuffer?, status: CutoutPrediction.Status)]
}

/// A CSV/TSV(.gz) catalog with an image-path column, streamed with `CSVReader`.
final class CSVAnnotationSource: AnnotationSource {
  let url: URL, reader: CSVReader, iImage: Int, recipe: PreprocessingRecipe
  init(url: URL, imageColumn: String?, recipe: PreprocessingRecipe) throws {
    self.url = url; self.recipe = recipe
    reader = try CSVReader(url: url)
    iImage = try CatalogColumns.resolve(
      imageColumn, defaults: CatalogColumns.defaultImageNames, header: reader.header,
      path: url.path, role: "image")
  }
  var header: [String] { reader.header }
  var delimiter: CSVDelimiter { reader.delimiter }
  var rowCount: Int? { try? CSVInspection.inspect(url).rowCount }
  var imageColumn: String { header[iImage] }
  func skip(_ n: Int) throws -> Int { try reader.skipRows(n) }
  func next(_ max: Int) throws -> [(fields: [String], image: ImageBuffer?, status: CutoutPrediction.Status)] {
    let rows = try reader.nextChunk(maxRows: max)
    let cells = rows.map { iImage < $0.fields.count ? $0.fields[iImage].trimmingCharacters(in: .whitespaces) : "" }
    let loaded = Annotator.loadImages(cells, folder: url.deletingLastPathComponent(), recipe: recipe)
    return zip(rows, loaded).map { ($0.fields, $1.image, $1.status) }
  }
}

/// A FITS binary table or HDF5 catalog (`CatalogFile.open`) with an image-path column, read by row ranges.
final class TableAnnotationSource: AnnotationSource {
  let url: URL, reader: any CatalogReader, iImage: Int, recipe: PreprocessingRecipe, total: Int
  var position = 0
  init(url: URL, imageColumn: String?, recipe: PreprocessingRecipe) throws {
    self.url = url; self.recipe = recipe
    reader = try CatalogFile.open(url)
    iImage = try CatalogColumns.resolve(
      imageColumn, defaults: CatalogColumns.defaultImageNames, header: reader.columnNames,
      path: url.path, role: "image")
    guard let n = reader.rowCount else {
      throw ClassifierError.invalidInput(path: url.path, reason: "the table does not state its row count")
    }
    total = n
  }
  var header: [String] { reader.columnNames }
  var delimiter: CSVDelimiter { .comma }
  var rowCount: Int? { total }
  var imageColumn: String { header[iImage] }
  func skip(_ n: Int) throws -> Int { let k = min(n, total - position); position += k; return k }
  func next(_ max: Int) throws -> [(fields: [String], image: ImageBuffer?, status: CutoutPrediction.Status)] {
    let range = position..<min(total, position + max)
    if range.isEmpty { return [] }
    let columns = try header.map { try reader.readVerbatimStrings($0, rows: range).map { $0 ?? "" } }
    position = range.upperBound
    let fields = (0..<range.count).map { k in columns.map { $0[k] } }
    let cells = fields.map { $0[iImage].trimmingCharacters(in: .whitespaces) }
    let loaded = Annotator.loadImages(cells, folder: url.deletingLastPathComponent(), recipe: recipe)
    return zip(fields, loaded).map { ($0, $1.image, $1.status) }
  }
}

/// An HDF5 image stack (``ImageStackSchema``): output columns `stack_index` and the stack's `id` and `row`, its
/// labels as class names in `label` (from `label` or the legacy `labels`), and `ra` and `dec` when present; images
/// scaled by the stack's ``ImageStackPixels/scale`` and preprocessed as in ``LabelledDataset/loadStack(_:labelsDataset:mapping:scale:recipe:frame:)``.
final class StackAnnotationSource: AnnotationSource {
  let file: HDF5File, stack: HDF5ImageStack, path: String, apply: PreprocessingRecipe, scale: Float
  let header: [String]
  let columns: [[String]]
  var position = 0
  init(url: URL, recipe: PreprocessingRecipe) throws {
    path = url.path
    file = try HDF5File(url: url)
    let stackFile = try ImageStackFile(file: file)
    stack = stackFile.images
    scale = stackFile.pixels.scale
    apply = try LabelledDataset.stackRecipe(stackFile, path: path, recipe: recipe, frame: .sourcePixels)
    var names = ["stack_index"], cols = [(0..<stack.count).map(String.init)]
    for name in [ImageStackSchema.id, ImageStackSchema.row] where stackFile.has(name) {
      names.append(name); cols.append(try stackFile.text(name))
    }
    // The labels as class names: the legacy text `labels` when present (verbatim, as before), else the codes.
    let labelsDataset = [ImageStackSchema.legacyLabels, ImageStackSchema.label].first(where: stackFile.has)
    if let labelsDataset {
      names.append(ImageStackSchema.label); cols.append(try stackFile.labels(dataset: labelsDataset).classNames)
    }
    // Sky positions (degrees), so that the annotations can go straight into `galmorph dipole`/`hemispheres`.
    for name in [ImageStackSchema.ra, ImageStackSchema.dec] where stackFile.has(name) {
      names.append(name); cols.append(try stackFile.column(name).read(as: Double.self).map { "\($0)" })
    }
    header = names; columns = cols
  }
  deinit { file.close() }
  var delimiter: CSVDelimiter { .comma }
  var rowCount: Int? { stack.count }
  var imageColumn: String { "images" }
  func skip(_ n: Int) throws -> Int { let k = min(n, stack.count - position); position += k; return k }
  func next(_ max: Int) throws -> [(fields: [String], image: ImageBuffer?, status: CutoutPrediction.Status)] {
    let range = position..<min(stack.count, position + max)
    if range.isEmpty { return [] }
    position = range.upperBound
    let values = try stack.batch(rows: range, scale: scale)
    let per = stack.imageElementCount, (h, w, c) = (stack.height, stack.width, stack.channels)
    return try range.enumerated().map { k, i in
      let img = ImageBuffer(width: w, height: h, channels: c, pixels: Array(values[(k * per)..<((k + 1) * per)]))
      do {
        return (columns.map { $0[i] }, try apply.apply(img, source: "\(path) (images row \(i))"), .ok)
      } catch let e as ClassifierError {
        if case .imageTooSmall = e { return (columns.map { $0[i] }, nil, .imageTooSmall) }
        throw e
      }
    }
  }
}

extension Annotator {
  /// The source for `url`: an HDF5 file with an `images` dataset is an image stack, other HDF5 files and FITS files
  /// are tables, everything else CSV/TSV.
  static func source(for url: URL, imageColumn: String?, recipe: PreprocessingRecipe) throws -> any AnnotationSource {
    switch try CatalogFormat.detect(url) {
    case .csv: return try CSVAnnotationSource(url: url, imageColumn: imageColumn, recipe: recipe)
    case .fits: return try TableAnnotationSource(url: url, imageColumn: imageColumn, recipe: recipe)
    case .hdf5:
      if Self.isImageStack(url) { return try StackAnnotationSource(url: url, recipe: recipe) }
      return try TableAnnotationSource(url: url, imageColumn: imageColumn, recipe: recipe)
    }
  }

  /// True when `url` is an HDF5 file with a rank-3/4 numeric `images` dataset.
  public static func isImageStack(_ url: URL) -> Bool {
    guard (try? CatalogFormat.detect(url)) == .hdf5, let f = try? HDF5File(url: url) else { return false }
    defer { f.close() }
    // Rank and type only: a stack with other defects (e.g. zero-sized images) is still a stack, refused by
    // `HDF5ImageStack` with its reason rather than read as a table without an image column.
    guard let d = try? f.dataset(ImageStackSchema.images) else { return false }
    return [3, 4].contains(d.shape.count) && d.dataType.isNumeric
  }
}
