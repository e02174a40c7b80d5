// galmorph — package layout tests
//
// Reading Package.swift as text (it is never run): its targets with their dependency lists, and the layering comment
// at its top. The reader knows the manifest's own forms and nothing else; anything it cannot read is an error, so a
// change of form fails the layout tests instead of letting them pass on an empty package.

import Foundation

/// The targets and the layering that Package.swift declares.
///
/// Targets are read from these forms, anywhere in the file:
/// - helper calls `library("Name", [deps…], …)`, `tests("Name", [deps…], …)`, `systemLibrary("Name", …)`;
/// - `.target(name: "Name", dependencies: […])`, `.executableTarget(…)`, `.testTarget(…)`, `.systemLibrary(…)`.
///
/// A dependency is `"Name"`, `.target(name: "Name")`, `.byName(name: "Name")` or
/// `.product(name: "Name", package: "package")`. A helper whose body adds `deps + [ … ]` (as `tests` adds
/// `_GalmorphTestSupport`) adds those dependencies to every target it declares.
struct PackageManifest {
  enum Kind: String { case library, systemLibrary, executable, test }

  enum Dependency: Hashable, CustomStringConvertible {
    case target(String)
    case product(name: String, package: String)

    var description: String {
      switch self {
      case .target(let name): name
      case .product(let name, let package): "\(name) (product of \(package))"
      }
    }
  }

  struct Target {
    var name: String
    var kind: Kind
    var dependencies: [Dependency]
    /// Line of the declaration in Package.swift.
    var line: Int
    /// The target's folder relative to the package root: `Sources/<name>` or `Tests/<name>`.
    var path: String { (kind == .test ? "Tests/" : "Sources/") + name }
  }

  struct ParseError: Error, CustomStringConvertible {
    var description: String
  }

  var targets: [Target]
  var layering: Layering

  func target(_ name: String) -> Target? { targets.first { $0.name == name } }

  init(text: String) throws {
    let tokens = try Token.scan(text)
    var reader = Reader(tokens: tokens)
    targets = try reader.targets()
    guard !targets.isEmpty else { throw ParseError(description: "Package.swift: found no target declarations") }
    let names = targets.map(\.name)
    if let repeated = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
      throw ParseError(description: "Package.swift: target \(repeated) read twice")
    }
    layering = try Layering(
      text: text, declared: Set(names), systemLibraries: targets.filter { $0.kind == .systemLibrary }.map(\.name))
  }
}

// MARK: - Layering comment

/// The layering comment: after a line `// Layering …`, one line per layer from the bottom up, each
/// `//   A · B → C   description`. Names joined by `·` are peers (neither may depend on the other); `→` orders
/// names within a line (left is below right). The line `//   C system libraries …` is the layer of every system
/// library target.
struct Layering {
  struct Rank: Comparable {
    /// The layer: the comment line's index, 0 at the bottom.
    var layer: Int
    /// Position in the line's `→` chain (peers share one).
    var step: Int
    /// Line in Package.swift.
    var line: Int

    static func < (a: Rank, b: Rank) -> Bool { (a.layer, a.step) < (b.layer, b.step) }
    static func == (a: Rank, b: Rank) -> Bool { (a.layer, a.step) == (b.layer, b.step) }
  }

  var ranks: [String: Rank] = [:]

  init(text: String, declared: Set<String>, systemLibraries: [String]) throws {
    let lines = text.components(separatedBy: "\n")
    guard let start = lines.firstIndex(where: { $0.hasPrefix("// Layering") }) else {
      throw PackageManifest.ParseError(description: "Package.swift: no `// Layering` comment")
    }
    var layer = 0
    for index in (start + 1)..<lines.count {
      let line = lines[index]
      guard line.hasPrefix("//   ") else { break }
      let body = line.dropFirst(2).trimmingCharacters(in: .whitespaces)
      let head = body.range(of: "  ").map { String(body[..<$0.lowerBound]) } ?? body
      let location = "Package.swift:\(index + 1)"
      if head.hasPrefix("C system libraries") {
        for name in systemLibraries { ranks[name] = Rank(layer: layer, step: 0, line: index + 1) }
      } else {
        for (step, group) in head.components(separatedBy: "→").enumerated() {
          for name in group.components(separatedBy: "·").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard declared.contains(name) else {
              throw PackageManifest.ParseError(
                description: "\(location): the layering comment names `\(name)`, which is not a declared target")
            }
            guard ranks[name] == nil else {
              throw PackageManifest.ParseError(description: "\(location): `\(name)` appears twice in the layering")
            }
            ranks[name] = Rank(layer: layer, step: step, line: index + 1)
          }
        }
      }
      layer += 1
    }
    guard layer > 1 else {
      throw PackageManifest.ParseError(description: "Package.swift:\(start + 1): the layering comment has no layers")
    }
  }
}

