// galmorph — Reports
//
// Convenience cells: a table reloaded with pandas, a figure shown from its PNG.

import Foundation

extension Notebook {
  /// Appends a Markdown cell with the table's title and caption, then a code cell that reloads `csvPath` (relative
  /// to the notebook) with pandas into `variable`, its stored result being `table` in every MIME form. The CSV is
  /// the one `SignificanceTable.writeCSV(to:)` writes, so re-running the cell shows the same numbers at full
  /// precision.
  public mutating func table(_ table: SignificanceTable, csvPath: String, variable: String = "df") {
    var text = "**\(table.title).**"
    if let caption = table.caption, !caption.isEmpty { text += " " + caption }
    markdown(text)
    let source = """
      import pandas as pd
      \(variable) = pd.read_csv(\(Notebook.pythonString(csvPath)))
      \(variable)
      """
    code(source, showing: table)
  }

  /// Appends a code cell that shows the PNG at `pngURL` with IPython, referring to it as `relativePath` (relative
  /// to the notebook), with the image embedded as its stored output.
  /// - Throws: `ReportsError.unreadableFile` or `.notPNG` for the PNG.
  public mutating func figure(pngAt pngURL: URL, relativePath: String, description: String? = nil) throws {
    let bundle = try MimeBundle.image(pngAt: pngURL, description: description)
    let source = """
      from IPython.display import Image
      Image(filename=\(Notebook.pythonString(relativePath)))
      """
    code(source, outputs: [.displayData(bundle)])
  }

  /// A double-quoted Python string literal for `s`.
  static func pythonString(_ s: String) -> String {
    var out = "\""
    for ch in s.unicodeScalars {
      switch ch {
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default: out.unicodeScalars.append(ch)
      }
    }
    return out + "\""
  }
}
