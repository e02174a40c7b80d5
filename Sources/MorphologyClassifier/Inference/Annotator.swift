// galmorph — MorphologyClassifier
//
// Streaming annotation of a catalog with class probabilities; resumable, atomic.
import CatalogIO
import Foundation
import GalmorphSupport

/// Annotates a catalog of cutout paths (CSV/TSV, FITS table, HDF5) or an HDF5 image stack: every input column verbatim, then `p_spiral`, `p_elliptical`,
/// `predicted_class`, `p_spiral_std`, `n_tta` and `status`. Rows whose image is missing, unreadable or too small
/// are kept with empty probabilities and a status saying why — never dropped.
///
/// Streaming: rows are read, decoded (in parallel over the batch) and predicted `batchSize` at a time, so memory
/// does not grow with the catalog. Rows go to `<output>.partial`; after each batch a small state file
/// `<output>.partial.json` (rows done, bytes written, model hash, catalog hash; written atomically) records the
/// progress. `resume` after a kill truncates the partial file to the recorded length and continues with the next
/// row, so no row is duplicated or missing. At the end the partial file is renamed to `output` and a provenance
/// sidecar `<output>.meta.json` is written.
public final class Annotator {
  public let model: ClassifierModel
  /// SHA-256 of the model file.
  public let modelSHA256: String
  public var imageColumn: String?
  /// RA and Dec columns for `--shard-by healpix` (nil: the usual names, ``Catalog/raNames``/``Catalog/decNames``).
  public var raColumn: String?, decColumn: String?
  public var batchSize: Int
  /// 1 or 8 (dihedral test-time augmentation).
  public var tta: Int
  public var progressStyle: ProgressReporter.Style?
  public var commandLine: String?

  public static let addedColumns = ["p_spiral", "p_elliptical", "predicted_class", "p_spiral_std", "n_tta", "status"]

  public init(
    model: ClassifierModel, modelSHA256: String, imageColumn: String? = nil, batchSize: Int = 256, tta: Int = 1,
    progressStyle: ProgressReporter.Style? = nil, commandLine: String? = nil
  ) {
    precondition(batchSize > 0 && (tta == 1 || tta == 8), "batchSize > 0 and tta ∈ {1, 8}")
    self.model = model; self.modelSHA256 = modelSHA256; self.imageColumn = imageColumn; self.batchSize = batchSize
    self.tta = tta; self.progressStyle = progressStyle; self.commandLine = commandLine
  }

  struct ResumeState: Codable, Equatable {
    var rowsDone: Int
    var bytes: UInt64
    var modelSHA256: String
    var catalogSHA256: String
    var tta: Int
    /// The part of the catalog being annotated (nil: all of it), and how the catalog is cut (nil: rows).
    var shard: AnnotationShard?
    var shardBy: ShardScheme?
  }

  /// Summary of a run.
  public struct Summary: Sendable, Equatable {
    public var rows: Int
    public var statusCounts: [String: Int]
    /// False when `stopAfterBatches` stopped the run early (the output is not yet in place).
    public var finished: Bool
  }