// MARK: - Tokens

/// A token of Package.swift: an identifier, a string literal's contents, or one punctuation character.
struct Token: Equatable {
  enum Kind { case identifier, string, punctuation }
  var kind: Kind
  var text: String
  var line: Int

  /// Splits Swift source into tokens, skipping whitespace and comments. Multiline and raw strings are not expected in
  /// a manifest and are an error.
  static func scan(_ text: String) throws -> [Token] {
    let s = Array(text.unicodeScalars)
    var tokens: [Token] = []
    var i = 0
    var line = 1
    func isIdentifier(_ c: Unicode.Scalar) -> Bool { c == "_" || c.properties.isAlphabetic || ("0"..."9").contains(c) }
    while i < s.count {
      let c = s[i]
      let next: Unicode.Scalar? = i + 1 < s.count ? s[i + 1] : nil
      if c == "\n" {
        line += 1
        i += 1
      } else if c.properties.isWhitespace {
        i += 1
      } else if c == "/" && next == "/" {
        while i < s.count && s[i] != "\n" { i += 1 }
      } else if c == "/" && next == "*" {
        i += 2
        while i + 1 < s.count && !(s[i] == "*" && s[i + 1] == "/") {
          if s[i] == "\n" { line += 1 }
          i += 1
        }
        i += 2
      } else if c == "\"" {
        guard !(next == "\"" && i + 2 < s.count && s[i + 2] == "\"") else {
          throw PackageManifest.ParseError(description: "Package.swift:\(line): multiline string not supported")
        }
        var value = String.UnicodeScalarView()
        i += 1
        while i < s.count && s[i] != "\"" && s[i] != "\n" {
          if s[i] == "\\" { i += 1 }
          if i < s.count { value.append(s[i]) }
          i += 1
        }
        tokens.append(Token(kind: .string, text: String(value), line: line))
        i += 1
      } else if isIdentifier(c) {
        let begin = i
        while i < s.count && isIdentifier(s[i]) { i += 1 }
        tokens.append(Token(kind: .identifier, text: String(String.UnicodeScalarView(s[begin..<i])), line: line))
      } else {
        if c == "#" && next == "\"" {
          throw PackageManifest.ParseError(description: "Package.swift:\(line): raw string not supported")
        }
        tokens.append(Token(kind: .punctuation, text: String(c), line: line))
        i += 1
      }
    }
    return tokens
  }
}

// MARK: - Reading targets

private struct Reader {
  var tokens: [Token]

  private static let helperKinds: [String: PackageManifest.Kind] = [
    "library": .library, "tests": .test, "systemLibrary": .systemLibrary,
  ]
  private static let memberKinds: [String: PackageManifest.Kind] = [
    "target": .library, "executableTarget": .executable, "testTarget": .test, "systemLibrary": .systemLibrary,
  ]

  private func text(_ i: Int) -> String? { i >= 0 && i < tokens.count ? tokens[i].text : nil }
  private func kind(_ i: Int) -> Token.Kind? { i >= 0 && i < tokens.count ? tokens[i].kind : nil }
  private func error(_ i: Int, _ message: String) -> PackageManifest.ParseError {
    .init(description: "Package.swift:\(tokens[min(i, tokens.count - 1)].line): \(message)")
  }

