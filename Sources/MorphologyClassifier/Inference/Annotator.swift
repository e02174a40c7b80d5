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
    /// The part of the catalog being annotated (nil: all of it).
    var shard: AnnotationShard?
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
  /// With `shard` only that part's rows are annotated (``AnnotationShard/rows(of:)``; the output is a complete
  /// annotated catalog of those rows, header included), and a ``ShardManifest`` is written beside the finished output
  /// for `galmorph merge`.
  @discardableResult
  public func annotate(
    catalog: URL, output: URL, resume: Bool = false, shard: AnnotationShard? = nil, stopAfterBatches: Int? = nil
  ) throws -> Summary {
    let path = catalog.path
    let source = try Self.source(for: catalog, imageColumn: imageColumn, recipe: model.recipe)
    let header = source.header
    let catalogSHA = try Checksum.sha256(fileAt: catalog)
    let partial = URL(fileURLWithPath: output.path + ".partial")
    let stateURL = URL(fileURLWithPath: output.path + ".partial.json")
    let fm = FileManager.default
    try OutputLocation.prepareParent(of: output)
    var state = ResumeState(
      rowsDone: 0, bytes: 0, modelSHA256: modelSHA256, catalogSHA256: catalogSHA, tta: tta, shard: shard)
    let rows = try Self.rowRange(of: source, shard: shard, path: path)
    // The options a shard's manifest records and a requeued shard must match to be kept.
    var options = ["tta": String(tta), "image_column": source.imageColumn, "threshold": String(model.threshold)]
    if let t = model.temperature { options["temperature"] = String(t) }
    if resume, let shard, let done = try? ShardManifest.read(for: output), done.shard == shard,
      done.modelSHA256 == modelSHA256, done.catalogSHA256 == catalogSHA, done.options == options,
      (try? Checksum.sha256(fileAt: output)) == done.outputSHA256
    {
      return Summary(rows: done.rows.count, statusCounts: [:], finished: true)  // a requeued task that had finished
    }
    try? fm.removeItem(at: ShardManifest.url(for: output))
    var counts: [String: Int] = [:]
    if resume, fm.fileExists(atPath: stateURL.path), fm.fileExists(atPath: partial.path) {
      let old = try JSONDecoder().decode(ResumeState.self, from: Data(contentsOf: stateURL))
      guard old.modelSHA256 == modelSHA256, old.catalogSHA256 == catalogSHA, old.tta == tta, old.shard == shard
      else {
        throw ClassifierError.invalidInput(
          path: partial.path,
          reason:
            "partial output was made with another model, catalog, --tta or --shard; delete it (and its .json) to "
            + "start afresh")
      }
      state = old
      let h = try FileHandle(forWritingTo: partial)
      try h.truncate(atOffset: old.bytes)
      try h.close()
      let skipped = try source.skip(rows.lowerBound + old.rowsDone)
      guard skipped == rows.lowerBound + old.rowsDone else {
        throw ClassifierError.invalidInput(
          path: path, reason: "catalog has fewer rows (\(skipped)) than the partial output (\(old.rowsDone))")
      }
    } else {
      guard try source.skip(rows.lowerBound) == rows.lowerBound else {
        throw ClassifierError.invalidInput(path: path, reason: "catalog has fewer rows than \(rows.lowerBound)")
      }
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
      label: shard.map { "annotate \($0)" } ?? "annotate", total: shard == nil ? source.rowCount ?? 0 : rows.count,
      unit: "rows", style: progressStyle)
    progress.advance(by: state.rowsDone)
    var batches = 0
    while true {
      if let s = stopAfterBatches, batches >= s {
        return Summary(rows: state.rowsDone, statusCounts: counts, finished: false)
      }
      let want = min(batchSize, rows.upperBound - rows.lowerBound - state.rowsDone)
      if want <= 0 { break }
      let batch = try source.next(want)
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
      prov.extra["shard_rows"] = "\(rows.lowerBound)..<\(rows.upperBound)"
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
        shard: shard, rowStart: rows.lowerBound, rowEnd: rows.lowerBound + state.rowsDone,
        totalRows: source.rowCount ?? rows.upperBound, output: output.lastPathComponent,
        outputSHA256: try Checksum.sha256(fileAt: output), catalog: path, catalogSHA256: catalogSHA,
        modelSHA256: modelSHA256, options: options, toolVersion: ToolInfo.version, gitCommit: ToolInfo.gitCommit)
      try manifest.write(beside: output)
    }
    return Summary(rows: state.rowsDone, statusCounts: counts, finished: true)
  }

  /// The input rows to annotate: all (`0..<Int.max` when the count is unknown and no shard is asked for), or the
  /// shard's part of the catalog's row count.
  static func rowRange(of source: any AnnotationSource, shard: AnnotationShard?, path: String) throws -> Range<Int> {
    guard let shard else { return 0..<Int.max }
    guard let total = source.rowCount else {
      throw ClassifierError.invalidInput(path: path, reason: "cannot count the catalog's rows to cut it into shards")
    }
    return shard.rows(of: total)
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