  /// Annotates `catalog` into `output`: a CSV/TSV(.gz) catalog, a FITS binary table or an HDF5 catalog with an
  /// image-path column, or an HDF5 image stack (``ImageStackExport``; output columns `stack_index`, `id`, `row`,
  /// `label`, `ra`, `dec` as present). An `output` ending in `.fits`/`.fit` is written as a FITS binary table with provenance cards
  /// (``AnnotationFITSExport``; the resumable partial is CSV text until the end), anything else as CSV with a
  /// `.meta.json` provenance sidecar. `stopAfterBatches` stops after that many batches of this call without
  /// finishing (simulates a kill; tests).
  ///
  /// With `shard` only that part's rows are annotated (cut by `shardBy`, ``ShardScheme``; the output is a complete
  /// annotated catalog of those rows in input order, header included), and a ``ShardManifest`` is written beside the
  /// finished output for `galmorph merge`.
  @discardableResult
  public func annotate(
    catalog: URL, output: URL, resume: Bool = false, shard: AnnotationShard? = nil, shardBy: ShardScheme = .rows,
    stopAfterBatches: Int? = nil
  ) throws -> Summary {
    let source = try Self.source(for: catalog, imageColumn: imageColumn, recipe: model.recipe)
    let totalRows = source.rowCount
    // A resumed run has its partial output already on disk.
    let partialBytes = resume ? DiskSpace.bytes(under: URL(fileURLWithPath: output.path + ".partial")) : 0
    let needed = max(
      0, Self.spaceNeeded(catalog: catalog, source: source, rows: totalRows ?? 0, output: output) - partialBytes)
    return try DiskSpace.reserving(needed, at: output.deletingLastPathComponent(), for: "the annotated catalog") {
      try annotate(
        source: source, totalRows: totalRows, catalog: catalog, output: output, resume: resume, shard: shard,
        shardBy: shardBy, stopAfterBatches: stopAfterBatches)
    }
  }

  /// An estimate of the bytes an annotation writes: per row the input's row (its share of the catalog file, × 4 for
  /// a gzipped one; 100 bytes for an image stack's columns) plus 70 bytes of added columns; twice that for FITS
  /// output (the CSV partial and the table exist together at the end).
  static func spaceNeeded(catalog: URL, source: any AnnotationSource, rows: Int, output: URL) -> Int64 {
    let size = (try? FileManager.default.attributesOfItem(atPath: catalog.path)[.size] as? Int64) ?? 0
    let perRow: Int64
    if source is StackAnnotationSource {
      perRow = 100
    } else {
      let share = rows > 0 ? size / Int64(rows) : 0
      perRow = min(share * (catalog.pathExtension.lowercased() == "gz" ? 4 : 1), 4096)
    }
    return Int64(rows) * (perRow + 70) * (isFITSOutput(output) ? 2 : 1)
  }

