// galmorph — package layout tests
//
// Package.swift stays exact and its layering comment stays true (issue 16). Each target's dependency list names
// exactly the modules its files import, and every edge between the package's own modules points down the layering
// comment at the top of Package.swift. Failures name the file and line to change.

import Foundation
import Testing

/// Modules of the packages Package.swift depends on, by product. A product missing here fails the tests: add it.
private let productModules: [String: Set<String>] = [
  "ArgumentParser": ["ArgumentParser"],
  "Numerics": ["Numerics", "RealModule", "ComplexModule"],
]

/// Dependencies a test target may declare without importing: the test helpers add them to every test target.
private let testExemptions: Set<String> = ["_GalmorphTestSupport"]

@Suite struct PackageLayoutTests {
  /// The package root, three folders above this file (Tests/PackageLayoutTests/PackageLayoutTests.swift).
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  let manifest: PackageManifest
  /// Every import of every target with Swift sources, by target name.
  let imports: [String: [SwiftImport]]

  init() throws {
    let text = try String(contentsOf: Self.root.appendingPathComponent("Package.swift"), encoding: .utf8)
    manifest = try PackageManifest(text: text)
    var imports: [String: [SwiftImport]] = [:]
    for target in manifest.targets where target.kind != .systemLibrary {
      imports[target.name] = try SwiftImport.scan(
        folder: Self.root.appendingPathComponent(target.path), root: Self.root)
    }
    self.imports = imports
  }

  /// The reader found every target: each folder in Sources/ and Tests/ is a declared target and the reverse.
  @Test func everyFolderIsATarget() throws {
    let files = FileManager.default
    for folder in ["Sources", "Tests"] {
      let onDisk = try files.contentsOfDirectory(atPath: Self.root.appendingPathComponent(folder).path)
        .filter { !$0.hasPrefix(".") }
      let declared = manifest.targets.map(\.path).filter { $0.hasPrefix(folder + "/") }
      #expect(Set(onDisk.map { "\(folder)/\($0)" }) == Set(declared), "Package.swift's targets vs the folders")
    }
    #expect(manifest.targets.contains { $0.kind == .library } && manifest.targets.contains { $0.kind == .test })
  }

  /// Used but undeclared: every imported module of the package, or of a package's product, is a direct dependency.
  @Test func importsAreDeclared() {
    let packageModules = Set(manifest.targets.map(\.name)).union(productModules.values.joined())
    for target in manifest.targets {
      let uses = imports[target.name, default: []].filter { packageModules.contains($0.module) }
      for use in uses where use.module == target.name {
        Issue.record("\(use.location): imports its own module \(use.module)")
      }
      let undeclared = uses.filter { $0.module != target.name && !Self.declares(target, $0.module) }
      // One issue a module, at its first import.
      for (module, uses) in Dictionary(grouping: undeclared, by: \.module).sorted(by: { $0.key < $1.key }) {
        Issue.record(
          """
          \(uses[0].location)\(uses.count > 1 ? " (and \(uses.count - 1) more)" : ""): imports \(module), which is not \
          among \(target.name)'s dependencies (Package.swift:\(target.line))
          """)
      }
    }
  }

  /// Whether `target` lists `module`, or a product holding it, among its dependencies.
  static func declares(_ target: PackageManifest.Target, _ module: String) -> Bool {
    target.dependencies.contains { dependency in
      switch dependency {
      case .target(let name): name == module
      case .product(let name, _): productModules[name]?.contains(module) ?? false
      }
    }
  }

  /// Declared but unused: every dependency is imported by at least one file of the target.
  @Test func dependenciesAreImported() {
    for target in manifest.targets where target.kind != .systemLibrary {
      let used = Set(imports[target.name, default: []].map(\.module))
      for dependency in target.dependencies {
        let modules: Set<String>
        switch dependency {
        case .target(let name):
          if target.kind == .test && testExemptions.contains(name) { continue }
          modules = [name]
        case .product(let name, _):
          guard let known = productModules[name] else {
            Issue.record("Package.swift:\(target.line): product \(name) is not in productModules")
            continue
          }
          modules = known
        }
        if used.isDisjoint(with: modules) {
          Issue.record(
            "Package.swift:\(target.line): \(target.name) depends on \(dependency), which none of its files imports")
        }
      }
    }
  }

  /// Every library is in the layering comment, and every edge between the package's modules points down it.
  @Test func dependenciesFollowTheLayering() {
    let ranks = manifest.layering.ranks
    for target in manifest.targets where target.kind != .test && !target.name.hasPrefix("_") {
      // An executable the comment leaves out sits above everything.
      let rank = ranks[target.name] ?? (target.kind == .executable ? Layering.Rank(layer: .max, step: 0, line: 0) : nil)
      guard let rank else {
        Issue.record("Package.swift:\(target.line): \(target.name) is not in the layering comment")
        continue
      }
      var edges: [(module: String, location: String)] = target.dependencies.compactMap {
        guard case .target(let name) = $0 else { return nil }
        return (name, "Package.swift:\(target.line)")
      }
      for use in imports[target.name, default: []] where use.module != target.name && manifest.target(use.module) != nil
      {
        edges.append((use.module, use.location))
      }
      for (module, location) in edges {
        guard let below = ranks[module] else {
          Issue.record("\(location): \(target.name) uses \(module), which is not in the layering comment")
          continue
        }
        if !(below < rank) {
          Issue.record(
            """
            \(location): \(target.name) (Package.swift:\(rank.line)) uses \(module), which the layering comment puts \
            \(below == rank ? "beside" : "above") it (Package.swift:\(below.line))
            """)
        }
      }
    }
  }
}
