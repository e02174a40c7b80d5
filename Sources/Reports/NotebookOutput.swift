// galmorph — Reports
//
// Outputs of notebook code cells (nbformat 4 output types).

import Foundation

/// A MIME bundle: the representations of one displayed object (nbformat 4 `data` field). Jupyter shows the richest
/// one the front end supports; `text/plain` is the fallback every front end has.
public struct MimeBundle: Sendable, Equatable {
  public var plain: String
  public var markdown: String?
  public var html: String?
  public var latex: String?
  /// PNG bytes (written base64-encoded under `image/png`).
  public var png: Data?

  public init(plain: String, markdown: String? = nil, html: String? = nil, latex: String? = nil, png: Data? = nil) {
    self.plain = plain; self.markdown = markdown; self.html = html; self.latex = latex; self.png = png
  }

  /// A table in every text form: `text/markdown`, `text/html`, `text/latex` (booktabs source) and `text/plain`
  /// (the Markdown again, readable in a terminal).
  public static func table(_ table: SignificanceTable) -> MimeBundle {
    MimeBundle(plain: table.markdown(), markdown: table.markdown(), html: table.html(), latex: table.latex())
  }

  /// An image from a PNG file (e.g. written by `Figure.writePNG(to:)`); `text/plain` carries `description`.
  /// - Throws: `ReportsError.unreadableFile`, or `.notPNG` when the file lacks the PNG signature.
  public static func image(pngAt url: URL, description: String? = nil) throws -> MimeBundle {
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw ReportsError.unreadableFile(path: url.path, reason: error.localizedDescription)
    }
    guard data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else {
      throw ReportsError.notPNG(path: url.path)
    }
    return MimeBundle(plain: description ?? "<Figure \(url.lastPathComponent)>", png: data)
  }

  var json: JSONValue {
    var d: [String: JSONValue] = ["text/plain": .lines(plain)]
    if let markdown { d["text/markdown"] = .lines(markdown) }
    if let html { d["text/html"] = .lines(html) }
    if let latex { d["text/latex"] = .lines(latex) }
    if let png { d["image/png"] = .string(png.base64EncodedString()) }
    return .object(d)
  }
}

/// One output of a code cell (nbformat 4: `stream`, `display_data`, `execute_result`).
public enum NotebookOutput: Sendable, Equatable {
  public enum StreamName: String, Sendable { case stdout, stderr }
  /// Text printed to stdout or stderr.
  case stream(StreamName, String)
  /// An object shown with `display(...)`.
  case displayData(MimeBundle)
  /// The value of the cell's last expression (`Out[n]`); takes the cell's execution count.
  case executeResult(MimeBundle)

  func json(executionCount: Int) -> JSONValue {
    switch self {
    case let .stream(name, text):
      return .object(["output_type": .string("stream"), "name": .string(name.rawValue), "text": .lines(text)])
    case let .displayData(bundle):
      return .object(["output_type": .string("display_data"), "data": bundle.json, "metadata": .object([:])])
    case let .executeResult(bundle):
      return .object([
        "output_type": .string("execute_result"), "data": bundle.json, "metadata": .object([:]),
        "execution_count": .int(executionCount),
      ])
    }
  }
}