  private func annotate(
    source: any AnnotationSource, totalRows: Int?, catalog: URL, output: URL, resume: Bool, shard: AnnotationShard?,
    shardBy: ShardScheme, stopAfterBatches: Int?
  ) throws -> Summary {
    let path = catalog.path
    let header = source.header
    let catalogSHA = try Checksum.sha256(fileAt: catalog)
    let partial = URL(fileURLWithPath: output.path + ".partial")
    let stateURL = URL(fileURLWithPath: output.path + ".partial.json")
    let fm = FileManager.default
    try OutputLocation.prepareParent(of: output)
    var state = ResumeState(
      rowsDone: 0, bytes: 0, modelSHA256: modelSHA256, catalogSHA256: catalogSHA, tta: tta, shard: shard,
      shardBy: shard == nil ? nil : shardBy)
    let selection = try shardRows(of: source, catalog: catalog, shard: shard, scheme: shardBy)
    let selected = shard == nil ? Int.max : selection.count
    // The options a shard's manifest records and a requeued shard must match to be kept.
    var options = ["tta": String(tta), "image_column": source.imageColumn, "threshold": String(model.threshold)]
    if let t = model.temperature { options["temperature"] = String(t) }
    if resume, let shard, let done = try? ShardManifest.read(for: output), done.shard == shard, done.shardBy == shardBy,
      done.modelSHA256 == modelSHA256, done.catalogSHA256 == catalogSHA, done.options == options,
      (try? Checksum.sha256(fileAt: output)) == done.outputSHA256
    {
      return Summary(rows: done.rowCount, statusCounts: [:], finished: true)  // a requeued task that had finished
    }
    try? fm.removeItem(at: ShardManifest.url(for: output))
    var counts: [String: Int] = [:]
    if resume, fm.fileExists(atPath: stateURL.path), fm.fileExists(atPath: partial.path) {
      let old = try JSONDecoder().decode(ResumeState.self, from: Data(contentsOf: stateURL))
      guard old.modelSHA256 == modelSHA256, old.catalogSHA256 == catalogSHA, old.tta == tta, old.shard == shard,
        old.shardBy == state.shardBy
      else {
        throw ClassifierError.invalidInput(
          path: partial.path,
          reason:
            "partial output was made with another model, catalog, --tta, --shard or --shard-by; delete it (and its "
            + ".json) to start afresh")
      }
      state = old
      let h = try FileHandle(forWritingTo: partial)
      try h.truncate(atOffset: old.bytes)
      try h.close()
    } else {
      let head = CSVWriter.line(header + Self.addedColumns, delimiter: source.delimiter)
      do { try Data(head.utf8).write(to: partial) } catch {
        throw SupportError.io(path: partial.path, reason: "cannot write: \(FileErrorText.reason(error))")
      }
      state.bytes = UInt64(head.utf8.count)
      try AtomicFile.write(try JSONEncoder().encode(state), to: stateURL)
    }
    let handle = try FileHandle(forWritingTo: partial)
    defer { try? handle.close() }
    try handle.seek(toOffset: state.bytes)
    let progress = ProgressReporter(
      label: shard.map { "annotate \($0)" } ?? "annotate", total: shard == nil ? totalRows ?? 0 : selected,
      unit: "rows", style: progressStyle)
    progress.advance(by: state.rowsDone)
    var batches = 0
    var cursor = RowCursor(runs: shard == nil ? [0..<Int.max] : selection.runs, skipping: state.rowsDone)
    while true {
      if let s = stopAfterBatches, batches >= s {
        return Summary(rows: state.rowsDone, statusCounts: counts, finished: false)
      }
      try Interruption.check(
        resume:
          "\(state.rowsDone) rows are in \(partial.lastPathComponent); run the same command with --resume to go on")
      let want = min(batchSize, selected - state.rowsDone)
      if want <= 0 { break }
      let batch = try cursor.next(want, from: source, mustExist: shard != nil, path: path)
      if batch.isEmpty { break }
      let okIdx = batch.indices.filter { batch[$0].image != nil }
      let preds = try model.predict(images: okIdx.map { batch[$0].image! }, tta: tta)
      var predByRow: [Int: (p: Double, std: Double)] = [:]
      for (k, i) in okIdx.enumerated() { predByRow[i] = preds[k] }
      var text = ""
      for (i, row) in batch.enumerated() {
        let status = row.status
        counts[status.rawValue, default: 0] += 1
        var extra: [String?]
        if let p = predByRow[i] {
          extra = [
            Self.format(p.p), Self.format(1 - p.p),
            p.p >= model.threshold ? model.classNames.last ?? "spiral" : model.classNames.first ?? "elliptical",
            Self.format(p.std), String(tta), status.rawValue,
          ]
        } else {
          extra = [nil, nil, nil, nil, "0", status.rawValue]
        }
        text += CSVWriter.line(row.fields.map { Optional($0) } + extra, delimiter: source.delimiter)
      }
      let bytes = Data(text.utf8)
      try handle.write(contentsOf: bytes)
      try handle.synchronize()
      state.rowsDone += batch.count
      state.bytes += UInt64(bytes.count)
      try AtomicFile.write(try JSONEncoder().encode(state), to: stateURL)
      progress.advance(by: batch.count)
      batches += 1
    }
    try handle.close()
    progress.finish()
    var prov = Provenance(modelSHA256: modelSHA256, inputs: [path: catalogSHA], commandLine: commandLine)
    prov.extra["tta"] = String(tta)
    prov.extra["rows"] = String(state.rowsDone)
    prov.extra["image_column"] = source.imageColumn
    prov.extra["threshold"] = String(model.threshold)
    if let t = model.temperature { prov.extra["temperature"] = String(t) }
    if let shard {
      prov.extra["shard"] = shard.description
      prov.extra["shard_by"] = shardBy.description
      prov.extra["shard_rows"] =
        "\(selection.count) rows in \(selection.runs.count) run(s)"
        + (selection.runs.first.map { ", first \($0.lowerBound), last \(selection.runs.last!.upperBound - 1)" } ?? "")
      if selection.pixels.count == 2 { prov.extra["shard_pixels"] = "\(selection.pixels[0])...\(selection.pixels[1])" }
    }
    if Self.isFITSOutput(output) {
      try AnnotationFITSExport.convert(csv: partial, delimiter: source.delimiter, to: output, provenance: prov)
      try? fm.removeItem(at: partial)
    } else {
      try AtomicFile.commit(temporary: partial, to: output)
      try AtomicFile.write(try prov.jsonData(), to: URL(fileURLWithPath: output.path + ".meta.json"))
    }
    try? fm.removeItem(at: stateURL)
    if let shard {
      let manifest = ShardManifest(
        shard: shard, shardBy: shardBy, rowRuns: selection.pairs, pixels: selection.pixels,
        totalRows: totalRows ?? 0, output: output.lastPathComponent,
        outputSHA256: try Checksum.sha256(fileAt: output), catalog: path, catalogSHA256: catalogSHA,
        modelSHA256: modelSHA256, options: options, toolVersion: ToolInfo.version, gitCommit: ToolInfo.gitCommit)
      try manifest.write(beside: output)
    }
    return Summary(rows: state.rowsDone, statusCounts: counts, finished: true)
  }