  /// Every target declaration, in file order, with the dependencies its helper adds.
  mutating func targets() throws -> [PackageManifest.Target] {
    let implicit = try helperDependencies()
    var found: [PackageManifest.Target] = []
    for i in tokens.indices where kind(i) == .identifier {
      let name = tokens[i].text
      if let kind = Self.helperKinds[name], text(i - 1) != ".", text(i - 1) != "func", text(i + 1) == "(",
        self.kind(i + 2) == .string
      {
        // library("Name", [deps], …) / tests("Name", [deps], …) / systemLibrary("Name", …)
        var deps: [PackageManifest.Dependency] = []
        if kind != .systemLibrary {
          guard text(i + 3) == ",", text(i + 4) == "[" else {
            throw error(i, "\(name)(\"\(tokens[i + 2].text)\", …) has no dependency list as its second argument")
          }
          deps = try dependencyList(at: i + 4)
        }
        found.append(
          .init(
            name: tokens[i + 2].text, kind: kind, dependencies: deps + implicit[name, default: []],
            line: tokens[i].line))
      } else if let kind = Self.memberKinds[name], text(i - 1) == ".", text(i + 1) == "(", text(i + 2) == "name",
        text(i + 3) == ":", self.kind(i + 4) == .string
      {
        // .executableTarget(name: "Name", dependencies: [deps], …)
        let close = try matching(i + 1)
        var deps: [PackageManifest.Dependency] = []
        var depth = 0
        for j in (i + 1)..<close {
          if text(j) == "(" || text(j) == "[" { depth += 1 }
          if text(j) == ")" || text(j) == "]" { depth -= 1 }
          if depth == 1 && text(j) == "dependencies" && text(j + 1) == ":" {
            guard text(j + 2) == "[" else { throw error(j, "dependencies: is not a list literal") }
            deps = try dependencyList(at: j + 2)
          }
        }
        found.append(.init(name: tokens[i + 4].text, kind: kind, dependencies: deps, line: tokens[i].line))
      }
    }
    return found
  }

  /// For each helper `func name(…) { … deps + [ … ] … }`, the dependencies it adds to the list it is given.
  private func helperDependencies() throws -> [String: [PackageManifest.Dependency]] {
    var result: [String: [PackageManifest.Dependency]] = [:]
    for i in tokens.indices where text(i) == "func" && kind(i + 1) == .identifier {
      guard let open = (i..<tokens.count).first(where: { text($0) == "{" }) else { continue }
      let close = try matching(open)
      for j in open..<close where text(j) == "deps" && text(j + 1) == "+" && text(j + 2) == "[" {
        result[tokens[i + 1].text, default: []] += try dependencyList(at: j + 2)
      }
    }
    return result
  }

  /// The index of the bracket closing the one at `open`.
  private func matching(_ open: Int) throws -> Int {
    var depth = 0
    for j in open..<tokens.count {
      if ["(", "[", "{"].contains(text(j)) { depth += 1 }
      if [")", "]", "}"].contains(text(j)) { depth -= 1 }
      if depth == 0 { return j }
    }
    throw error(open, "unbalanced `\(tokens[open].text)`")
  }

  /// The list literal starting at `open` (a `[`): string names, `.target(name:)`, `.byName(name:)`, `.product(…)`.
  private func dependencyList(at open: Int) throws -> [PackageManifest.Dependency] {
    let close = try matching(open)
    var deps: [PackageManifest.Dependency] = []
    var j = open + 1
    while j < close {
      if kind(j) == .string {
        deps.append(.target(tokens[j].text))
        j += 1
      } else if text(j) == ".", ["target", "byName"].contains(text(j + 1)), text(j + 2) == "(", text(j + 3) == "name",
        text(j + 4) == ":", kind(j + 5) == .string, text(j + 6) == ")"
      {
        deps.append(.target(tokens[j + 5].text))
        j += 7
      } else if text(j) == ".", text(j + 1) == "product", text(j + 2) == "(", text(j + 3) == "name",
        text(j + 4) == ":", kind(j + 5) == .string, text(j + 6) == ",", text(j + 7) == "package",
        text(j + 8) == ":", kind(j + 9) == .string, text(j + 10) == ")"
      {
        deps.append(.product(name: tokens[j + 5].text, package: tokens[j + 9].text))
        j += 11
      } else {
        throw error(j, "cannot read the dependency starting at `\(tokens[j].text)`")
      }
      guard j == close || text(j) == "," else { throw error(j, "expected `,` in a dependency list") }
      if j < close { j += 1 }
    }
    return deps
  }
}
