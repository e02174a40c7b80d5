// galmorph — Reports
//
// Jupyter notebooks (nbformat 4.5) written with their outputs already embedded.

import Foundation
import GalmorphSupport

/// A Jupyter notebook in nbformat 4.5 (`nbformat: 4, nbformat_minor: 5`; schema in jupyter/nbformat
/// `nbformat/v4/nbformat.v4.5.schema.json`), built cell by cell and written with outputs already embedded —
/// galmorph never executes it. Code cells hold Python that reloads `audit.csv`/`audit.json` with pandas, so a
/// reader can re-run and extend the analysis; their stored outputs show the tables and figures as galmorph made them.
///
/// Cells get ids `cell-1`, `cell-2`, … (unique, matching the 4.5 pattern `^[a-zA-Z0-9-_]+$`, 1–64 characters);
/// code cells are numbered 1, 2, … in order (`execution_count`), as if run top to bottom in a fresh kernel.
/// Metadata names the `python3` kernel and `language_info` of Python 3; `provenance`, when given, is stored under
/// `metadata.galmorph`.
public struct Notebook: Sendable {
  public enum Cell: Sendable, Equatable {
    case markdown(String)
    case code(String, outputs: [NotebookOutput])
  }

  public private(set) var cells: [Cell] = []
  public var provenance: Provenance?
  /// Python version recorded in `language_info.version` (default `3`).
  public var pythonVersion: String

  public init(provenance: Provenance? = nil, pythonVersion: String = "3") {
    self.provenance = provenance
    self.pythonVersion = pythonVersion
  }

  /// Appends a Markdown cell.
  public mutating func markdown(_ source: String) { cells.append(.markdown(source)) }

  /// Appends a code cell with its (already computed) outputs.
  public mutating func code(_ source: String, outputs: [NotebookOutput] = []) {
    cells.append(.code(source, outputs: outputs))
  }

  /// Appends a code cell that shows `table` (all MIME forms) as its result, e.g. after loading it with pandas.
  public mutating func code(_ source: String, showing table: SignificanceTable) {
    code(source, outputs: [.executeResult(.table(table))])
  }

  /// The notebook as JSON (sorted keys, pretty printed; nbformat reads any valid JSON).
  public func jsonData() throws -> Data {
    var counter = 0
    let cellJSON: [JSONValue] = cells.enumerated().map { index, cell in
      let id = JSONValue.string("cell-\(index + 1)")
      switch cell {
      case let .markdown(source):
        return .object([
          "cell_type": .string("markdown"), "id": id, "metadata": .object([:]),
          "source": .lines(source),
        ])
      case let .code(source, outputs):
        counter += 1
        return .object([
          "cell_type": .string("code"), "id": id, "metadata": .object([:]),
          "execution_count": .int(counter), "source": .lines(source),
          "outputs": .array(outputs.map { $0.json(executionCount: counter) }),
        ])
      }
    }
    var metadata: [String: JSONValue] = [
      "kernelspec": .object([
        "display_name": .string("Python 3 (ipykernel)"), "language": .string("python"),
        "name": .string("python3"),
      ]),
      "language_info": .object([
        "name": .string("python"), "version": .string(pythonVersion), "mimetype": .string("text/x-python"),
        "file_extension": .string(".py"), "pygments_lexer": .string("ipython3"),
        "nbconvert_exporter": .string("python"),
        "codemirror_mode": .object(["name": .string("ipython"), "version": .int(3)]),
      ]),
    ]
    if let provenance { metadata["galmorph"] = Notebook.json(provenance) }
    let root = JSONValue.object([
      "nbformat": .int(4), "nbformat_minor": .int(5), "metadata": .object(metadata),
      "cells": .array(cellJSON),
    ])
    var data = try JSONCoding.encoder().encode(root)
    data.append(0x0A)
    return data
  }

  /// Writes the notebook to `url` atomically (e.g. `report/audit.ipynb`).
  public func write(to url: URL) throws { try AtomicFile.write(try jsonData(), to: url) }

  /// The provenance record with the same keys as `Provenance.jsonData()`.
  static func json(_ p: Provenance) -> JSONValue {
    var o: [String: JSONValue] = [
      "tool": .string(p.tool), "tool_version": .string(p.toolVersion), "git_commit": .string(p.gitCommit),
      "command_line": .string(p.commandLine), "created_utc": .string(p.createdUTC),
      "inputs": .object(p.inputs.mapValues { .string($0) }), "extra": .object(p.extra.mapValues { .string($0) }),
    ]
    if let seed = p.seed { o["seed"] = .uint(seed) }
    if let m = p.modelSHA256 { o["model_sha256"] = .string(m) }
    return .object(o)
  }
}