  /// The rows of `shard` (cut by `scheme`) of the catalog behind `source` (empty without a shard).
  func shardRows(
    of source: any AnnotationSource, catalog: URL, shard: AnnotationShard?, scheme: ShardScheme
  ) throws -> ShardRows {
    guard let shard else { return ShardRows(runs: [], pixels: []) }
    guard let total = source.rowCount else {
      throw ClassifierError.invalidInput(
        path: catalog.path, reason: "cannot count the catalog's rows to cut it into shards")
    }
    return try ShardAssignment.rows(of: shard, scheme: scheme, total: total) {
      try ShardAssignment.positions(of: catalog, raColumn: raColumn, decColumn: decColumn)
    }
  }

  /// Whether `output` names a FITS file (`.fits`, `.fit`, `.fts`).
  public static func isFITSOutput(_ output: URL) -> Bool {
    ["fits", "fit", "fts"].contains(output.pathExtension.lowercased())
  }

  /// Probabilities with 6 significant decimals (enough for 1e-6 resolution, stable across platforms).
  static func format(_ x: Double) -> String { String(format: "%.6f", x) }

  /// Loads the images of one batch in parallel; failures become statuses.
  static func loadImages(_ cells: [String], folder: URL, recipe: PreprocessingRecipe) -> [(
    image: ImageBuffer?, status: CutoutPrediction.Status
  )] {
    let results = ResultSlots(count: cells.count)
    DispatchQueue.concurrentPerform(iterations: cells.count) { i in
      let cell = cells[i]
      guard !cell.isEmpty else { results.set(i, (nil, .noImagePath)); return }
      let url = cell.hasPrefix("/") ? URL(fileURLWithPath: cell) : folder.appendingPathComponent(cell)
      guard FileManager.default.fileExists(atPath: url.path) else { results.set(i, (nil, .missingImage)); return }
      do { results.set(i, (try CutoutLoader.load(url, recipe: recipe), .ok)) } catch let e as ClassifierError {
        if case .imageTooSmall = e {
          results.set(i, (nil, .imageTooSmall))
        } else {
          results.set(i, (nil, .unreadableImage))
        }
      } catch { results.set(i, (nil, .unreadableImage)) }
    }
    return results.values
  }
}

/// Per-index results of a concurrent loop (locked).
final class ResultSlots: @unchecked Sendable {
  private(set) var values: [(image: ImageBuffer?, status: CutoutPrediction.Status)]
  private let lock = NSLock()
  init(count: Int) { values = Array(repeating: (nil, .unreadableImage), count: count) }
  func set(_ i: Int, _ v: (image: ImageBuffer?, status: CutoutPrediction.Status)) {
    lock.lock(); values[i] = v; lock.unlock()
  }
}
