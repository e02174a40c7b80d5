// galmorph — package layout tests
//
// The modules a Swift file imports: `import X`, `@testable import X`, `internal import X`, `@_exported import X`,
// `import struct X.Y`, also inside `#if`. Lines inside comments and string literals (the notebooks' Python cells
// say `import pandas`) are not imports.

import Foundation

/// One import declaration.
struct SwiftImport {
  var module: String
  /// Path relative to the package root.
  var file: String
  var line: Int

  var location: String { "\(file):\(line)" }

  /// The imports of the Swift source `text`, read from the file `file`.
  static func scan(_ text: String, file: String) -> [SwiftImport] {
    // At the start of a line: attributes and an access level, then `import`, an optional kind
    // (`import struct Foundation.Date`), and the top-level module name.
    let declaration =
      #/
      ^ \s* (?: (?: @\w+ (?: \( [^)]* \) )? | public | package | internal | fileprivate | private ) \s+ )*
      import \s+ (?: (?: typealias | struct | class | enum | protocol | let | var | func ) \s+ )?
      ( [A-Za-z_] [A-Za-z0-9_]* )
      /#
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let inCode = codeLineStarts(text)
    return lines.indices.compactMap { index in
      guard index < inCode.count, inCode[index], let match = lines[index].firstMatch(of: declaration) else {
        return nil
      }
      return SwiftImport(module: String(match.output.1), file: file, line: index + 1)
    }
  }

  /// The imports of every Swift file under `folder` (hidden files skipped, as SwiftPM does), in path order.
  static func scan(folder: URL, root: URL) throws -> [SwiftImport] {
    guard
      let walk = FileManager.default.enumerator(
        at: folder, includingPropertiesForKeys: nil,
        options: [.skipsHiddenFiles])
    else { return [] }
    let files = walk.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
      .map { $0.standardizedFileURL.path }.sorted()
    let prefix = root.standardizedFileURL.path + "/"
    return try files.flatMap { path in
      try scan(String(contentsOfFile: path, encoding: .utf8), file: String(path.dropFirst(prefix.count)))
    }
  }

  /// For each line of `text`, whether it starts in code: not inside a block comment or a multiline string.
  static func codeLineStarts(_ text: String) -> [Bool] {
    enum State { case code, blockComment(depth: Int), string(hashes: Int), multilineString(hashes: Int) }
    let s = Array(text.unicodeScalars)
    var state = State.code
    var starts = [true]
    var i = 0
    func at(_ j: Int, _ literal: String) -> Bool {
      var k = j
      for c in literal.unicodeScalars {
        guard k < s.count, s[k] == c else { return false }
        k += 1
      }
      return true
    }
    // A closing quote (or triple quote) followed by `hashes` #.
    func closes(_ j: Int, quotes: String, hashes: Int) -> Bool {
      at(j, quotes + String(repeating: "#", count: hashes))
    }
    while i < s.count {
      let c = s[i]
      if c == "\n" {
        if case .string = state { state = .code }  // an unterminated string; recover
        if case .code = state { starts.append(true) } else { starts.append(false) }
        i += 1
        continue
      }
      switch state {
      case .code:
        if at(i, "//") {
          while i < s.count && s[i] != "\n" { i += 1 }
          continue
        } else if at(i, "/*") {
          state = .blockComment(depth: 1)
          i += 2
          continue
        }
        var hashes = 0
        while i + hashes < s.count && s[i + hashes] == "#" { hashes += 1 }
        if at(i + hashes, "\"\"\"") {
          state = .multilineString(hashes: hashes)
          i += hashes + 3
        } else if at(i + hashes, "\"") {
          state = .string(hashes: hashes)
          i += hashes + 1
        } else {
          i += max(hashes, 1)
        }
      case .blockComment(let depth):
        if at(i, "/*") {
          state = .blockComment(depth: depth + 1)
          i += 2
        } else if at(i, "*/") {
          state = depth == 1 ? .code : .blockComment(depth: depth - 1)
          i += 2
        } else {
          i += 1
        }
      case .string(let hashes):
        if hashes == 0 && c == "\\" && i + 1 < s.count && s[i + 1] != "\n" {
          i += 2
        } else if closes(i, quotes: "\"", hashes: hashes) {
          state = .code
          i += 1 + hashes
        } else {
          i += 1
        }
      case .multilineString(let hashes):
        if hashes == 0 && c == "\\" && i + 1 < s.count && s[i + 1] != "\n" {
          i += 2
        } else if closes(i, quotes: "\"\"\"", hashes: hashes) {
          state = .code
          i += 3 + hashes
        } else {
          i += 1
        }
      }
    }
    return starts
  }
}
